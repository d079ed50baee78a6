package io.jcharm.cli;

import io.jcharm.local.LocalModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jcharm debug-log}: the local model's log, as {@code juju debug-log --replay} shows it:
 * hooks run, what charms logged with juju-log, and the output of hooks (a failed hook's
 * stack trace included).
 *
 * <pre>{@code
 * jcharm debug-log --include hello/0 -n 50
 * }</pre>
 */
@Command(name = "debug-log", mixinStandardHelpOptions = true,
        description = "Show the local model's log: hooks run, juju-log lines and hook output.")
public final class DebugLogCommand implements Callable<Integer> {
    @ParentCommand
    JcharmCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--include"}, paramLabel = "UNIT|APP", description = "Only this unit's or application's lines.")
    String include;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "200", description = "How many lines, the last ones (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--model-dir", paramLabel = "DIR", description = "The local model's directory (default: $JCHARM_MODEL_DIR, else the nearest .jcharm/model here or above).")
    Path modelDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = LocalCli.modelDir(parent.context(), modelDir);
        List<String> log = LocalModel.readLog(dir, lines, Optional.ofNullable(include));
        log.forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }
}
