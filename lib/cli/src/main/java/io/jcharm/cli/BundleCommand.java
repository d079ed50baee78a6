package io.jcharm.cli;

import picocli.CommandLine.Command;

/**
 * {@code jcharm bundle}: the offline bundle verbs.
 *
 * <pre>{@code
 * jcharm bundle verify bundles/edge
 * }</pre>
 */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = "Check, subset, render and draw bundles, offline.",
        subcommands = {BundleVerifyCommand.class, BundleSelectCommand.class, BundleRenderCommand.class, BundleGraphCommand.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:success", "1:verification failed or bad input",
            "2:usage error", "3:an external tool failed"})
public final class BundleCommand extends VerbGroup {
}
