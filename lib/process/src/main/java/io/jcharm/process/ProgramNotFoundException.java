package io.jcharm.process;

import java.util.List;

/**
 * argv[0] is not on the environment's PATH or, given as a path, is not an executable file.
 *
 * <pre>{@code
 * catch (ProgramNotFoundException e) { throw blocked(e.program() + " is not installed"); }
 * }</pre>
 */
public class ProgramNotFoundException extends ProcessException {

    public ProgramNotFoundException(List<String> argv, String message) {
        super(argv, "", message, null);
    }

    /** The program that was looked for (argv[0]). */
    public String program() {
        return argv().get(0);
    }

    /** The PATH it was looked for on, or {@code <PATH unset>}. */
    static String where(Command c) {
        String program = c.argv().get(0);
        return program.indexOf('/') >= 0 ? " or is not executable"
                : " on PATH (" + c.env().getOrDefault("PATH", "<PATH unset>") + ")";
    }
}
