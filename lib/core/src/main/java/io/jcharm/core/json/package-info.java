/**
 * JSON for the runtime: {@link io.jcharm.core.json.Json} reads and writes what a hook needs on its
 * hot path (hook tools' {@code --format=json} output, the {@code --file} input of relation-set and
 * state-set, the metadata the packer prepares) as plain Java maps, lists and scalars;
 * {@link io.jcharm.core.json.TypedJson} binds a charm's own types through Jackson, which a hook
 * that binds none never loads.
 */
package io.jcharm.core.json;
