package io.jcharm.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * The verbs of the local model, added to the {@code jcharm} command line in one place.
 *
 * <pre>{@code
 * LocalVerbs.addTo(commandLine);   // status, config, run-action, refresh, resolve, ...
 * }</pre>
 */
final class LocalVerbs {
    static final List<Class<?>> VERBS = List.of(StatusCommand.class, RemoveRelationCommand.class, ConfigCommand.class,
            RunActionCommand.class, RefreshCommand.class, RemoveApplicationCommand.class, ResolveCommand.class,
            DebugLogCommand.class);

    private LocalVerbs() {
    }

    static void addTo(CommandLine cl) {
        VERBS.forEach(cl::addSubcommand);
    }

    /** The verb whose {@code @Command} name (or alias) is {@code name}, if it is one of these. */
    static java.util.Optional<Class<?>> named(String name) {
        for (Class<?> c : VERBS) {
            picocli.CommandLine.Command command = c.getAnnotation(picocli.CommandLine.Command.class);
            if (command.name().equals(name) || List.of(command.aliases()).contains(name)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}
