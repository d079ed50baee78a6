package io.jcharm.controller;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hook-tool arguments parsed as Juju's tools parse them (gnuflag): {@code -x} and {@code --x}
 * alike, {@code --x=v} or {@code --x v}, boolean flags with an optional {@code =value} in Go's
 * spelling ({@code True}, {@code false}, {@code 1}), flags interspersed with positional
 * arguments, and {@code --} ending the flags.
 *
 * <pre>{@code
 * Flags f = Flags.parse(args, Set.of("app"), Set.of("r", "relation", "format", "file"));
 * f.value("r", "relation");   // Optional[greeting:1]
 * }</pre>
 */
final class Flags {
    private final Map<String, String> values = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Flags() {
    }

    /**
     * @throws UsageException for an undefined flag, a missing value or a bad boolean, with
     *     Go's messages ({@code flag provided but not defined: -x})
     */
    static Flags parse(List<String> args, Set<String> boolFlags, Set<String> valueFlags) {
        Flags f = new Flags();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                f.positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (a.length() < 2 || a.charAt(0) != '-') {
                f.positional.add(a);
                continue;
            }
            String body = a.startsWith("--") ? a.substring(2) : a.substring(1);
            String name = body;
            String value = null;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            }
            if (boolFlags.contains(name)) {
                if (value != null && parseBool(value).isEmpty()) {
                    throw new UsageException("invalid value \"" + value + "\" for flag -" + name + ": parse error");
                }
                f.values.put(name, value == null ? "true" : String.valueOf(parseBool(value).get()));
            } else if (valueFlags.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("flag needs an argument: -" + name);
                    }
                    value = args.get(++i);
                }
                f.values.put(name, value);
            } else {
                throw new UsageException("flag provided but not defined: -" + name);
            }
        }
        return f;
    }

    /** The value of the first of these names (aliases) that was given. */
    Optional<String> value(String... names) {
        for (String n : names) {
            if (values.containsKey(n)) {
                return Optional.of(values.get(n));
            }
        }
        return Optional.empty();
    }

    boolean bool(String... names) {
        return value(names).map(Boolean::parseBoolean).orElse(false);
    }

    /** {@code --format=json}: whether JSON was asked for (yaml and smart print YAML-ish text). */
    String format() {
        return value("format").orElse("smart");
    }

    List<String> positional() {
        return positional;
    }

    /** Go's strconv.ParseBool. */
    static Optional<Boolean> parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
            case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** A command-line mistake: Juju's tools exit 2 for these. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }

        ToolReply reply() {
            return ToolReply.error(2, getMessage());
        }
    }
}
