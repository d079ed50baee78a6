package io.jcharm.testing.faults;

/**
 * One observation of the matrix: a charm under a fault, what its test saw (or why the fault does
 * not apply), and the test that shows it. Written as one JSON line per record.
 *
 * <pre>{@code
 * new FaultRecord("hello", FaultKind.CONFIG_BAD, "port", true,
 *         "blocked: [config] invalid config port: ...", "HelloFaultsTest#badConfig");
 * }</pre>
 *
 * @param detail what varies within the cell (a config option, a tool...), or empty
 * @param applicable false when the fault cannot happen to this charm; {@code outcome} then says why
 * @param test {@code TestClass#method} that made the observation
 */
public record FaultRecord(String charm, FaultKind kind, String detail, boolean applicable, String outcome,
                          String test) {
    public FaultRecord {
        if (charm == null || charm.isBlank()) {
            throw new IllegalArgumentException("a fault record needs the charm's name");
        }
        if (outcome == null || outcome.isBlank()) {
            throw new IllegalArgumentException("fault " + kind + " of " + charm + " has no outcome: say what the test"
                    + " observed, or why the fault does not apply");
        }
        detail = detail == null ? "" : detail;
    }
}
