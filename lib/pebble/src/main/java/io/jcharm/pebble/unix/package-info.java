/**
 * HTTP over unix-domain sockets for clients that only know TCP: a {@link java.net.Socket} that
 * ignores the TCP address it is given and connects to a socket file instead, and the
 * {@link javax.net.SocketFactory} that hands such sockets to OkHttp. It honours read timeouts
 * (OkHttp's idle-connection health check relies on a 1 ms {@code soTimeout}) and lets one thread
 * read while another writes, which websockets need.
 */
package io.jcharm.pebble.unix;
