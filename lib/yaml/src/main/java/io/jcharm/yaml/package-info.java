/**
 * YAML read the way Juju's Go code reads it (go-yaml v2: YAML 1.1 plain scalars, Go's integer and
 * float syntax, Go's error wording), with the line of every key and item, and Go's ways of
 * printing values ({@code %q}, {@code %#v}, {@code %T}, {@code %v} of a float) so that messages
 * can be byte-for-byte Juju's. Also Go's text written for Go servers: YAML laid out as Pebble's
 * yaml.v3 marshals it ({@link io.jcharm.yaml.GoYamlWriter}) and Go durations
 * ({@link io.jcharm.yaml.GoDurations}), shared by the Pebble client and the Pebble emulator.
 */
package io.jcharm.yaml;
