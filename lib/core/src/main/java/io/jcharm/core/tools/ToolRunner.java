package io.jcharm.core.tools;

import io.jcharm.process.Command;
import io.jcharm.process.ProcessException;
import io.jcharm.process.ProcessResult;
import io.jcharm.process.ProcessRunner;
import io.jcharm.process.ProcessTimeoutException;
import io.jcharm.process.ProgramNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The hook tools as child processes, Juju's way: each found on the environment's PATH and run
 * through jcharm's one process runner (argv array, never a shell); a tool that cannot be started
 * or times out becomes a typed exception. Package-private plumbing behind {@link ExecHookTools}.
 */
final class ToolRunner implements HookToolTransport {

    private static final ProcessRunner RUNNER = new ProcessRunner();

    private final Map<String, String> env;
    private final Duration timeout;

    ToolRunner(Map<String, String> env, Duration timeout) {
        this.env = Map.copyOf(env);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("hook tool timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
    }

    /**
     * Runs {@code argv} (argv[0] is the tool name, looked up on the environment's PATH) with
     * the whole environment, feeding {@code stdin} when non-null.
     *
     * @throws HookToolException when the tool is missing or times out
     */
    @Override
    public Reply call(List<String> argv, byte[] stdin) {
        String tool = argv.get(0);
        Command command = Command.of(argv).env(env).timeout(timeout);
        if (stdin != null) {
            command = command.stdin(stdin);
        }
        ProcessResult r;
        try {
            r = RUNNER.run(command);
        } catch (ProgramNotFoundException e) {
            throw new HookToolException(argv, -1, "", "hook tool " + tool + " was not found on PATH ("
                    + env.getOrDefault("PATH", "<unset>") + "): is this running inside a Juju hook or action? Hook tools"
                    + " exist only there, and PATH must be passed through from the Juju agent untouched");
        } catch (ProcessTimeoutException e) {
            throw HookToolException.timedOut(argv, timeout);
        } catch (ProcessException e) {
            throw new HookToolException(argv, -1, e.stderr(), "could not run hook tool " + tool + ": " + e.getMessage()
                    + "; check that it is executable and that this runs inside a Juju hook");
        }
        return new Reply(r.exitCode(), r.stdout(), r.stderr());
    }
}
