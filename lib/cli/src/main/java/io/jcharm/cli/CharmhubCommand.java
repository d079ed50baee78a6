package io.jcharm.cli;

import picocli.CommandLine.Command;

/**
 * {@code jcharm charmhub}: the Charmhub charm snapshots the bundle verifier checks against.
 *
 * <pre>{@code
 * jcharm charmhub import ~/src/minio-operator --channel ckf-1.10/stable
 * }</pre>
 */
@Command(name = "charmhub", mixinStandardHelpOptions = true,
        description = "Manage the snapshots of Charmhub charms' metadata under bundles/charmhub/<charm>/<track>.yaml.",
        subcommands = {CharmhubImportCommand.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:success", "1:bad input", "2:usage error"})
public final class CharmhubCommand extends VerbGroup {
}
