/**
 * The Pebble client: {@link io.jcharm.pebble.PebbleClient} and its unix-socket implementation
 * over OkHttp, the records Pebble's API answers with, the typed exceptions (connection, API
 * error, failed change, timeout, path, exec) and where a container's socket lives
 * ({@link io.jcharm.pebble.PebbleSockets}).
 */
package io.jcharm.pebble;
