package io.jcharm.charms.hello;

import io.jcharm.core.InvalidConfigException;
import io.jcharm.core.Range;
import java.util.Optional;

/**
 * The hello charm's config: each component binds the option of the same name in kebab case.
 *
 * <pre>{@code
 * Component<HelloConfig> config = Component.config(HelloConfig.class);  // greeting, port, token-secret
 * }</pre>
 */
public record HelloConfig(String greeting, @Range(min = 1, max = 65535) int port, Optional<String> tokenSecret) {

    public HelloConfig {
        // Checks beyond a type or range go in the compact constructor, naming the option.
        if (greeting == null || greeting.isBlank()) {
            throw new InvalidConfigException("greeting", "must not be empty");
        }
    }
}
