package io.jcharm.core.warm;

import io.jcharm.core.CharmMain;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The per-unit resident runtime that the charm's {@code dispatch} hands hooks to; started by the
 * first hook that finds none alive (which it then runs), it exits after an idle time, when a hook
 * comes from a different build of the charm, or when its state directory disappears.
 *
 * <p>Protocol (one hook per connection, one hook at a time): the runtime listens on a loopback
 * port and, first thing after the JVM starts, writes {@code .jcharm-warm/runtime} (mode 0600 in a
 * 0700 directory, so only the charm's user can read it): {@code <port> <token> <pid> <build>};
 * the dispatch that started it waits for this file to name its pid. dispatch (bash, /dev/tcp)
 * connects and sends one line {@code jcharm-warm1 <token> <build> <merged> <hook dir>}; the hook
 * dir holds {@code env} (the hook's environment, NUL-separated), the fifos {@code err} (unless
 * {@code merged} is 1: stdout and stderr are one file) and {@code in} (unless the hook's stdin is
 * /dev/null, as Juju gives hooks: then the hook reads an empty stdin), and an empty {@code claim}.
 * The runtime answers one line, {@code ok}, {@code busy} or {@code mismatch}; before {@code ok}
 * it renames {@code claim} to {@code claimed}, and dispatch, when it stops waiting for an answer
 * (5 s), deletes {@code claim}: whichever comes first owns the hook, so a hook dispatch gave up
 * on never runs in the runtime as well. After {@code ok} the hook's stdout follows
 * on the socket, its stderr goes to the err fifo, and its exit code is written to {@code rc}
 * before the socket closes. When the connection drops first (dispatch was killed), the hook is
 * interrupted, and if it does not stop within 10 s the runtime exits.
 *
 * <pre>{@code
 * runtime/bin/java ... -cp lib/hello.jar:... io.jcharm.core.warm.WarmRuntime \
 *     io.jcharm.charms.hello.HelloCharm lib/hello.jar <build> 60
 * }</pre>
 */
public final class WarmRuntime {
    /** The state directory inside the charm dir; dispatch creates it (mode 0700). */
    public static final String STATE_DIR = ".jcharm-warm";
    /** The file naming port, token, pid and build of the live runtime. */
    public static final String RUNTIME_FILE = "runtime";
    static final String MAGIC = "jcharm-warm1";
    /** The file in the hook dir whose rename hands the hook to the runtime (see {@link #claim}). */
    static final String CLAIM = "claim";
    static final String CLAIMED = "claimed";
    private static final int REQUEST_TIMEOUT_MS = 5000;
    private static final long STOP_GRACE_MS = 10_000;

    private final String charmClass;
    private final Path charmJar;
    private final Set<String> charmClasses;
    private final String build;
    private final long idleMillis;
    private final Path state;
    private final PrintStream log;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile long lastUsed = System.nanoTime();
    private volatile boolean stop;

    private WarmRuntime(String charmClass, Path charmJar, String build, long idleMillis, Path state, PrintStream log) {
        this.charmClass = charmClass;
        this.charmJar = charmJar;
        this.charmClasses = CharmLoader.classNames(charmJar);
        this.build = build;
        this.idleMillis = idleMillis;
        this.state = state;
        this.log = log;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: WarmRuntime <charm class> <charm jar> <build> <idle seconds>; the charm's dispatch starts it");
            System.exit(2);
        }
        if (!args[3].matches("[0-9]{1,9}") || Long.parseLong(args[3]) == 0) {
            // runtime.log: dispatch starts us with output there, and runs its hook in a new JVM when we exit
            System.err.println("jcharm warm runtime: the idle time must be a whole number of seconds above 0 (JCHARM_WARM_IDLE"
                    + " on the unit, or jcharm.warmIdle when packing), got \"" + args[3] + "\": not starting");
            System.exit(2);
        }
        long idle = Long.parseLong(args[3]) * 1000;
        Path state = Path.of(STATE_DIR).toAbsolutePath();
        PrintStream log = System.err; // runtime.log
        // Listen and write the runtime file before anything else: the hook that started this runtime
        // waits for the file to hand it its hook, and connections wait in the backlog until we accept.
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            String token = HexFormat.of().formatHex(random());
            String line = server.getLocalPort() + " " + token + " " + ProcessHandle.current().pid() + " " + args[2] + "\n";
            Path file = state.resolve(RUNTIME_FILE);
            Path tmp = state.resolve(RUNTIME_FILE + "." + ProcessHandle.current().pid());
            Files.writeString(Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), line);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> removeIfOurs(file, line)));
            WarmRuntime runtime = new WarmRuntime(args[0], Path.of(args[1]), args[2], idle, state, log);
            HookStreams.install();
            log.println("jcharm warm runtime: pid " + ProcessHandle.current().pid() + " on 127.0.0.1:" + server.getLocalPort()
                    + ", build " + args[2] + ", idle exit after " + idle / 1000 + " s");
            runtime.serve(server, token, file, line);
        }
        System.exit(0);
    }

    private void serve(ServerSocket server, String token, Path file, String line) throws IOException {
        server.setSoTimeout(1000);
        while (!stop) {
            Socket s;
            try {
                s = server.accept();
            } catch (SocketTimeoutException e) {
                String why = reasonToExit(file, line);
                if (why != null) {
                    log.println("jcharm warm runtime: exiting: " + why);
                    return;
                }
                continue;
            }
            if (stop) {
                close(s); // no answer: dispatch runs the hook in a new JVM and starts a new runtime
                break;
            }
            accept(s, token);
        }
    }

    /**
     * 16 bytes from the kernel's random source. Not SecureRandom: its provider framework loads ~55
     * classes that no startup archive holds (the archive is trained on cold hooks), on the path of
     * the first hook, which waits for this runtime to listen.
     */
    private static byte[] random() throws IOException {
        try (InputStream in = new FileInputStream("/dev/urandom")) {
            byte[] b = in.readNBytes(16);
            if (b.length != 16) {
                throw new IOException("/dev/urandom gave " + b.length + " bytes instead of 16");
            }
            return b;
        }
    }

    /** Why the runtime should exit now, or null. */
    private String reasonToExit(Path file, String line) {
        if (busy.get()) {
            return null;
        }
        if (System.nanoTime() - lastUsed > idleMillis * 1_000_000) {
            return "idle for " + idleMillis / 1000 + " s";
        }
        try {
            if (!Files.readString(file).equals(line)) {
                return file + " names another runtime";
            }
        } catch (IOException e) {
            return "cannot read " + file + " (" + e.getMessage() + "): the charm directory changed or went away";
        }
        return null;
    }

    private static void removeIfOurs(Path file, String line) {
        try {
            if (Files.readString(file).equals(line)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // gone already (the charm dir was removed): nothing left to clean
        }
    }

    /** Reads the request line and answers it; a hook runs on its own thread. */
    private void accept(Socket s, String token) {
        String[] req;
        try {
            s.setSoTimeout(REQUEST_TIMEOUT_MS);
            req = readLine(s.getInputStream()).split(" ", 5);
        } catch (IOException e) {
            log.println("jcharm warm runtime: dropped a connection that sent no request: " + e.getMessage());
            close(s);
            return;
        }
        if (req.length != 5 || !req[0].equals(MAGIC)
                || !MessageDigest.isEqual(req[1].getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            log.println("jcharm warm runtime: refused a connection without the token");
            close(s);
            return;
        }
        if (!req[2].equals(build)) {
            log.println("jcharm warm runtime: a hook came from build " + req[2] + " (this runtime runs " + build
                    + "): the charm changed, exiting so that dispatch starts a new one");
            reply(s, "mismatch");
            close(s);
            stop = true;
            return;
        }
        if (!busy.compareAndSet(false, true)) {
            reply(s, "busy"); // one hook at a time, as Juju runs them; the other one runs cold
            close(s);
            return;
        }
        Thread serving = new Thread(() -> {
            try {
                runHook(s, "1".equals(req[3]), Path.of(req[4]));
            } finally {
                close(s);
                if (heapNearlyFull()) {
                    log.println("jcharm warm runtime: more than half the heap is still in use after a hook: exiting, so"
                            + " that no hook runs out of memory here that would not in a new JVM");
                    stop = true;
                }
                lastUsed = System.nanoTime();
                busy.set(false);
            }
        }, "jcharm-serve");
        serving.start();
    }

    private void runHook(Socket s, boolean merged, Path hookDir) {
        Map<String, String> env;
        OutputStream out;
        OutputStream err;
        try {
            env = HookEnvironment.read(hookDir.resolve("env"));
            if (!claim(hookDir)) {
                return; // dispatch gave up waiting and runs the hook itself: it must not run here too
            }
            s.setSoTimeout(0);
            out = new BufferedOutputStream(s.getOutputStream(), 8192);
            out.write("ok\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            err = merged ? out : new FileOutputStream(hookDir.resolve("err").toFile());
        } catch (IOException | IllegalArgumentException e) {
            log.println("jcharm warm runtime: cannot take the hook in " + hookDir + ": " + e.getMessage());
            return;
        }
        OutputStream hookOut = new Flushing(out);
        OutputStream hookErr = merged ? hookOut : new Flushing(err);
        int[] rc = {1};
        Thread hook = new Thread(() -> {
            PrintStream stderr = new PrintStream(hookErr, true, StandardCharsets.UTF_8);
            try (CharmLoader loader = CharmLoader.of(charmJar, charmClasses, WarmRuntime.class.getClassLoader())) {
                Thread.currentThread().setContextClassLoader(loader);
                rc[0] = CharmMain.runHook(charmClass, loader, env, stderr);
            } catch (Throwable t) { // an Error in the charm fails its hook, not the runtime
                t.printStackTrace(stderr);
                rc[0] = 1;
            }
            stderr.flush();
        }, "jcharm-hook");
        Path in = hookDir.resolve("in");
        HookStreams.bind(hookOut, hookErr, Files.exists(in) ? in : null); // no fifo: stdin is /dev/null
        hook.start();
        Thread watcher = new Thread(() -> watch(s, hook), "jcharm-watch");
        watcher.setDaemon(true);
        watcher.start();
        try {
            hook.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        HookStreams.unbind();
        try {
            out.flush();
            if (!merged) {
                err.close();
            }
            Path tmp = hookDir.resolve("rc.tmp");
            Files.writeString(tmp, rc[0] + "\n");
            Files.move(tmp, hookDir.resolve("rc"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.println("jcharm warm runtime: cannot hand the exit code " + rc[0] + " back to dispatch: " + e.getMessage());
        }
    }

    /**
     * Takes the hook from dispatch by renaming its {@code claim} file; dispatch deletes the same
     * file when it stops waiting for us, and only one of the two can succeed.
     */
    private boolean claim(Path hookDir) throws IOException {
        try {
            Files.move(hookDir.resolve(CLAIM), hookDir.resolve(CLAIMED), StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (NoSuchFileException e) {
            log.println("jcharm warm runtime: dispatch gave up on the hook in " + hookDir + " before it was taken:"
                    + " not running it here (dispatch runs it in a new JVM)");
            return false;
        }
    }

    /**
     * Whether live data (after a collection) fills more than half the heap: what hooks left behind.
     * What is in use counts garbage not yet collected too (the young generation alone is a third of
     * the heap), so a collection is forced only when more than three quarters are in use: forcing
     * one from half on ran a full collection after nearly every Kubernetes hook (-Xlog:gc in an
     * edge rehearsal: 31 MiB in use, 16 MiB live, 110-190 ms a collection). A runtime with more
     * than half live is then caught after the first hook whose garbage tips it over three quarters,
     * rather than after the hook that left the data behind.
     */
    private static boolean heapNearlyFull() {
        Runtime rt = Runtime.getRuntime();
        if (rt.totalMemory() - rt.freeMemory() < rt.maxMemory() / 4 * 3) {
            return false;
        }
        System.gc();
        return rt.totalMemory() - rt.freeMemory() >= rt.maxMemory() / 2;
    }

    /** Waits for dispatch to go away; if the hook is still running then, stops it. */
    private void watch(Socket s, Thread hook) {
        try {
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // dispatch sends nothing after its request; anything else is ignored
            }
        } catch (IOException e) {
            // the connection dropped: same as end of stream
        }
        if (!hook.isAlive()) {
            return;
        }
        log.println("jcharm warm runtime: dispatch went away during the hook: interrupting it");
        hook.interrupt();
        try {
            hook.join(STOP_GRACE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (hook.isAlive()) {
            log.println("jcharm warm runtime: the hook did not stop within " + STOP_GRACE_MS / 1000 + " s of its interrupt: exiting");
            Runtime.getRuntime().halt(70);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (b.length() > 8192) {
                throw new IOException("request line longer than 8 KiB");
            }
            b.append((char) c);
        }
        return b.toString();
    }

    private static void reply(Socket s, String word) {
        try {
            s.getOutputStream().write((word + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // dispatch already gave up on us and runs the hook cold
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing a socket whose peer is gone: nothing to do
        }
    }

    /** Flushes after every write, so that the hook's output reaches dispatch as it is written. */
    private static final class Flushing extends OutputStream {
        private final OutputStream target;

        Flushing(OutputStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            target.write(b);
            target.flush();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
            target.flush();
        }

        @Override
        public synchronized void flush() throws IOException {
            target.flush();
        }
    }
}
