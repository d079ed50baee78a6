/**
 * Pebble's layer model: {@link io.jcharm.pebble.layer.Layer}s of services, checks and log
 * targets, written to and read from YAML with Pebble's field names, combined into a
 * {@link io.jcharm.pebble.layer.Plan} with Pebble's merge/replace rules, and compared against a
 * plan so that a charm adds a layer and replans only when something actually changed.
 */
package io.jcharm.pebble.layer;
