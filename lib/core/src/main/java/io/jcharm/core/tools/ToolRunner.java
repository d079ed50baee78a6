package io.jcharm.core.tools;

import io.jcharm.core.process.Executables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Runs one hook tool as a child process (argv array, never a shell) and maps its failure to
 * the typed exceptions; package-private plumbing behind {@link ExecHookTools}.
 */
final class ToolRunner {

    /**
     * How long to wait for the output pumps once the tool has exited or been killed; only a
     * grandchild still holding the pipes open (never the case for Juju's single-binary tools)
     * makes this matter, and it must not hang a hook.
     */
    private static final Duration PUMP_STOP_TIMEOUT = Duration.ofSeconds(1);

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
     * @return what the tool printed on stdout
     * @throws HookToolException (or a subclass) when the tool is missing, times out or fails
     */
    String run(List<String> argv, byte[] stdin) {
        String tool = argv.get(0);
        Path executable = locate(tool).orElseThrow(() -> new HookToolException(argv, -1, "",
                "hook tool " + tool + " was not found on PATH (" + env.getOrDefault("PATH", "<unset>")
                        + "): is this running inside a Juju hook or action? Hook tools exist only there,"
                        + " and PATH must be passed through from the Juju agent untouched"));
        CommandLine line = new CommandLine(executable.toFile());
        for (String arg : argv.subList(1, argv.size())) {
            line.addArgument(arg, false); // no quoting: each element reaches the tool verbatim
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // A null input makes the handler close the tool's stdin at once, so nothing can block on it.
        PumpStreamHandler streams = new PumpStreamHandler(out, err, stdin == null ? null : new ByteArrayInputStream(stdin));
        streams.setStopTimeout(PUMP_STOP_TIMEOUT);
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
        DefaultExecutor executor = DefaultExecutor.builder().setExecuteStreamHandler(streams).get();
        executor.setWatchdog(watchdog);
        executor.setExitValues(null); // exit codes are mapped below, with stderr at hand
        int exit;
        try {
            exit = executor.execute(line, env);
        } catch (IOException e) {
            if (watchdog.killedProcess()) {
                throw timedOut(argv);
            }
            throw new HookToolException(argv, -1, text(err), "could not run hook tool " + tool + " (" + executable
                    + "): " + e.getMessage() + "; check that it is executable and that this runs inside a Juju hook");
        }
        if (watchdog.killedProcess()) {
            throw timedOut(argv);
        }
        String stderr = text(err);
        if (exit != 0) {
            throw HookToolException.of(argv, exit, stderr);
        }
        return text(out);
    }

    private HookToolException timedOut(List<String> argv) {
        return new HookToolException(argv, -1, "", String.join(" ", argv) + " did not finish within "
                + timeout.toMillis() + " ms and was killed: is this running inside a Juju hook, with"
                + " JUJU_AGENT_SOCKET_ADDRESS reachable? A busy controller may need a longer timeout");
    }

    /** The first executable {@code tool} on the PATH of the tool environment (not the JVM's). */
    private Optional<Path> locate(String tool) {
        return Executables.onPath(tool, env);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
