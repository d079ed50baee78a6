package io.jcharm.pebble.unix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Socket adapter over a real unix socket: timeouts, full duplex, close. */
class UnixDomainSocketTest {
    private Path dir;
    private Path path;
    private ServerSocketChannel server;

    @BeforeEach
    void listen() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "pb");
        path = dir.resolve("s.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
    }

    @AfterEach
    void close() throws Exception {
        server.close();
        Files.deleteIfExists(path);
        Files.deleteIfExists(dir);
    }

    @Test
    void readTimesOutAndThenStillReads() throws Exception {
        try (Socket socket = new UnixDomainSocketFactory(path).createSocket();
                SocketChannel peer = accept(socket)) {
            socket.setSoTimeout(50);
            InputStream in = socket.getInputStream();
            assertThrows(SocketTimeoutException.class, in::read);
            peer.write(ByteBuffer.wrap(new byte[] {7}));
            assertEquals(7, in.read());
        }
    }

    @Test
    void oneThreadReadsWhileAnotherWrites() throws Exception {
        try (Socket socket = new UnixDomainSocketFactory(path).createSocket();
                SocketChannel peer = accept(socket)) {
            CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return socket.getInputStream().read();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] big = new byte[1 << 20];
            // The peer drains concurrently: the write is bigger than the socket buffer.
            CompletableFuture<ByteBuffer> drained = CompletableFuture.supplyAsync(() -> {
                ByteBuffer received = ByteBuffer.allocate(big.length);
                try {
                    while (received.hasRemaining() && peer.read(received) >= 0) {
                        // keep reading
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return received;
            });
            socket.getOutputStream().write(big); // must not wait for the blocked reader
            assertArrayEquals(big, drained.get(10, TimeUnit.SECONDS).array());
            peer.write(ByteBuffer.wrap(new byte[] {42}));
            assertEquals(42, reader.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void closeWakesABlockedReader() throws Exception {
        Socket socket = new UnixDomainSocketFactory(path).createSocket();
        try (SocketChannel peer = accept(socket)) {
            CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    socket.getInputStream().read();
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            Thread.sleep(50); // let the reader block; the assertion does not depend on timing
            assertTrue(peer.isConnected());
            socket.close();
            assertTrue(reader.get(5, TimeUnit.SECONDS) instanceof SocketException);
            assertTrue(socket.isClosed());
        }
    }

    @Test
    void connectingToAMissingFileNamesIt() throws Exception {
        Socket socket = new UnixDomainSocket(dir.resolve("missing.sock"));
        ConnectException e = assertThrows(ConnectException.class, () -> socket.connect(null));
        assertTrue(e.getMessage().contains("missing.sock"), e.getMessage());
    }

    private SocketChannel accept(Socket socket) throws Exception {
        socket.connect(null, 1000);
        return server.accept();
    }
}
