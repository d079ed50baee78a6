package io.jcharm.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a hook's time went, one line per hook appended to {@code hook-timings.log} in the model
 * directory: when it started, how long preparing it (Kubernetes objects of the application, the
 * hosts file, containers) and running it took, whether the unit's warm runtime was alive, how
 * many hook-tool calls and Kubernetes API requests it made and how long the local model spent
 * answering them, and how long saving the model after it took. For bench/local-model, which
 * sums them up; nothing reads it back.
 *
 * <pre>{@code
 * HookTimings t = new HookTimings(dirs.hookTimings());
 * t.kubeRequest("istio", 1_200_000L);   // from the API server's threads
 * }</pre>
 */
final class HookTimings {
    /** The columns, tab-separated; times in milliseconds, {@code start} since the epoch. */
    static final String HEADER = "# seq\tunit\thook\tstart\tprepare\trun\texit\twarm\ttools\ttools_ms\tkube\tkube_ms\tsave_ms";

    private final Path file;
    private final ConcurrentHashMap<String, LongAdder[]> kube = new ConcurrentHashMap<>();

    HookTimings(Path file) {
        this.file = file;
    }

    /** Counts one Kubernetes API request of an application's service account and the time the server spent on it. */
    void kubeRequest(String app, long nanos) {
        LongAdder[] a = kube.computeIfAbsent(app, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        a[0].increment();
        a[1].add(nanos);
    }

    /** The application's request count and server nanoseconds so far. */
    long[] kubeSoFar(String app) {
        LongAdder[] a = kube.get(app);
        return a == null ? new long[2] : new long[] {a[0].sum(), a[1].sum()};
    }

    /** What one hook cost; {@link #write} appends it once the model is saved. */
    static final class Hook {
        final long seq;
        final String unit;
        final String hook;
        final long startMillis = System.currentTimeMillis();
        long prepareNanos;
        long runNanos;
        int exit;
        boolean warm;
        final LongAdder tools = new LongAdder();
        final LongAdder toolNanos = new LongAdder();
        long kubeRequests;
        long kubeNanos;

        Hook(long seq, String unit, String hook) {
            this.seq = seq;
            this.unit = unit;
            this.hook = hook;
        }
    }

    /** Appends the hook's line, with the time the save after it took. */
    synchronized void write(Hook h, long saveNanos) {
        String line = String.format(Locale.ROOT, "%d\t%s\t%s\t%d\t%.1f\t%.1f\t%d\t%d\t%d\t%.1f\t%d\t%.1f\t%.1f%n",
                h.seq, h.unit, h.hook.replace('\t', ' '), h.startMillis, h.prepareNanos / 1e6, h.runNanos / 1e6, h.exit,
                h.warm ? 1 : 0, h.tools.sum(), h.toolNanos.sum() / 1e6, h.kubeRequests, h.kubeNanos / 1e6, saveNanos / 1e6);
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE);
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }
}
