package io.jcharm.cli;

import io.jcharm.local.LocalModel;
import io.jcharm.local.SettleResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A verb that changes the local model and settles it: {@code --model-dir} and {@code --timeout}
 * for all of them, the model opened (and locked) for the change, progress lines while hooks run,
 * and the status at the end.
 *
 * <pre>{@code
 * return settle(model -> { model.resolve(unit, true); return null; });
 * }</pre>
 */
abstract class LocalVerb implements Callable<Integer> {
    @ParentCommand
    JcharmCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--model-dir", paramLabel = "DIR", description = "The local model's directory (default: $JCHARM_MODEL_DIR, else the nearest .jcharm/model here or above).")
    Path modelDir;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m",
            description = "How long to wait for the model to settle, e.g. 90s, 30m (default: ${DEFAULT-VALUE}).")
    String timeout;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Makes the change, then runs hooks until the model settles and prints the status. */
    int settle(Function<LocalModel, ?> change) {
        PrintWriter out = out();
        Path dir = LocalCli.modelDir(parent.context(), modelDir);
        LocalCli.withModel(dir, LocalCli.options(parent.context(), DeployCommand.parseDuration(timeout)), model -> {
            change.apply(model);
            SettleResult r = model.settle(LocalCli.progress(out));
            LocalCli.report(r, model, out);
            afterSettle(model);
            return null;
        });
        return ExitCodes.OK;
    }

    /** What a verb checks once the model settled (the status is printed); throws to fail the command. */
    void afterSettle(LocalModel model) {
    }
}
