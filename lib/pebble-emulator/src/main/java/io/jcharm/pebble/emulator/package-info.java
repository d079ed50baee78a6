/**
 * An in-process Pebble for tests and the local model: {@link io.jcharm.pebble.emulator.PebbleEmulator}
 * serves Pebble's v1 API on a real unix socket (a small hand-written HTTP/1.1 server with
 * websocket upgrade for exec), keeping layers, plan, changes, checks, notices and an in-memory
 * filesystem. It never runs anything: services are "active" in name only and exec replies come
 * from registered {@link io.jcharm.pebble.emulator.ExecHandler}s; it says so in its logs.
 * Layers, the plan and its defaults follow Pebble 1.32.1's own rules ({@code LayerStack},
 * {@code PlanSchema}, {@code PlanValidation}; YAML written by jcharm-yaml's {@code GoYamlWriter});
 * the module does not depend on the jcharm Pebble client, whose model it is there to check.
 */
package io.jcharm.pebble.emulator;
