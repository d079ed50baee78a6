/**
 * The controller's rules as one table, shipped in jcharm-controller's test-jar so that every
 * adapter runs the same rows: {@link io.jcharm.controller.table.ToolTable} lists them over one
 * {@link io.jcharm.controller.table.Fixture} world; an adapter
 * ({@link io.jcharm.controller.table.ToolTableAdapter}) seeds the world its own way, runs the call
 * its own way (in process, or through lib/local's server and bash client) and reports what the
 * tool printed.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> table() { return ToolTable.tests(new MyAdapter()); }
 * }</pre>
 */
package io.jcharm.controller.table;
