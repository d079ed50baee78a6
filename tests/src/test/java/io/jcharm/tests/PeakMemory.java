package io.jcharm.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Samples the resident memory of this JVM and every process it started (the local model's hook
 * JVMs and their tools) from /proc, and keeps the largest sum seen: the peak memory of a
 * rehearsal as the machine saw it, to within one sampling interval (a process living shorter
 * than that may be missed).
 *
 * <pre>{@code
 * try (PeakMemory m = PeakMemory.start(Duration.ofMillis(200))) {
 *     ... rehearse ...
 *     System.out.println(m.peakKib() + " KiB");
 * }
 * }</pre>
 */
final class PeakMemory implements AutoCloseable {
    private final AtomicLong peakKib = new AtomicLong();
    private final AtomicLong peakProcesses = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private PeakMemory(long intervalMillis) {
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "peak-memory");
        sampler.setDaemon(true);
    }

    static PeakMemory start(java.time.Duration interval) {
        PeakMemory m = new PeakMemory(interval.toMillis());
        m.sampler.start();
        return m;
    }

    /** The largest sum of VmRSS over this JVM and its descendants at one sample, in KiB. */
    long peakKib() {
        return peakKib.get();
    }

    /** The most processes (this JVM included) seen at one sample. */
    long peakProcesses() {
        return peakProcesses.get();
    }

    long samples() {
        return samples.get();
    }

    /** This JVM's own high-water mark (VmHWM), which the kernel keeps exactly. */
    static long selfHighWaterKib() {
        return field(ProcessHandle.current().pid(), "VmHWM:");
    }

    private void sample() {
        long[] sum = {field(ProcessHandle.current().pid(), "VmRSS:"), 1};
        try (Stream<ProcessHandle> children = ProcessHandle.current().descendants()) {
            children.forEach(p -> {
                sum[0] += field(p.pid(), "VmRSS:");
                sum[1]++;
            });
        }
        peakKib.accumulateAndGet(sum[0], Math::max);
        peakProcesses.accumulateAndGet(sum[1], Math::max);
        samples.incrementAndGet();
    }

    /** A "Name: value kB" line of /proc/pid/status; 0 for a process gone meanwhile (it holds no memory then). */
    private static long field(long pid, String name) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith(name)).findFirst()
                    .map(l -> Long.parseLong(l.substring(name.length()).trim().split("\\s+")[0])).orElse(0L);
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
