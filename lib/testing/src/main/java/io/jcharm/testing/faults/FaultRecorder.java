package io.jcharm.testing.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * What one test saw under its faults, kept only if the test passes. Outcomes come from the run
 * (use {@link FaultChecks#outcome}); host-specific parts (mock server ports, temporary paths)
 * are masked so that the generated table is the same on every machine.
 *
 * <pre>{@code
 * State out = ctx.run(Events.configChanged(), in.withConfig(Map.of("port", 70000L)));
 * faults.observed(FaultKind.CONFIG_BAD, "port", FaultChecks.outcome(out));
 * }</pre>
 */
public final class FaultRecorder {
    private final String charm;
    private final String test;
    private final List<FaultRecord> records = new ArrayList<>();

    FaultRecorder(String charm, String test) {
        this.charm = charm;
        this.test = test;
    }

    /** Records what the charm did under {@code kind}; {@code detail} names the variant (an option, a tool) or is empty. */
    public void observed(FaultKind kind, String detail, String outcome) {
        records.add(new FaultRecord(charm, kind, detail, true, mask(outcome), test));
    }

    /** As {@link #observed(FaultKind, String, String)} without a variant. */
    public void observed(FaultKind kind, String outcome) {
        observed(kind, "", outcome);
    }

    /** Records that {@code kind} cannot happen to this charm, and why (the test should show the why). */
    public void notApplicable(FaultKind kind, String why) {
        records.add(new FaultRecord(charm, kind, "", false, why, test));
    }

    List<FaultRecord> records() {
        return List.copyOf(records);
    }

    /**
     * Hides what differs between runs: the mock API server's port, temporary directories, and
     * the ids a test state draws (secret ids, relation ids in {@code -r endpoint:N} and {@code on endpoint:N}).
     */
    static String mask(String outcome) {
        return outcome == null ? null : outcome
                .replaceAll("secret:[0-9a-v]{20}", "secret:<id>")
                .replaceAll("(-r |on )([a-z][\\w-]*):\\d+", "$1$2:<id>")
                .replaceAll("(localhost|127\\.0\\.0\\.1|\\[::1\\]):\\d+", "$1:<port>")
                .replaceAll("/tmp/[^\\s\"',:;)]+", "/tmp/<dir>");
    }
}
