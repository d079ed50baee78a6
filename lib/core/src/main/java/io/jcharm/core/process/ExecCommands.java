package io.jcharm.core.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * {@link Commands} as real child processes through Apache Commons Exec: argv arrays (never a
 * shell), the given environment (the hook's), the executable found on that environment's PATH,
 * a watchdog per call, stdout and stderr captured.
 *
 * <pre>{@code
 * Commands commands = new ExecCommands(model.environment());
 * String out = commands.check(List.of("microk8s", "status", "--format", "yaml"), Duration.ofSeconds(60)).stdout();
 * }</pre>
 */
public final class ExecCommands implements Commands {

    /**
     * How long to wait for the output pumps after the process exited or was killed: a
     * grandchild that inherited the pipes (a daemon a script started) must not hang the hook.
     * Commons Exec adds 5 s of its own, so such a call ends about 6 s after the process exits.
     */
    private static final Duration PUMP_STOP_TIMEOUT = Duration.ofSeconds(1);

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
        String program = argv.get(0);
        Path executable = locate(program).orElseThrow(() -> new CommandNotFoundException(argv,
                "cannot run `" + CommandException.display(argv) + "`: " + program + " was not found"
                        + (program.indexOf('/') >= 0 ? " or is not executable" : " on PATH ("
                        + env.getOrDefault("PATH", "<PATH unset>") + ")")
                        + "; check that it is installed on the machine and that the hook's PATH reaches it"));
        CommandLine line = new CommandLine(executable.toFile());
        for (String arg : argv.subList(1, argv.size())) {
            line.addArgument(arg, false); // no quoting: each element reaches the program verbatim
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // A null input makes the handler close the child's stdin at once, so nothing blocks reading it.
        PumpStreamHandler streams = new PumpStreamHandler(out, err, stdin == null ? null : new ByteArrayInputStream(stdin));
        streams.setStopTimeout(PUMP_STOP_TIMEOUT);
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
        DefaultExecutor executor = DefaultExecutor.builder().setExecuteStreamHandler(streams).get();
        executor.setWatchdog(watchdog);
        executor.setExitValues(null); // every exit code is a result; callers decide what it means
        int exit;
        try {
            exit = executor.execute(line, env);
        } catch (IOException e) {
            if (watchdog.killedProcess()) {
                throw CommandException.timedOut(argv, timeout, text(err));
            }
            if (String.valueOf(e.getMessage()).contains("stop timeout")) {
                // Commons Exec gives up on the pumps and loses the exit code: report that, not "cannot run".
                throw new CommandException(argv, -1, text(err), "command `" + CommandException.display(argv)
                        + "` exited, but a process it started still holds its output open, so its exit code is"
                        + " unknown; start background processes with their output redirected (>/dev/null 2>&1)");
            }
            throw new CommandException(argv, -1, text(err), "cannot run `" + CommandException.display(argv) + "` ("
                    + executable + "): " + e.getMessage() + "; check the file's permissions and interpreter line");
        }
        if (watchdog.killedProcess()) {
            throw CommandException.timedOut(argv, timeout, text(err));
        }
        return new CommandResult(argv, exit, text(out), text(err));
    }

    /** argv[0] as a path when it has a slash, else the first executable of that name on the environment's PATH. */
    private Optional<Path> locate(String program) {
        if (program.indexOf('/') >= 0) {
            Path p = Path.of(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        return Executables.onPath(program, env);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
