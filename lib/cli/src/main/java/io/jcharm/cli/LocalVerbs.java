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
}
