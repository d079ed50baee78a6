package io.jcharm.local;

import java.util.List;
import java.util.Objects;

/**
 * A fault to inject: the next {@code times} calls of hook tool {@code tool} by {@code unit}
 * (a unit, an application, or {@code *}) whose arguments include all of {@code args} fail with
 * exit 1, so the charm meets a failing controller and its hook fails the way it really would.
 *
 * <pre>{@code
 * model.injectFault(new Fault("hello/0", "relation-set", List.of("--app"), 1));
 * }</pre>
 */
public record Fault(String unit, String tool, List<String> args, int times) {

    public Fault {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(tool, "tool");
        args = List.copyOf(args);
        if (times < 1) {
            throw new IllegalArgumentException("a fault must fire at least once, got times=" + times);
        }
    }
}
