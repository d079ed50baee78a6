package io.jcharm.cli;

import io.jcharm.local.LocalModel;
import io.jcharm.local.LocalModelException;
import io.jcharm.local.ModelStatus;
import io.jcharm.local.StatusReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jcharm status}: the local model as {@code juju status} shows a model, read without
 * waiting for a running command; simulated workloads say so.
 *
 * <pre>{@code
 * jcharm status --format=json
 * }</pre>
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the local model: applications, units (workload and agent status, message, ports),",
            "integrations, and what stands in for each workload (simulated). Works while another command runs."})
public final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    JcharmCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "tabular", description = "tabular (default) or json.")
    String format;

    @Option(names = "--model-dir", paramLabel = "DIR", description = "The local model's directory (default: $JCHARM_MODEL_DIR, else the nearest .jcharm/model here or above).")
    Path modelDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = LocalCli.modelDir(parent.context(), modelDir);
        ModelStatus s;
        try {
            s = LocalModel.readStatus(dir, io.jcharm.local.ModelOptions.defaults().jujuVersion());
        } catch (LocalModelException e) {
            throw CliException.user(e.detail(), e.hint()); // "no model in ..." or damaged, with what to do
        }
        switch (format) {
            case "json" -> out.print(StatusReport.json(s));
            case "tabular" -> out.print(StatusReport.table(s));
            default -> throw CliException.user("unknown --format " + format, "use tabular or json");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
