package io.jcharm.local;

/**
 * A local-model operation that cannot be done as asked: says what, with which input, and how to
 * fix it.
 *
 * <pre>{@code
 * throw new LocalModelException("application \"db\" not found", "see jcharm status for the applications");
 * }</pre>
 */
public class LocalModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String detail;
    private final String hint;

    public LocalModelException(String message, String hint) {
        super(message + (hint == null || hint.isEmpty() ? "" : ": " + hint));
        this.detail = message;
        this.hint = hint == null ? "" : hint;
    }

    public LocalModelException(String message, String hint, Throwable cause) {
        super(message + (hint == null || hint.isEmpty() ? "" : ": " + hint), cause);
        this.detail = message;
        this.hint = hint == null ? "" : hint;
    }

    /** What went wrong, without the hint. */
    public String detail() {
        return detail;
    }

    /** What to do about it. */
    public String hint() {
        return hint;
    }
}
