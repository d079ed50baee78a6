package io.jcharm.cli;

import io.jcharm.bundle.BundleException;
import java.io.PrintWriter;
import java.util.List;
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
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:success",
            "1:verification failed or bad input (every problem is listed with file:line and a fix)",
            "2:usage error (unknown option, missing argument)",
            "3:an external tool (juju, mvn) failed, or the model did not settle before the timeout",
            "130:stopped by Ctrl-C or SIGTERM (running hooks stopped, marked failed, retried next time)"})
public final class JcharmCommand implements Runnable {
    /** A sentence ends at . ! or ? followed by a space and a capital, a backtick or a parenthesis. */
    private static final java.util.regex.Pattern FIRST_SENTENCE_END = java.util.regex.Pattern.compile("(?<=[.!?])\\s+(?=[A-Z`(])");

    private final CliContext context;

    @Spec
    CommandSpec spec;

    public JcharmCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    /** {@code jcharm} alone is a usage error: the verbs on stderr, exit 2. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CliException(ExitCodes.USAGE, "no verb given", "choose a verb above, e.g. jcharm deploy bundles/edge");
    }

    /** The configured command line: verbs and error handling. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine cl = new CommandLine(new JcharmCommand(context));
        // Added here, not in @Command(subcommands): a command line of one verb must not read them all.
        for (Class<?> verb : List.of(BundleCommand.class, CharmhubCommand.class, DeployCommand.class, IntegrateCommand.class,
                CommandLine.HelpCommand.class)) {
            cl.addSubcommand(verb);
        }
        LocalVerbs.addTo(cl);
        cl.addSubcommand(PackCommand.class);
        return configure(cl);
    }

    /**
     * The command line for {@code args}: when they start with a verb of the local model
     * ({@code status}, {@code debug-log}, ...), only that verb is built, since picocli reading every
     * verb's annotations was most of {@code jcharm status}'s time (bench/local-model README);
     * anything else gets {@link #commandLine(CliContext)}. The verb behaves the same either way.
     */
    public static CommandLine commandLine(CliContext context, String[] args) {
        java.util.Optional<Class<?>> verb = args.length == 0 ? java.util.Optional.empty() : LocalVerbs.named(args[0]);
        if (verb.isEmpty()) {
            return commandLine(context);
        }
        CommandLine cl = new CommandLine(new JcharmCommand(context));
        cl.addSubcommand(verb.get());
        return configure(cl);
    }

    private static CommandLine configure(CommandLine cl) {
        cl.setExecutionExceptionHandler((ex, line, parsed) -> handle(ex, line.getErr()));
        cl.setParameterExceptionHandler(JcharmCommand::usageError);
        cl.setUsageHelpWidth(80);
        forEveryVerb(cl, cl.getCommandSpec().version());
        return cl;
    }

    /**
     * Every verb's {@code -V} prints the version (picocli gives a verb's -V nothing to print
     * otherwise), and its description is its first sentence (what {@code jcharm --help} lists) and
     * then the rest as one paragraph, so that picocli wraps it evenly at 80 columns (the
     * annotations break lines wherever the source did).
     */
    private static void forEveryVerb(CommandLine cl, String[] version) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            CommandSpec verb = sub.getCommandSpec();
            if (verb.version().length == 0) {
                verb.version(version);
            }
            String[] description = verb.usageMessage().description();
            if (description.length > 0) {
                // The verb list shows the first element: make it the first sentence, whole.
                String text = String.join(" ", description);
                java.util.regex.Matcher end = FIRST_SENTENCE_END.matcher(text);
                verb.usageMessage().description(end.find() ? new String[] {text.substring(0, end.start()), text.substring(end.end())}
                        : new String[] {text});
            }
            sub.setUsageHelpWidth(80);
            forEveryVerb(sub, version);
        }
    }

    /** A usage error: what is wrong, the verb's one-line synopsis and where the full help is; exit 2. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        PrintWriter err = line.getErr();
        err.println("error: " + ex.getMessage());
        err.print("usage: " + line.getHelp().synopsis(0).stripLeading().replaceFirst("^Usage: ", ""));
        err.println("    fix: see " + line.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return ExitCodes.USAGE;
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
