package io.jcharm.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs a {@link Command} as a real child process through Apache Commons Exec: argv[0] found on
 * the command's own PATH (never the JVM's), each argument passed verbatim, stdout and stderr
 * pumped (so a chatty process never blocks on a full pipe), every exit code a result, and a
 * watchdog that kills the process and its descendants at the timeout.
 *
 * <pre>{@code
 * ProcessResult r = new ProcessRunner().run(Command.of(List.of("jlink", "--version")).env(Map.of("PATH", "/usr/bin")));
 * }</pre>
 */
public final class ProcessRunner {

    /**
     * How long to wait for the output pumps after the process exited or was killed: a
     * grandchild that inherited the pipes (a daemon a script started) must not hang the caller.
     * Commons Exec adds 5 s of its own, so such a call ends about 6 s after the process exits.
     */
    private static final Duration PUMP_STOP_TIMEOUT = Duration.ofSeconds(1);

    /**
     * Runs {@code c} to its end.
     *
     * @return the exit code and, unless the output went to a file, what the process printed
     * @throws ProgramNotFoundException when argv[0] is not an executable on the command's PATH
     * @throws ProcessTimeoutException when the timeout killed it
     * @throws ProcessException when it could not be started, or its exit code was lost
     */
    public ProcessResult run(Command c) {
        List<String> argv = c.argv();
        String program = argv.get(0);
        Path executable = locate(c).orElseThrow(() -> new ProgramNotFoundException(argv, "cannot run `" + c.display()
                + "`: " + program + " was not found" + ProgramNotFoundException.where(c)));
        CommandLine line = new CommandLine(executable.toFile());
        for (String arg : argv.subList(1, argv.size())) {
            line.addArgument(arg, false); // no quoting: each element reaches the program verbatim
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (OutputStream file = open(c)) {
            OutputStream out = file == null ? captured : file;
            // A null input makes the handler close the child's stdin at once, so nothing blocks reading it.
            PumpStreamHandler streams = new PumpStreamHandler(out, file == null ? err : file,
                    c.stdin().map(ByteArrayInputStream::new).orElse(null));
            streams.setStopTimeout(PUMP_STOP_TIMEOUT);
            TreeKillingWatchdog watchdog = new TreeKillingWatchdog(c.timeout());
            DefaultExecutor.Builder<?> builder = DefaultExecutor.builder().setExecuteStreamHandler(streams);
            c.dir().ifPresent(d -> builder.setWorkingDirectory(d.toFile()));
            DefaultExecutor executor = builder.get();
            executor.setWatchdog(watchdog);
            executor.setExitValues(null); // every exit code is a result; callers decide what it means
            int exit;
            try {
                exit = executor.execute(line, c.env());
            } catch (IOException e) {
                if (watchdog.killedProcess()) {
                    throw new ProcessTimeoutException(argv, c.timeout(), text(err));
                }
                if (String.valueOf(e.getMessage()).contains("stop timeout")) {
                    // Commons Exec gives up on the pumps and loses the exit code: say that, not "cannot run".
                    throw new ProcessException(argv, text(err), "`" + c.display() + "` exited, but a process it started"
                            + " still holds its output open, so its exit code is unknown; start background processes"
                            + " with their output redirected (>/dev/null 2>&1)", e);
                }
                throw new ProcessException(argv, text(err), "cannot run `" + c.display() + "` (" + executable + "): "
                        + e.getMessage() + "; check the file's permissions and interpreter line", e);
            }
            if (watchdog.killedProcess()) {
                throw new ProcessTimeoutException(argv, c.timeout(), text(err));
            }
            return new ProcessResult(argv, exit, text(captured), text(err));
        } catch (IOException e) {
            throw new ProcessException(argv, "", "cannot write the output of `" + c.display() + "` to "
                    + c.outputFile().orElse(null) + ": " + e.getMessage(), e);
        }
    }

    /** The output file, truncated, or null when output is captured. */
    private static OutputStream open(Command c) throws IOException {
        if (c.outputFile().isEmpty()) {
            return null;
        }
        Path file = c.outputFile().get();
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        // Both pumps write here: one stream, synchronised, so lines interleave as printed.
        OutputStream raw = Files.newOutputStream(file);
        return new OutputStream() {
            @Override
            public synchronized void write(int b) throws IOException {
                raw.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) throws IOException {
                raw.write(b, off, len);
            }

            @Override
            public synchronized void close() throws IOException {
                raw.close();
            }
        };
    }

    /** argv[0] as a path when it has a slash, else the first executable of that name on the command's PATH. */
    private static Optional<Path> locate(Command c) {
        String program = c.argv().get(0);
        if (program.indexOf('/') >= 0) {
            Path p = Path.of(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        return Executables.onPath(program, c.env());
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
