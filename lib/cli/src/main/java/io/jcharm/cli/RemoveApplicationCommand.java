package io.jcharm.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jcharm remove-application}: its relations depart and break, each unit stops and is
 * removed (its remove hook last), then what Juju made for it goes.
 *
 * <pre>{@code
 * jcharm remove-application hello
 * }</pre>
 */
@Command(name = "remove-application", mixinStandardHelpOptions = true,
        description = "Remove an application from the local model, running its teardown hooks.")
public final class RemoveApplicationCommand extends LocalVerb {
    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Option(names = "--force", description = "Clear its units' hook errors so that teardown can run.")
    boolean force;

    @Override
    public Integer call() {
        return settle(model -> {
            model.removeApplication(app, force);
            return null;
        });
    }
}
