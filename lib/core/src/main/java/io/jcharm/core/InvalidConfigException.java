package io.jcharm.core;

/**
 * A config option holds a value the charm cannot use; shown as Blocked
 * "invalid config &lt;option&gt;: &lt;why&gt;".
 *
 * <pre>{@code
 * record IstioConfig(String gatewayServiceType) {
 *     IstioConfig {
 *         if (gatewayServiceType.isBlank()) throw new InvalidConfigException("gateway-service-type", "must not be empty");
 *     }
 * }
 * }</pre>
 */
public class InvalidConfigException extends RuntimeException {
    private final String option;
    private final String reason;

    public InvalidConfigException(String option, String reason) {
        super("invalid config " + option + ": " + reason);
        this.option = option;
        this.reason = reason;
    }

    /** The option's name as config.yaml spells it. */
    public String option() {
        return option;
    }

    /** Why the value is wrong and what would be right. */
    public String reason() {
        return reason;
    }

    /** The Blocked status this becomes. */
    public Status toStatus() {
        return Status.blocked(getMessage());
    }
}
