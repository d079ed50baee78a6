package io.jcharm.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A verb that only groups others ({@code jcharm bundle}, {@code jcharm charmhub}): run alone it
 * prints its usage; its subcommands reach the context and the output through it.
 *
 * <pre>{@code
 * @Command(name = "bundle", subcommands = {BundleVerifyCommand.class})
 * public final class BundleCommand extends VerbGroup {
 * }
 * }</pre>
 */
abstract class VerbGroup implements Runnable {
    @ParentCommand
    JcharmCommand parent;

    @Spec
    CommandSpec spec;

    CliContext context() {
        return parent.context();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
