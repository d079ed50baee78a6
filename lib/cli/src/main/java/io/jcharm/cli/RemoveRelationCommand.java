package io.jcharm.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jcharm remove-relation}: every unit on both sides runs relation-departed per remote unit,
 * then relation-broken.
 *
 * <pre>{@code
 * jcharm remove-relation hello listener
 * }</pre>
 */
@Command(name = "remove-relation", mixinStandardHelpOptions = true,
        description = "Remove the relation between two applications of the local model (app or app:endpoint each).")
public final class RemoveRelationCommand extends LocalVerb {
    @Parameters(index = "0", paramLabel = "APP[:ENDPOINT]")
    String first;

    @Parameters(index = "1", paramLabel = "APP[:ENDPOINT]")
    String second;

    @Override
    public Integer call() {
        return settle(model -> {
            model.removeRelation(first, second);
            return null;
        });
    }
}
