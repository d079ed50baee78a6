package io.jcharm.cli;

import io.jcharm.bundle.BundleException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top {@code jcharm} command; its subcommands are the verbs.
 *
 * <pre>{@code
 * int code = JcharmCommand.commandLine(CliContext.system()).execute("bundle", "verify", "bundles/edge");
 * }</pre>
 */
@Command(name = "jcharm", mixinStandardHelpOptions = true, version = "jcharm 0.1.0",
        description = "Build, check and deploy the jcharm charms and bundles.",
        subcommands = {BundleCommand.class, CharmhubCommand.class, DeployCommand.class, IntegrateCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:success",
            "1:verification failed or bad input (every problem is listed with file:line and a fix)",
            "2:usage error (unknown option, missing argument)",
            "3:an external tool (juju, mvn) failed, or the model did not settle before the timeout",
            "130:stopped by Ctrl-C or SIGTERM (running hooks stopped, marked failed, retried next time)"})
public final class JcharmCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    public JcharmCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line: verbs and error handling. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine cl = new CommandLine(new JcharmCommand(context));
        LocalVerbs.addTo(cl);
        cl.addSubcommand(PackCommand.class);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> handle(ex, line.getErr()));
        return cl;
    }

    private static int handle(Exception ex, PrintWriter err) {
        if (ex instanceof CliException c) {
            err.println("error: " + c.getMessage());
            if (!c.hint().isEmpty()) {
                err.println("    fix: " + c.hint());
            }
            err.flush();
            return c.exitCode();
        }
        if (ex instanceof BundleException b) {
            err.println(b.location().map(l -> l + ": ").orElse("") + "error: " + b.getMessage());
            err.println("    fix: " + b.hint());
            err.flush();
            return ExitCodes.USER;
        }
        err.println("internal error: " + ex);
        ex.printStackTrace(err);
        err.flush();
        return ExitCodes.USER;
    }
}
