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
        description = {"Show an application's config (no key given), one option's value (a key alone), or set options,",
            "typed as the charm declares them; --reset puts options back to their defaults. A value the charm",
            "answers with Blocked fails the command with the charm's message."})
public final class ConfigCommand extends LocalVerb {
    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1..*", paramLabel = "KEY[=VALUE]", arity = "0..*",
            description = "KEY alone prints that option's value; KEY=VALUE sets it.")
    List<String> settings = new ArrayList<>();

    @Option(names = "--reset", paramLabel = "KEY", split = ",", description = "Options to reset to their defaults (repeatable, or comma-separated).")
    List<String> reset = new ArrayList<>();

    @Override
    public Integer call() {
        if (settings.size() == 1 && !settings.get(0).contains("=") && reset.isEmpty()) {
            // As juju config app key: the value alone (empty for an option with neither value nor default).
            String key = settings.get(0);
            Map<String, Object> config = LocalCli.withModel(LocalCli.modelDir(parent.context(), modelDir),
                    LocalCli.options(parent.context(), DeployCommand.parseDuration(timeout)), (LocalModel m) -> m.config(app, key));
            out().println(config.containsKey(key) ? String.valueOf(config.get(key)) : "");
            out().flush();
            return ExitCodes.OK;
        }
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

    /** A value the charm refuses shows as Blocked: the command fails with the charm's own message. */
    @Override
    void afterSettle(LocalModel model) {
        List<String> blocked = model.status().application(app).map(a -> a.units().stream()
                .filter(u -> u.workload().equals("blocked")).map(u -> u.name() + " is blocked: " + u.message()).toList())
                .orElse(List.of());
        if (!blocked.isEmpty()) {
            throw CliException.user("the charm refused the config: " + String.join("; ", blocked),
                    "set a value the charm accepts (see its config options with jcharm config " + app + "), or reset it: "
                            + "jcharm config " + app + " --reset <key>");
        }
    }
}
