package io.jcharm.local;

/**
 * Hears what the local model does while it settles, for progress lines.
 *
 * <pre>{@code
 * Progress print = (unit, hook, outcome) -> System.out.println(unit + " " + hook + " " + outcome);
 * }</pre>
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (unit, hook, outcome) -> { };

    /**
     * A hook finished.
     *
     * @param outcome {@code ok (0.8 s)}, {@code skipped}, or {@code failed: exit status 1 (0.9 s)}
     */
    void hookFinished(String unit, String hook, String outcome);

    /** Something the user should read before hooks run (for example the changes a redeploy applies). */
    default void note(String text) {
    }
}
