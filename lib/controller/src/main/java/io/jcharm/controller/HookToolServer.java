package io.jcharm.controller;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The controller's end of the hook tools as processes (lib/local's model, lib/pack's training runs): a loopback TCP server that the client script
 * (every hook tool is a symlink to it) connects to once per call. Each hook run registers a
 * fresh random context id with the handler that answers for it; calls with an unknown or
 * expired id are refused without reaching any handler.
 *
 * <p>Wire format, every length in decimal ASCII followed by a newline:
 * request {@code "JCHARM-TOOLS 1\n"}, then context id, working directory and argc as
 * length-prefixed strings ({@code <len>\n<bytes>}; argc itself is a bare number), each argument
 * length-prefixed, then stdin as {@code <len>\n<bytes>} or {@code -1\n} for none; reply
 * {@code <exit> <stdout-len> <stderr-len> <stdout-nul>\n} then stdout then stderr, and the server
 * closes. {@code <stdout-nul>} is 1 when stdout holds a NUL byte, else 0: the client reads a
 * NUL-free stdout with bash's {@code read} instead of starting a {@code head} process (bash
 * variables cannot hold NUL); a client that reads only the first three fields still works.
 *
 * <pre>{@code
 * try (HookToolServer server = HookToolServer.start()) {
 *     String ctx = server.register("hello/0", call -> ToolReply.out("true"));
 *     // run the hook with JUJU_CONTEXT_ID=ctx, JUJU_AGENT_SOCKET_ADDRESS=server.address()
 *     server.unregister(ctx);
 * }
 * }</pre>
 */
public final class HookToolServer implements AutoCloseable {
    static final String MAGIC = "JCHARM-TOOLS 1";
    private static final int MAX_ARGS = 10_000;
    private static final int MAX_STRING = 8 * 1024 * 1024;
    private static final int MAX_STDIN = 256 * 1024 * 1024;
    /** A client that stops talking mid-request must not pin a thread forever. */
    private static final int READ_TIMEOUT_MS = 60_000;

    private final ServerSocket socket;
    private final ExecutorService workers;
    private final Thread acceptor;
    private final Map<String, ToolHandler> contexts = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closed;

    private HookToolServer(ServerSocket socket) {
        this.socket = socket;
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jcharm-hook-tool");
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "jcharm-hook-tool-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on an ephemeral port of 127.0.0.1. */
    public static HookToolServer start() {
        try {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            return new HookToolServer(s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1 for hook tools: " + e.getMessage()
                    + "; jcharm's controller needs a loopback interface", e);
        }
    }

    /** {@code 127.0.0.1:<port>}, the value of JUJU_AGENT_SOCKET_ADDRESS. */
    public String address() {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    /**
     * Registers a hook run: returns its context id (for JUJU_CONTEXT_ID), unguessable: 128
     * random bits after a readable prefix.
     */
    public String register(String unit, ToolHandler handler) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = unit.replace('/', '-') + "-" + HexFormat.of().formatHex(bytes);
        contexts.put(id, handler);
        return id;
    }

    /** Ends a hook run: later calls with its id are refused. */
    public void unregister(String contextId) {
        contexts.remove(contextId);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // a failed accept (client gone) must not stop the server
            }
            try {
                workers.execute(() -> serve(client));
            } catch (RuntimeException e) {
                closeQuietly(client);
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(READ_TIMEOUT_MS);
            InputStream in = new BufferedInputStream(client.getInputStream());
            ToolReply reply;
            try {
                reply = answer(read(in));
            } catch (ProtocolException e) {
                reply = ToolReply.error(1, "bad request: " + e.getMessage());
            }
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            out.write(header(reply).getBytes(StandardCharsets.US_ASCII));
            out.write(reply.stdout());
            out.write(reply.stderr());
            out.flush();
        } catch (SocketException | EOFException e) {
            // The client went away (the hook was killed): nothing to answer.
        } catch (IOException e) {
            // Same: a broken connection of one call must not disturb the others.
        }
    }

    /** The reply's header line (see the wire format above). */
    private static String header(ToolReply reply) {
        return reply.exit() + " " + reply.stdout().length + " " + reply.stderr().length + " " + (hasNul(reply.stdout()) ? 1 : 0) + "\n";
    }

    private static boolean hasNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private ToolReply answer(Request request) {
        ToolCall call = request.call();
        ToolHandler handler = contexts.get(request.contextId());
        if (handler == null) {
            return ToolReply.error(1, "bad request: unknown context \"" + request.contextId() + "\": hook tools work only"
                    + " while the hook that was given this JUJU_CONTEXT_ID is running");
        }
        try {
            return handler.handle(call);
        } catch (RuntimeException e) {
            // A bug in the controller must reach the charm as a failed tool, not a hung one.
            return ToolReply.error(1, call.tool() + ": internal error of jcharm's controller: " + e);
        }
    }

    /** Parses one request; package-private for the protocol tests. */
    static Request read(InputStream in) throws IOException, ProtocolException {
        String magic = line(in);
        if (!MAGIC.equals(magic)) {
            throw new ProtocolException("expected \"" + MAGIC + "\", got \"" + magic + "\": is this the jcharm hook-tool client?");
        }
        String context = string(in, "context id");
        String cwd = string(in, "working directory");
        int argc = number(in, "argc");
        if (argc < 1 || argc > MAX_ARGS) {
            throw new ProtocolException("argc " + argc + " is out of range 1-" + MAX_ARGS);
        }
        List<String> argv = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            argv.add(string(in, "argument " + i));
        }
        int stdinLen = number(in, "stdin length");
        Optional<byte[]> stdin = Optional.empty();
        if (stdinLen >= 0) {
            if (stdinLen > MAX_STDIN) {
                throw new ProtocolException("stdin of " + stdinLen + " bytes is larger than " + MAX_STDIN);
            }
            stdin = Optional.of(exactly(in, stdinLen));
        } else if (stdinLen != -1) {
            throw new ProtocolException("stdin length " + stdinLen + " must be -1 or at least 0");
        }
        return new Request(context, new ToolCall(cwd, argv, stdin));
    }

    private static String string(InputStream in, String what) throws IOException, ProtocolException {
        int len = number(in, what + " length");
        if (len < 0 || len > MAX_STRING) {
            throw new ProtocolException(what + " length " + len + " is out of range 0-" + MAX_STRING);
        }
        return new String(exactly(in, len), StandardCharsets.UTF_8);
    }

    private static int number(InputStream in, String what) throws IOException, ProtocolException {
        String l = line(in);
        try {
            return Integer.parseInt(l.trim());
        } catch (NumberFormatException e) {
            throw new ProtocolException(what + " \"" + l + "\" is not a number");
        }
    }

    private static String line(InputStream in) throws IOException, ProtocolException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 64; i++) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed in a header line");
            }
            if (c == '\n') {
                return b.toString(StandardCharsets.US_ASCII);
            }
            b.write(c);
        }
        throw new ProtocolException("header line longer than 64 bytes");
    }

    private static byte[] exactly(InputStream in, int len) throws IOException {
        byte[] data = in.readNBytes(len);
        if (data.length != len) {
            throw new EOFException("connection closed after " + data.length + " of " + len + " bytes");
        }
        return data;
    }

    /** One call as the client sends it: the hook's context id, then the call itself. */
    record Request(String contextId, ToolCall call) {
    }

    /** A request that does not follow the wire format. */
    static final class ProtocolException extends Exception {
        ProtocolException(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(socket);
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        contexts.clear();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing: nothing left to do with it
        }
    }
}
