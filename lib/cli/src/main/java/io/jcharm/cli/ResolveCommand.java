package io.jcharm.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jcharm resolve}: run a unit's failed hook again (or, with {@code --no-retry}, mark it
 * done), as {@code juju resolve}.
 *
 * <pre>{@code
 * jcharm resolve hello/0
 * }</pre>
 */
@Command(name = "resolve", aliases = "resolved", mixinStandardHelpOptions = true,
        description = "Retry the failed hook of a unit in error, then settle.")
public final class ResolveCommand extends LocalVerb {
    @Parameters(index = "0", paramLabel = "UNIT")
    String unit;

    @Option(names = "--no-retry", description = "Mark the failed hook done without running it again.")
    boolean noRetry;

    @Override
    public Integer call() {
        return settle(model -> {
            model.resolve(unit, !noRetry);
            return null;
        });
    }
}
