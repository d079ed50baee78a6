package io.jcharm.cli;

/**
 * The {@code jcharm} entry point: {@code java -jar jcharm-cli.jar <verb> ...}.
 *
 * <pre>{@code
 * java -jar lib/cli/target/jcharm-cli-0.1.0-SNAPSHOT.jar bundle verify bundles/edge
 * }</pre>
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(JcharmCommand.commandLine(CliContext.system(), args).execute(args));
    }
}
