package io.jcharm.cli;

import io.jcharm.local.LocalModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jcharm config}: show an application's config, or set (and reset) options; every unit
 * runs config-changed when the effective config changes.
 *
 * <pre>{@code
 * jcharm config hello greeting=Hola --reset port
 * }</pre>
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Show an application's config (no key=value given), or set options, typed as the charm declares",
            "them; --reset puts options back to their defaults."})
public final class ConfigCommand extends LocalVerb {
    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", arity = "0..*")
    List<String> settings = new ArrayList<>();

    @Option(names = "--reset", paramLabel = "KEY", split = ",", description = "Options to reset to their defaults (repeatable, or comma-separated).")
    List<String> reset = new ArrayList<>();

    @Override
    public Integer call() {
        if (settings.isEmpty() && reset.isEmpty()) {
            Map<String, Object> config = LocalCli.withModel(LocalCli.modelDir(parent.context(), modelDir),
                    LocalCli.options(parent.context(), DeployCommand.parseDuration(timeout)), (LocalModel m) -> m.config(app));
            config.forEach((k, v) -> out().println(k + ": " + v));
            out().flush();
            return ExitCodes.OK;
        }
        Map<String, String> values = LocalCli.keyValues(settings, "options");
        return settle(model -> {
            model.config(app, values, reset);
            return null;
        });
    }
}
