package io.jcharm.core.meta;

import java.util.Locale;
import java.util.Optional;

/**
 * The types a config option can have in config.yaml.
 *
 * <pre>{@code
 * OptionType.parse("int")  // Optional[INT]
 * }</pre>
 */
public enum OptionType {
    STRING, INT, FLOAT, BOOLEAN, SECRET;

    /** The name as config.yaml spells it. */
    public String yamlName() {
        return this == BOOLEAN ? "boolean" : name().toLowerCase(Locale.ROOT);
    }

    /** Parses a config.yaml type; a missing type means string, as in Juju. */
    public static Optional<OptionType> parse(String text) {
        if (text == null) {
            return Optional.of(STRING);
        }
        for (OptionType t : values()) {
            if (t.yamlName().equals(text)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
