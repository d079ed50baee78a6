/**
 * YAML read the way Juju's Go code reads it (go-yaml v2: YAML 1.1 plain scalars, Go's integer and
 * float syntax, Go's error wording), with the line of every key and item, and Go's ways of
 * printing values ({@code %q}, {@code %#v}, {@code %T}, {@code %v} of a float) so that messages
 * can be byte-for-byte Juju's.
 */
package io.jcharm.yaml;
