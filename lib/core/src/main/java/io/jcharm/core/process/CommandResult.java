package io.jcharm.core.process;

import java.util.List;

/**
 * What one finished command did: its argv, exit code, stdout and stderr (UTF-8 text).
 *
 * <pre>{@code
 * CommandResult r = commands.run(List.of("microk8s", "config"), Duration.ofSeconds(30));
 * String kubeconfig = r.orThrow().stdout();
 * }</pre>
 *
 * @param exitCode the process's exit code (0 is success)
 */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr) {

    public CommandResult {
        argv = List.copyOf(argv);
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    /** Whether the command exited 0. */
    public boolean ok() {
        return exitCode == 0;
    }

    /**
     * This result when the command exited 0.
     *
     * @throws CommandException with argv, exit code and stderr otherwise
     */
    public CommandResult orThrow() {
        if (!ok()) {
            throw CommandException.failed(this);
        }
        return this;
    }

    /** Leaves stdout out: it may hold credentials (a kubeconfig) and must not reach a log by accident. */
    @Override
    public String toString() {
        return "CommandResult[" + CommandException.display(argv) + ", exit " + exitCode + ", stdout "
                + stdout.length() + " chars, stderr=" + stderr.strip() + "]";
    }
}
