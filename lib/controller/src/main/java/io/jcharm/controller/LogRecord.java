package io.jcharm.controller;

import java.util.Optional;

/**
 * A line a hook tool sent to the model's log (juju-log, action-log, juju-reboot's notice).
 *
 * <pre>{@code
 * new LogRecord("hello/0", "INFO", "unit.hello/0.juju-log", Optional.of("greeting:3"), "hi");
 * }</pre>
 *
 * @param module Juju's logger name, e.g. {@code unit.hello/0.juju-log}
 * @param relation in a relation hook, the relation as {@code endpoint:id}
 */
public record LogRecord(String unit, String level, String module, Optional<String> relation, String message) {

    /** Whether juju-log wrote it (as opposed to the controller's own notices). */
    public boolean fromJujuLog() {
        return module.endsWith(".juju-log");
    }

    /** As Juju's debug-log shows it: a relation hook's lines start with {@code endpoint:id: }. */
    public String text() {
        return relation.map(r -> r + ": " + message).orElse(message);
    }
}
