package io.jcharm.core.tools;

import java.util.Optional;

/**
 * Metadata for secret-add and secret-set; empty fields are left out of the command line.
 *
 * <pre>{@code
 * SecretOptions o = SecretOptions.app().withLabel("webhook-certs");
 * }</pre>
 *
 * @param owner {@code application} or {@code unit} (secret-add only)
 * @param expire an RFC 3339 time or a Go duration such as {@code 24h}
 * @param rotate never, hourly, daily, weekly, monthly, quarterly or yearly
 */
public record SecretOptions(Optional<String> owner, Optional<String> label, Optional<String> description,
                            Optional<String> expire, Optional<String> rotate) {

    public static SecretOptions none() {
        return new SecretOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static SecretOptions app() {
        return none().withOwner("application");
    }

    public static SecretOptions unit() {
        return none().withOwner("unit");
    }

    public SecretOptions withOwner(String o) {
        return new SecretOptions(Optional.of(o), label, description, expire, rotate);
    }

    public SecretOptions withLabel(String l) {
        return new SecretOptions(owner, Optional.of(l), description, expire, rotate);
    }

    public SecretOptions withDescription(String d) {
        return new SecretOptions(owner, label, Optional.of(d), expire, rotate);
    }

    public SecretOptions withExpire(String e) {
        return new SecretOptions(owner, label, description, Optional.of(e), rotate);
    }

    public SecretOptions withRotate(String r) {
        return new SecretOptions(owner, label, description, expire, Optional.of(r));
    }
}
