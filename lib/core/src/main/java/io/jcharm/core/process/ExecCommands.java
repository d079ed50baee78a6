package io.jcharm.core.process;

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
 * {@link Commands} as real child processes through jcharm's one process runner
 * ({@code io.jcharm.process}, on Apache Commons Exec): argv arrays (never a shell), the given
 * environment (the hook's), the executable found on that environment's PATH, a watchdog per
 * call, stdout and stderr captured; its failures become {@link CommandException}s.
 *
 * <pre>{@code
 * Commands commands = new ExecCommands(model.environment());
 * String out = commands.check(List.of("microk8s", "status", "--format", "yaml"), Duration.ofSeconds(60)).stdout();
 * }</pre>
 */
public final class ExecCommands implements Commands {

    private static final ProcessRunner RUNNER = new ProcessRunner();

    private final Map<String, String> env;

    /** Commands run with exactly this environment; PATH in it is where executables are looked up. */
    public ExecCommands(Map<String, String> environment) {
        this.env = Map.copyOf(environment);
    }

    @Override
    public CommandResult run(List<String> argv, Duration timeout) {
        return execute(argv, null, timeout);
    }

    @Override
    public CommandResult run(List<String> argv, byte[] stdin, Duration timeout) {
        return execute(argv, stdin == null ? new byte[0] : stdin.clone(), timeout);
    }

    private CommandResult execute(List<String> argv, byte[] stdin, Duration timeout) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program name in argv");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout for `" + CommandException.display(argv)
                    + "` must be positive, got " + timeout);
        }
        Command command = Command.of(argv).env(env).timeout(timeout);
        if (stdin != null) {
            command = command.stdin(stdin);
        }
        try {
            ProcessResult r = RUNNER.run(command);
            return new CommandResult(argv, r.exitCode(), r.stdout(), r.stderr());
        } catch (ProgramNotFoundException e) {
            throw new CommandNotFoundException(argv, e.getMessage()
                    + "; check that it is installed on the machine and that the hook's PATH reaches it");
        } catch (ProcessTimeoutException e) {
            throw CommandException.timedOut(argv, timeout, e.stderr());
        } catch (ProcessException e) {
            throw new CommandException(argv, -1, e.stderr(), e.getMessage());
        }
    }
}
