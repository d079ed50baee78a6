package io.jcharm.core.tools;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A hook tool's argv under construction; package-private helper of {@link ExecHookTools}. */
final class Argv {

    private final List<String> args = new ArrayList<>();

    Argv(String... first) {
        args.addAll(List.of(first));
    }

    Argv add(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    Argv addAll(Collection<String> more) {
        args.addAll(more);
        return this;
    }

    /** Adds {@code more} only when {@code condition} holds (a boolean flag). */
    Argv addIf(boolean condition, String... more) {
        return condition ? add(more) : this;
    }

    /** Adds {@code flag value} when the value is present. */
    Argv option(String flag, Optional<String> value) {
        value.ifPresent(v -> add(flag, v));
        return this;
    }

    List<String> list() {
        return List.copyOf(args);
    }
}
