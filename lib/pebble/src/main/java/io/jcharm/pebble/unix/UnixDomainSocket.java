package io.jcharm.pebble.unix;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link java.net.Socket} connected to a unix-domain socket file, for libraries that only
 * accept {@code java.net.Socket} (the JDK's {@code SocketChannel.socket()} is unsupported for
 * unix channels).
 *
 * <pre>{@code
 * try (Socket socket = new UnixDomainSocket(Path.of("/tmp/pb1/pebble.socket"))) {
 *     socket.connect(null); // the address is ignored: the socket file is the endpoint
 *     socket.getOutputStream().write("GET /v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes());
 * }
 * }</pre>
 *
 * <p>The channel is non-blocking and each direction waits on its own selector: that gives real
 * read timeouts and lets one thread read while another writes. ({@code Channels.newInputStream}
 * on JDK 17 holds the channel's blocking lock during a read, so a concurrent write would wait.)
 */
public final class UnixDomainSocket extends java.net.Socket {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Path socketPath;
    private final Object stateLock = new Object();
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private volatile SocketChannel channel;
    private volatile Selector readSelector;
    private volatile Selector writeSelector;
    private volatile int soTimeoutMillis;
    private volatile boolean closed;
    private volatile boolean inputShutdown;
    private volatile boolean outputShutdown;
    private final InputStream in = new In();
    private final OutputStream out = new Out();

    /** An unconnected socket for {@code socketPath}; {@link #connect} opens it. */
    public UnixDomainSocket(Path socketPath) {
        this.socketPath = Objects.requireNonNull(socketPath, "socketPath");
    }

    /** The socket file this socket connects to. */
    public Path socketPath() {
        return socketPath;
    }

    @Override
    public void connect(SocketAddress ignored) throws IOException {
        connect(ignored, 0);
    }

    @Override
    public void connect(SocketAddress ignored, int timeoutMillis) throws IOException {
        // OkHttp passes the resolved TCP address of the URL host; the socket file is the endpoint.
        synchronized (stateLock) {
            if (closed) {
                throw new SocketException("Socket is closed");
            }
            if (channel != null) {
                throw new SocketException("Already connected to " + socketPath);
            }
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socketPath));
                ch.configureBlocking(false);
                readSelector = Selector.open();
                writeSelector = Selector.open();
                ch.register(readSelector, SelectionKey.OP_READ);
                ch.register(writeSelector, SelectionKey.OP_WRITE);
            } catch (IOException e) {
                closeQuietly(ch);
                closeQuietly(readSelector);
                closeQuietly(writeSelector);
                ConnectException failure = new ConnectException(
                        "cannot connect to unix socket " + socketPath + ": " + e.getMessage());
                failure.initCause(e);
                throw failure;
            }
            channel = ch;
        }
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
        throw new SocketException("A unix-domain client socket cannot be bound");
    }

    @Override
    public InputStream getInputStream() throws IOException {
        requireConnected();
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        requireConnected();
        return out;
    }

    @Override
    public void close() throws IOException {
        synchronized (stateLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        SocketChannel ch = channel;
        if (ch != null) {
            closeQuietly(ch);
            // Wake any thread waiting for data; closing the selectors also releases the
            // channel's file descriptor, which the JDK keeps while keys are registered.
            wakeAndClose(readSelector);
            wakeAndClose(writeSelector);
        }
    }

    @Override
    public void shutdownInput() throws IOException {
        requireConnected();
        inputShutdown = true;
        channel.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        requireConnected();
        outputShutdown = true;
        channel.shutdownOutput();
    }

    @Override
    public boolean isConnected() {
        return channel != null;
    }

    @Override
    public boolean isBound() {
        return channel != null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isInputShutdown() {
        return inputShutdown;
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShutdown;
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout < 0: " + timeout);
        }
        soTimeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() {
        return soTimeoutMillis;
    }

    // TCP options have no meaning on a unix socket: accept and ignore them.
    @Override
    public void setTcpNoDelay(boolean on) {
    }

    @Override
    public boolean getTcpNoDelay() {
        return true;
    }

    @Override
    public void setKeepAlive(boolean on) {
    }

    @Override
    public boolean getKeepAlive() {
        return false;
    }

    @Override
    public void setSoLinger(boolean on, int linger) {
    }

    @Override
    public int getSoLinger() {
        return -1;
    }

    @Override
    public void setSendBufferSize(int size) {
    }

    @Override
    public void setReceiveBufferSize(int size) {
    }

    @Override
    public void setReuseAddress(boolean on) {
    }

    @Override
    public void setTrafficClass(int tc) {
    }

    @Override
    public InetAddress getInetAddress() {
        return LOOPBACK;
    }

    @Override
    public InetAddress getLocalAddress() {
        return LOOPBACK;
    }

    @Override
    public int getPort() {
        return 0;
    }

    @Override
    public int getLocalPort() {
        return -1;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return UnixDomainSocketAddress.of(socketPath);
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return null;
    }

    @Override
    public String toString() {
        return "UnixDomainSocket[" + socketPath + (closed ? ", closed" : "") + "]";
    }

    private void requireConnected() throws SocketException {
        if (closed) {
            throw new SocketException("Socket is closed");
        }
        if (channel == null) {
            throw new SocketException("Socket is not connected");
        }
    }

    private int readSome(ByteBuffer buffer) throws IOException {
        int timeout = soTimeoutMillis;
        long deadline = timeout > 0 ? System.nanoTime() + timeout * 1_000_000L : 0;
        synchronized (readLock) {
            while (true) {
                requireConnected();
                if (inputShutdown) {
                    return -1;
                }
                int n = channel.read(buffer);
                if (n != 0) {
                    return n;
                }
                long waitMillis = 0;
                if (timeout > 0) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        throw new SocketTimeoutException("Read timed out after " + timeout + " ms on " + socketPath);
                    }
                    waitMillis = Math.max(1, remaining / 1_000_000L);
                }
                await(readSelector, waitMillis);
            }
        }
    }

    private void writeAll(ByteBuffer buffer) throws IOException {
        synchronized (writeLock) {
            while (buffer.hasRemaining()) {
                requireConnected();
                if (outputShutdown) {
                    throw new SocketException("Socket output is shut down");
                }
                if (channel.write(buffer) == 0) {
                    await(writeSelector, 0);
                }
            }
        }
    }

    private void await(Selector selector, long millis) throws IOException {
        try {
            selector.select(millis);
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            throw new SocketException("Socket is closed");
        }
    }

    private static void wakeAndClose(Selector selector) {
        if (selector != null) {
            selector.wakeup();
            closeQuietly(selector);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is best effort: the socket is unusable either way.
        }
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            return readSome(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void close() throws IOException {
            UnixDomainSocket.this.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            writeAll(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void close() throws IOException {
            UnixDomainSocket.this.close();
        }
    }
}
