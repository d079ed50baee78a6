package io.jcharm.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Waits until a deployed bundle's applications have settled: every expected unit present, active,
 * its agent idle, on {@value #SETTLED_POLLS} polls in a row (a redeploy's hooks may not have
 * started at the first poll). Only the bundle's applications are judged: other applications in
 * the model are none of this deploy's business. Every error juju can show stops the wait at once
 * with its message: a unit in error, a {@code status-error}, an application-level error (one
 * with no units yet included), a machine that failed to provision.
 *
 * <pre>{@code
 * JujuStatus s = new SettleWait(juju, ctx.pollInterval(), out).await("ctrl:admin/edge", Map.of("istio", 1L), Duration.ofMinutes(30));
 * }</pre>
 */
final class SettleWait {
    /** Settled polls in a row that count as settled. */
    static final int SETTLED_POLLS = 3;

    /** A poll's verdict: a failure (message and what to do), or what is still missing (empty when settled). */
    record Verdict(Optional<CliException> failure, String waiting) {
        boolean settled() {
            return failure.isEmpty() && waiting.isEmpty();
        }
    }

    private final JujuCli juju;
    private final Duration pollInterval;
    private final PrintWriter out;

    SettleWait(JujuCli juju, Duration pollInterval, PrintWriter out) {
        this.juju = juju;
        this.pollInterval = pollInterval;
        this.out = out;
    }

    /**
     * @param expected each bundle application and the units it should have (0 for subordinates)
     * @throws CliException (external) on the first error shown, or when the timeout passes
     */
    JujuStatus await(String model, Map<String, Long> expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        int streak = 0;
        while (true) {
            JujuStatus s = juju.status(model).only(expected.keySet());
            Verdict v = judge(s, expected, model);
            if (v.failure().isPresent()) {
                out.print(StatusTable.format(s));
                out.flush();
                throw v.failure().get();
            }
            streak = v.settled() ? streak + 1 : 0;
            if (streak >= SETTLED_POLLS) {
                return s;
            }
            String line = v.settled() ? "every unit active and idle; checking it stays so (" + streak + "/" + SETTLED_POLLS + ")"
                    : v.waiting();
            if (!line.equals(last)) {
                out.println("waiting: " + line);
                out.flush();
                last = line;
            }
            if (System.nanoTime() > deadline) {
                out.print(StatusTable.format(s));
                out.flush();
                throw CliException.external("the model did not settle within " + JujuCli.humanize(timeout) + ": "
                        + (v.settled() ? "it settled only just now" : v.waiting()),
                        "look at `juju status -m " + model + "` and `juju debug-log -m " + model
                                + "`; a blocked unit says what it needs; raise --timeout if it is only slow");
            }
            sleep(pollInterval);
        }
    }

    /** One poll's verdict on the expected applications (the status holds only those). */
    static Verdict judge(JujuStatus s, Map<String, Long> expected, String model) {
        for (JujuStatus.App a : s.applications().values()) {
            Optional<String> f = a.failure();
            if (f.isPresent()) {
                return failed(CliException.external(f.get(), "see `juju status " + a.name() + " -m " + model + "` and `juju debug-log -m "
                        + model + " --replay --include " + a.name() + "`; fix the cause, then run the deploy again"));
            }
            for (JujuStatus.Unit u : a.units()) {
                JujuStatus.Machine m = s.machines().get(u.machine());
                if (m != null && m.failure().isPresent()) {
                    return failed(CliException.external(m.failure().get() + " (unit " + u.name() + " waits for it)",
                            "see `juju show-machine " + m.id() + " -m " + model + "`; once the cause (quota, image, network) is "
                                    + "fixed: `juju retry-provisioning " + m.id() + " -m " + model + "`"));
                }
                if (!u.statusError().isEmpty()) {
                    return failed(CliException.external("unit " + u.name() + ": status-error: " + u.statusError(),
                            "see `juju show-unit " + u.name() + " -m " + model + "` and `juju debug-log -m " + model + "`"));
                }
                if (u.failed()) {
                    return failed(CliException.external("unit " + u.name() + " is in error: " + u.message(),
                            "see why with `juju debug-log -m " + model + " --replay --include " + u.name()
                                    + "`; after fixing, retry the hook with `juju resolved " + u.name() + " -m " + model + "`"));
                }
            }
        }
        return new Verdict(Optional.empty(), waiting(s, expected));
    }

    private static Verdict failed(CliException e) {
        return new Verdict(Optional.of(e), "");
    }

    /** Empty when settled, else what is still missing. */
    static String waiting(JujuStatus s, Map<String, Long> expected) {
        List<String> missing = new ArrayList<>();
        expected.forEach((app, n) -> {
            JujuStatus.App a = s.applications().get(app);
            int have = a == null ? 0 : a.units().size();
            if (have < n) {
                missing.add(app + " has " + have + "/" + n + " units");
            }
        });
        List<JujuStatus.Unit> all = s.units();
        List<String> busy = all.stream().filter(u -> !u.settled())
                .map(u -> u.name() + " " + u.workload() + "/" + u.agent() + (u.message().isEmpty() ? "" : " \"" + u.message() + "\""))
                .toList();
        if (missing.isEmpty() && busy.isEmpty()) {
            return "";
        }
        long active = all.stream().filter(JujuStatus.Unit::settled).count();
        List<String> parts = new ArrayList<>();
        parts.add(active + "/" + all.size() + " units active and idle");
        parts.addAll(missing);
        parts.addAll(busy);
        return String.join("; ", parts);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.external("interrupted while waiting for the model", "run jcharm deploy again to keep waiting");
        }
    }
}
