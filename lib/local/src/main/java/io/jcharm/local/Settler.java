package io.jcharm.local;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs hooks until the model settles (nothing left to run, or only units in error that will not
 * be retried) or the timeout passes: up to {@code parallelism} units at once, one hook per unit,
 * waiting out retry backoffs, saving the model after every hook so that {@code jcharm status}
 * elsewhere sees progress.
 *
 * <pre>{@code
 * SettleResult r = new Settler(controller, runtime, options, () -> save()).settle(Progress.NONE);
 * }</pre>
 */
final class Settler {
    private final Controller controller;
    private final ModelRuntime runtime;
    private final ModelOptions options;
    private final Runnable checkpoint;
    private final java.util.function.BooleanSupplier stopped;

    Settler(Controller controller, ModelRuntime runtime, ModelOptions options, Runnable checkpoint,
            java.util.function.BooleanSupplier stopped) {
        this.controller = controller;
        this.runtime = runtime;
        this.options = options;
        this.checkpoint = checkpoint;
        this.stopped = stopped;
    }

    SettleResult settle(Progress progress) {
        long start = System.nanoTime();
        long deadline = start + options.settleTimeout().toNanos();
        int ran = 0;
        int running = 0;
        ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), r -> {
            Thread t = new Thread(r, "jcharm-hook");
            t.setDaemon(true);
            return t;
        });
        CompletionService<HookContext> done = new ExecutorCompletionService<>(pool);
        try {
            while (true) {
                boolean late = System.nanoTime() > deadline || stopped.getAsBoolean();
                while (!late && running < options.parallelism()) {
                    Optional<HookContext> next = controller.claim();
                    if (next.isEmpty()) {
                        break;
                    }
                    HookContext ctx = next.get();
                    done.submit(() -> {
                        long t0 = System.nanoTime();
                        HookRunner.Result r = runtime.run(ctx);
                        progress.hookFinished(ctx.unit, ctx.hook.display(), outcome(r, System.nanoTime() - t0));
                        return ctx;
                    });
                    running++;
                }
                if (running == 0) {
                    // Nothing can run now: wait for a retry that is due before the deadline, or stop.
                    OptionalLong retry = controller.nextRetry();
                    if (late || retry.isEmpty()) {
                        break;
                    }
                    // A retry is waited for in short steps, so that a stop is heard.
                    long waitMs = Math.max(1, retry.getAsLong() - controller.now());
                    if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs) > deadline) {
                        break;
                    }
                    sleep(waitMs);
                    continue;
                }
                Future<HookContext> f = done.poll(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))
                        + options.hookTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (f == null) {
                    continue; // cannot happen while the hook timeout holds; loop re-checks
                }
                running--;
                ran++;
                HookContext finished;
                try {
                    finished = f.get();
                } catch (ExecutionException e) {
                    throw new LocalModelException("the local model failed while running a hook: " + e.getCause(),
                            "this is a bug in jcharm's local model; the hook's unit may need jcharm resolve", e.getCause());
                }
                long s0 = System.nanoTime();
                checkpoint.run();
                if (finished.timing != null) {
                    runtime.timings().write(finished.timing, System.nanoTime() - s0);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runtime.stopHooks();
            throw new ModelInterruptedException(ran);
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(options.hookTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stopped.getAsBoolean()) {
            throw new ModelInterruptedException(ran);
        }
        boolean settled = !controller.busy() && controller.nextRetry().isEmpty();
        return new SettleResult(settled, ran, Duration.ofNanos(System.nanoTime() - start), controller.stuck());
    }

    private static String outcome(HookRunner.Result r, long nanos) {
        String took = String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
        if (r.skipped()) {
            return "skipped (no handler)";
        }
        return r.exit() == 0 ? "ok (" + took + ")" : "failed: " + r.failure() + " (" + took + ")";
    }

    private static void sleep(long ms) throws InterruptedException {
        Thread.sleep(Math.min(ms, 200));
    }
}
