package io.jcharm.pebble.emulator;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small HTTP/1.1 server on a unix-domain socket: one thread per connection, keep-alive,
 * Content-Length and chunked request bodies, and hand-over of a connection to a websocket.
 */
final class HttpServer implements AutoCloseable {
    private final Path socketPath;
    private final Function<HttpRequest, HttpResponse> handler;
    private final Function<String, HttpResponse> badRequest;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private ServerSocketChannel server;
    private Thread acceptor;

    HttpServer(Path socketPath, Function<HttpRequest, HttpResponse> handler, Function<String, HttpResponse> badRequest) {
        this.socketPath = socketPath;
        this.handler = handler;
        this.badRequest = badRequest;
    }

    synchronized boolean isListening() {
        return server != null;
    }

    /** Binds the socket file (replacing a stale one) and starts accepting. */
    synchronized void listen() throws IOException {
        if (server != null) {
            return;
        }
        Files.createDirectories(socketPath.toAbsolutePath().getParent());
        Files.deleteIfExists(socketPath);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(socketPath));
        server = channel;
        acceptor = new Thread(() -> acceptLoop(channel), "pebble-emulator-accept " + socketPath.getFileName());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Stops accepting, removes the socket file and drops every open connection. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        closeQuietly(server);
        server = null;
        try {
            Files.deleteIfExists(socketPath);
        } catch (IOException ignored) {
            // The directory may already be gone (a test's temp dir): nothing left to clean.
        }
        connections.forEach(HttpServer::closeQuietly);
        connections.clear();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop(ServerSocketChannel channel) {
        while (channel.isOpen()) {
            SocketChannel connection;
            try {
                connection = channel.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.add(connection);
            Thread worker = new Thread(() -> serve(connection), "pebble-emulator-conn " + socketPath.getFileName());
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            InputStream in = new BufferedInputStream(new ChannelIn(channel), 16 * 1024);
            OutputStream out = new BufferedOutputStream(new ChannelOut(channel), 16 * 1024);
            while (true) {
                HttpRequest request;
                try {
                    request = HttpRequest.read(in);
                } catch (HttpRequest.BadRequest e) {
                    write(out, badRequest.apply(e.getMessage()), true);
                    return;
                }
                if (request == null) {
                    return;
                }
                HttpResponse response = handler.apply(request);
                if (response.upgrade() != null) {
                    String accept = WebSocketConnection.acceptKey(
                            Objects.requireNonNullElse(request.header("sec-websocket-key"), ""));
                    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    response.upgrade().run(in, out);
                    return;
                }
                write(out, response, request.wantsClose());
                if (request.wantsClose()) {
                    return;
                }
            }
        } catch (IOException e) {
            // The peer went away or the emulator stopped: nothing to answer.
        } finally {
            connections.remove(channel);
        }
    }

    private static void write(OutputStream out, HttpResponse response, boolean close) throws IOException {
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ").append(response.status()).append(' ').append(HttpResponse.reason(response.status()))
                .append("\r\n");
        if (response.contentType() != null) {
            head.append("Content-Type: ").append(response.contentType()).append("\r\n");
        }
        head.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\n")
                .append("Content-Length: ").append(response.body().length).append("\r\n");
        if (close) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(response.body());
        out.flush();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Best effort while shutting down.
        }
    }

    /** Blocking channel reads without {@code Channels.newInputStream}'s lock, so a websocket can read while writing. */
    private static final class ChannelIn extends InputStream {
        private final SocketChannel channel;

        ChannelIn(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
        }
    }

    private static final class ChannelOut extends OutputStream {
        private final SocketChannel channel;

        ChannelOut(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
