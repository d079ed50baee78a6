/**
 * Wire encodings shared by the Pebble client, the layer model and the emulator: Go duration
 * strings ({@code 500ms}, {@code 1m0s}) and the preconfigured Jackson mappers for Pebble's JSON
 * and for layer YAML written the way Pebble writes it (four-space indent, no document marker,
 * keys in Pebble's order, map keys sorted).
 */
package io.jcharm.pebble.codec;
