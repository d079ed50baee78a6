package io.jcharm.pebble.unix;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.SocketFactory;

/**
 * A {@link SocketFactory} whose sockets all connect to one unix-domain socket file.
 *
 * <pre>{@code
 * OkHttpClient http = new OkHttpClient.Builder()
 *     .socketFactory(new UnixDomainSocketFactory(Path.of("/charm/containers/app/pebble.socket")))
 *     .build();
 * }</pre>
 */
public final class UnixDomainSocketFactory extends SocketFactory {
    private final Path socketPath;

    /** A factory for sockets connecting to {@code socketPath}. */
    public UnixDomainSocketFactory(Path socketPath) {
        this.socketPath = Objects.requireNonNull(socketPath, "socketPath");
    }

    /** The socket file every socket connects to. */
    public Path socketPath() {
        return socketPath;
    }

    @Override
    public Socket createSocket() {
        return new UnixDomainSocket(socketPath);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected();
    }

    private Socket connected() throws IOException {
        Socket socket = createSocket();
        socket.connect(null);
        return socket;
    }
}
