package io.jcharm.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jcharm refresh}: upgrade an application of the local model to a newly packed charm;
 * config, relations, unit state and secrets are kept, as in Juju.
 *
 * <pre>{@code
 * jcharm refresh hello --path charms/hello/target/hello_ubuntu-24.04-amd64.charm
 * }</pre>
 */
@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = {"Upgrade an application to a new .charm: each unit runs (on Kubernetes: stop with the old charm,)",
            "upgrade-charm, config-changed and start (and pebble-ready) with the new one; state is kept.",
            "As in Juju, a unit in error keeps its revision until its failed hook succeeds (jcharm resolve),",
            "unless --force-units."})
public final class RefreshCommand extends LocalVerb {
    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Option(names = "--path", paramLabel = "CHARM", required = true, description = "The packed .charm to upgrade to.")
    Path path;

    @Option(names = "--force-units", description = "Upgrade units in error too, at once: they skip upgrade-charm and "
            + "retry their failed hook with the new charm on jcharm resolve.")
    boolean forceUnits;

    @Override
    public Integer call() {
        Path charm = parent.context().resolve(path);
        if (!Files.isRegularFile(charm)) {
            throw CliException.user("charm " + parent.context().show(charm) + " not found", "pack it first: jcharm pack <charm dir>");
        }
        return settle(model -> {
            model.refresh(app, charm, forceUnits).forEach(out()::println);
            out().flush();
            return null;
        });
    }
}
