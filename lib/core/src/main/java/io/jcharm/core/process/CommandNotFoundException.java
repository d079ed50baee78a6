package io.jcharm.core.process;

import java.util.List;

/**
 * The program of a command is not on PATH (or, given as a path, is not an executable file):
 * a machine that lacks a tool, which retrying the hook will not fix.
 *
 * <pre>{@code
 * try { commands.run(List.of("snap", "list"), Duration.ofSeconds(30)); }
 * catch (CommandNotFoundException e) { throw StatusException.blocked("snapd is not installed: " + e.program()); }
 * }</pre>
 */
public class CommandNotFoundException extends CommandException {
    private final String program;

    public CommandNotFoundException(List<String> argv, String message) {
        super(argv, -1, "", message);
        this.program = argv.isEmpty() ? "" : argv.get(0);
    }

    /** The program that was looked for (argv[0]). */
    public String program() {
        return program;
    }
}
