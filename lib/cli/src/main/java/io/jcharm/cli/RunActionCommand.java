package io.jcharm.cli;

import io.jcharm.local.ActionResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jcharm run-action}: run an action on a unit of the local model (parameters checked
 * against actions.yaml first) and print its outcome as {@code juju run} does.
 *
 * <pre>{@code
 * jcharm run-action hello/0 greet name=world
 * }</pre>
 */
@Command(name = "run-action", mixinStandardHelpOptions = true,
        description = "Run an action on a unit of the local model; prints its results, log and status.")
public final class RunActionCommand extends LocalVerb {
    @Parameters(index = "0", paramLabel = "UNIT")
    String unit;

    @Parameters(index = "1", paramLabel = "ACTION")
    String action;

    @Parameters(index = "2..*", paramLabel = "KEY=VALUE", arity = "0..*")
    List<String> params = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = out();
        Map<String, String> values = LocalCli.keyValues(params, "parameters");
        ActionResult r = LocalCli.withModel(LocalCli.modelDir(parent.context(), modelDir),
                LocalCli.options(parent.context(), DeployCommand.parseDuration(timeout)),
                model -> model.runAction(unit, action, values, LocalCli.progress(out)));
        r.log().forEach(l -> out.println("log: " + l));
        print(out, r.results(), "");
        out.println("status: " + r.status() + (r.message().isEmpty() ? "" : " (" + r.message() + ")"));
        out.println("id: " + r.id());
        out.flush();
        if (!r.status().equals("completed")) {
            throw CliException.external("action " + action + " on " + unit + " " + r.status(), "see jcharm debug-log --include " + unit);
        }
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, Map<String, Object> m, String indent) {
        m.forEach((k, v) -> {
            if (v instanceof Map<?, ?> nested) {
                out.println(indent + k + ":");
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) nested;
                print(out, typed, indent + "  ");
            } else {
                out.println(indent + k + ": " + v);
            }
        });
    }
}
