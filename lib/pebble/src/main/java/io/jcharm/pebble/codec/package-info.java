/**
 * The preconfigured Jackson mappers for Pebble's JSON and layer YAML, with Go duration strings
 * ({@code 500ms}, {@code 1m0s}, see jcharm-yaml's {@code GoDurations}).
 */
package io.jcharm.pebble.codec;
