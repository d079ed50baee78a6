package io.jcharm.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * {@link ProcessRunner} on Apache Commons Exec: arguments are passed as given (no shell, no
 * quoting surprises), output is captured, and a watchdog kills the process at the timeout.
 *
 * <pre>{@code
 * new ExecProcessRunner().run(List.of(juju.toString(), "status", "--format=json"), env, Duration.ofMinutes(1));
 * }</pre>
 */
public final class ExecProcessRunner implements ProcessRunner {

    @Override
    public ProcessResult run(List<String> argv, Map<String, String> env, Duration timeout) {
        CommandLine cmd = new CommandLine(argv.get(0));
        // handleQuoting=false: each argument goes to the process exactly as given.
        argv.subList(1, argv.size()).forEach(a -> cmd.addArgument(a, false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setStreamHandler(new PumpStreamHandler(out, err));
        executor.setWatchdog(watchdog);
        executor.setExitValues(null); // every exit code is a result for the caller to judge
        int code;
        try {
            code = executor.execute(cmd, env);
        } catch (ExecuteException e) {
            code = e.getExitValue();
        } catch (IOException e) {
            throw CliException.external("cannot run " + argv.get(0) + ": " + e.getMessage(),
                    "check that it is installed and executable");
        }
        if (watchdog.killedProcess()) {
            throw CliException.external(String.join(" ", argv) + " did not finish within " + timeout.toSeconds() + " s",
                    "check that the controller is reachable (juju status), or raise --timeout");
        }
        return new ProcessResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
