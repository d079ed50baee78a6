package io.jcharm.local;

import java.time.Duration;
import java.util.List;

/**
 * How a settle ended: whether nothing is left to run, how many hooks ran, how long it took and
 * which units are stuck in error.
 *
 * <pre>{@code
 * SettleResult r = model.settle(Progress.NONE);
 * if (!r.settled()) System.err.println("still busy after " + r.elapsed());
 * }</pre>
 *
 * @param settled no hook is waiting (units in error with no retry left count as settled)
 * @param hooksRun hooks and actions run by this settle
 * @param inError units in error that will not be retried without {@code jcharm resolve}
 */
public record SettleResult(boolean settled, int hooksRun, Duration elapsed, List<String> inError) {
    public SettleResult {
        inError = List.copyOf(inError);
    }
}
