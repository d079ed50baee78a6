package io.jcharm.core.tools;

import java.util.Optional;

/**
 * What secret-info-get tells the owner about a secret.
 *
 * <pre>{@code
 * SecretInfo i = tools.secretInfoGet(Optional.of(id), Optional.empty());
 * i.revision();  // 3
 * }</pre>
 */
public record SecretInfo(String id, Optional<String> label, Optional<String> description, Optional<String> expiry,
                         Optional<String> rotation, Optional<String> rotates, int revision) {
}
