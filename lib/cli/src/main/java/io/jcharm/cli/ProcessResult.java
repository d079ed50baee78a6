package io.jcharm.cli;

/**
 * What a finished process printed and returned.
 *
 * <pre>{@code
 * ProcessResult r = runner.run(List.of("juju", "status", "--format=json"), Map.of(), Duration.ofMinutes(1));
 * if (r.exitCode() != 0) System.err.println(r.stderr());
 * }</pre>
 */
public record ProcessResult(int exitCode, String stdout, String stderr) {
}
