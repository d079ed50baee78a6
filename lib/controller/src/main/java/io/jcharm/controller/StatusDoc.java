package io.jcharm.controller;

/**
 * A workload status with its message, as the controller stores it.
 *
 * <pre>{@code
 * new StatusDoc("active", "serving");
 * }</pre>
 */
public record StatusDoc(String status, String message) {
    public StatusDoc {
        message = message == null ? "" : message;
    }

    /** What a unit or application shows before its charm sets anything. */
    public static final StatusDoc UNKNOWN = new StatusDoc("unknown", "");
}
