package io.jcharm.core.tools;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hook tools of jcharm's own controller (the local model) reached without a process per
 * call: the request the client script on the hook's PATH would send (io.jcharm.controller's
 * {@code HookToolServer} documents the wire format), sent from the hook's JVM to the loopback
 * address in JUJU_AGENT_SOCKET_ADDRESS. Used only when the hook's environment says
 * {@code JCHARM_HOOK_TOOLS=socket}, which the local model sets and real Juju never does: under
 * Juju (and in pack training runs) every tool stays a child process.
 *
 * <p>Same bytes as the script: argv, the working directory (the JVM's, which a child process
 * would inherit), stdin only for {@code --file -}, and the answer's exit code, stdout and stderr.
 * The process path costs about 10-12 ms of CPU per call on our 2-core machines (a spawn helper, bash,
 * the client script); a rehearsal of the full bundle makes 3,500 calls (bench/local-model).
 *
 * <pre>{@code
 * Optional<HookToolTransport> direct = ControllerSocket.from(env, Duration.ofSeconds(60));
 * }</pre>
 */
final class ControllerSocket implements HookToolTransport {
    private static final String ENV = ExecHookTools.TRANSPORT_ENV;
    private static final String SOCKET = ExecHookTools.SOCKET_TRANSPORT;
    private static final byte[] MAGIC = "JCHARM-TOOLS 1\n".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress address;
    private final String addressText;
    private final byte[] context;
    private final byte[] cwd;
    private final Duration timeout;

    private ControllerSocket(String host, int port, String addressText, String context, Duration timeout) {
        this.address = new InetSocketAddress(host, port);
        this.addressText = addressText;
        this.context = context.getBytes(StandardCharsets.UTF_8);
        this.cwd = System.getProperty("user.dir").getBytes(StandardCharsets.UTF_8);
        this.timeout = timeout;
    }

    /**
     * This transport when {@code env} asks for it ({@code JCHARM_HOOK_TOOLS=socket}) and names
     * a {@code host:port} and a context; empty otherwise (tools run as processes).
     *
     * @throws IllegalArgumentException if it asks for it without an address and context to use
     */
    static Optional<HookToolTransport> from(Map<String, String> env, Duration timeout) {
        if (!SOCKET.equals(env.get(ENV))) {
            return Optional.empty();
        }
        String addr = env.getOrDefault("JUJU_AGENT_SOCKET_ADDRESS", "");
        String context = env.getOrDefault("JUJU_CONTEXT_ID", "");
        int colon = addr.lastIndexOf(':');
        int port = -1;
        try {
            port = colon > 0 ? Integer.parseInt(addr.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            // reported below
        }
        if (port < 1 || port > 65535 || context.isEmpty()) {
            throw new IllegalArgumentException(ENV + "=" + SOCKET + " needs JUJU_AGENT_SOCKET_ADDRESS as host:port (got \""
                    + addr + "\") and JUJU_CONTEXT_ID (" + (context.isEmpty() ? "unset" : "set") + "): only jcharm's local"
                    + " model sets it; unset " + ENV + " to run the hook tools as processes");
        }
        return Optional.of(new ControllerSocket(addr.substring(0, colon), port, addr, context, timeout));
    }

    @Override
    public Reply call(List<String> argv, byte[] stdin) {
        String tool = argv.get(0);
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        try (Socket s = new Socket()) {
            s.connect(address, timeoutMs);
            s.setSoTimeout(timeoutMs);
            OutputStream out = new BufferedOutputStream(s.getOutputStream());
            out.write(MAGIC);
            field(out, context);
            field(out, cwd);
            out.write((argv.size() + "\n").getBytes(StandardCharsets.US_ASCII));
            for (String a : argv) {
                field(out, a.getBytes(StandardCharsets.UTF_8));
            }
            if (readsStdin(argv)) {
                field(out, stdin == null ? new byte[0] : stdin);
            } else {
                out.write("-1\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            InputStream in = new BufferedInputStream(s.getInputStream());
            String header = headerLine(in);
            String[] f = header.split(" ");
            if (f.length < 3) {
                throw new IOException("the answer's header \"" + header + "\" is not <exit> <stdout-len> <stderr-len>");
            }
            int exit = Integer.parseInt(f[0]);
            byte[] stdout = exactly(in, Integer.parseInt(f[1]), "output");
            byte[] stderr = exactly(in, Integer.parseInt(f[2]), "error output");
            return new Reply(exit, new String(stdout, StandardCharsets.UTF_8), new String(stderr, StandardCharsets.UTF_8));
        } catch (SocketTimeoutException e) {
            throw HookToolException.timedOut(argv, timeout);
        } catch (IOException | NumberFormatException e) {
            throw new HookToolException(argv, -1, "", "could not run hook tool " + tool + ": the jcharm controller at "
                    + addressText + " did not answer (" + e.getMessage() + "); it answers only while the jcharm command that"
                    + " runs this hook does");
        }
    }

    /** Like Juju's tools (and the client script), stdin is read only when told to: {@code --file -}. */
    static boolean readsStdin(List<String> argv) {
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--file=-") || a.equals("-") && argv.get(i - 1).equals("--file")) {
                return true;
            }
        }
        return false;
    }

    private static void field(OutputStream out, byte[] bytes) throws IOException {
        out.write((bytes.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
    }

    private static String headerLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0 || b.size() > 64) {
                throw new IOException(c < 0 ? "the connection closed without an answer" : "the answer's header is too long");
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] exactly(InputStream in, int len, String what) throws IOException {
        byte[] data = in.readNBytes(len);
        if (data.length != len) {
            throw new IOException("the connection closed after " + data.length + " of " + len + " bytes of " + what);
        }
        return data;
    }
}
