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
        // picocli's default factory otherwise probes for Groovy's Closure class, a lookup that
        // misses and so opens every jar on the class path (over 150, most of a status's start-up).
        System.setProperty("picocli.disable.closures", "true");
        System.exit(JcharmCommand.commandLine(CliContext.system(), args).execute(args));
    }
}
