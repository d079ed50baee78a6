package io.jcharm.kubernetes;

import java.util.Locale;
import java.util.Map;

/**
 * How desired objects reach the API server: server-side apply in production, or an explicitly
 * chosen create-or-replace for API servers that cannot do server-side apply (fabric8's mock
 * server in tests, and the local model when its embedded API says so).
 *
 * <pre>{@code
 * ApplyMode mode = ApplyMode.fromEnvironment(model.environment()); // JCHARM_KUBE_APPLY
 * }</pre>
 */
public enum ApplyMode {
    /** {@code PATCH} with {@code application/apply-patch+yaml}, field manager = application. */
    SERVER_SIDE("server-side"),
    /**
     * {@code GET}, then {@code POST} when missing or {@code PUT} of the live object with the
     * desired fields merged in when they differ; nothing when they already match.
     */
    CREATE_OR_REPLACE("create-or-replace");

    /** The hook-environment variable that selects the mode. */
    public static final String ENV = "JCHARM_KUBE_APPLY";

    private final String value;

    ApplyMode(String value) {
        this.value = value;
    }

    /** The value as written in {@link #ENV}. */
    public String value() {
        return value;
    }

    /**
     * The mode {@link #ENV} selects; {@link #SERVER_SIDE} when it is unset. There is no silent
     * fallback: a server that refuses server-side apply fails the hook.
     *
     * @throws IllegalArgumentException for an unknown value
     */
    public static ApplyMode fromEnvironment(Map<String, String> env) {
        String v = env.get(ENV);
        if (v == null || v.isBlank()) {
            return SERVER_SIDE;
        }
        String norm = v.trim().toLowerCase(Locale.ROOT);
        for (ApplyMode m : values()) {
            if (m.value.equals(norm)) {
                return m;
            }
        }
        throw new IllegalArgumentException(ENV + "=\"" + v + "\" is not an apply mode: use \"server-side\" (the default)"
                + " or \"create-or-replace\" (only for API servers without server-side apply)");
    }
}
