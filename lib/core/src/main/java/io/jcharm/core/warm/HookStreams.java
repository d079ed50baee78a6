package io.jcharm.core.warm;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * System.out, System.err and System.in of the warm runtime: installed once, they forward to the
 * streams of the hook running now, so that even a stream captured in a static field at class
 * initialisation (a logging sink's {@code System.err}) writes to the current hook's stderr.
 *
 * <pre>{@code
 * HookStreams.install();
 * HookStreams.bind(socketOut, errFifo, Path.of("h.42/in"));   // for one hook
 * HookStreams.unbind();                                         // between hooks: output dropped
 * }</pre>
 */
final class HookStreams {
    private static final Forward OUT = new Forward();
    private static final Forward ERR = new Forward();
    private static final LazyIn IN = new LazyIn();

    private HookStreams() {
    }

    /** Replaces System.out, System.err and System.in with the forwarding streams. */
    static void install() {
        System.setOut(new PrintStream(OUT, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(ERR, true, StandardCharsets.UTF_8));
        System.setIn(IN);
    }

    /** Directs the process streams to one hook's; stdin is opened only if the hook reads it, null reads as empty. */
    static void bind(OutputStream out, OutputStream err, Path stdin) {
        OUT.target = out;
        ERR.target = err;
        IN.bind(stdin);
    }

    /** Between hooks nothing is written anywhere (a stray thread of a finished hook). */
    static void unbind() {
        System.out.flush();
        System.err.flush();
        OUT.target = OutputStream.nullOutputStream();
        ERR.target = OutputStream.nullOutputStream();
        IN.bind(null);
    }

    private static final class Forward extends OutputStream {
        volatile OutputStream target = OutputStream.nullOutputStream();

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }

    /** The hook's stdin: a fifo dispatch feeds, opened on the first read (most hooks never read it). */
    private static final class LazyIn extends InputStream {
        private Path path;
        private InputStream open;

        synchronized void bind(Path stdin) {
            if (open != null) {
                try {
                    open.close();
                } catch (IOException e) {
                    // the fifo's writer is dispatch's cat, killed at hook end: nothing to report
                }
            }
            open = null;
            path = stdin;
        }

        private InputStream stream() throws IOException {
            if (path == null) {
                return InputStream.nullInputStream();
            }
            if (open == null) {
                open = new FileInputStream(path.toFile());
            }
            return open;
        }

        @Override
        public synchronized int read() throws IOException {
            return stream().read();
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            return stream().read(b, off, len);
        }
    }
}
