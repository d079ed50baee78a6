package io.jcharm.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One program to run: argv (never through a shell), exactly this environment, and optionally a
 * working directory, stdin bytes, and a file that receives stdout and stderr interleaved instead
 * of capturing them. Immutable; each {@code with} step returns a new command.
 *
 * <pre>{@code
 * Command c = Command.of(List.of("snap", "list")).env(Map.of("PATH", "/usr/bin:/bin")).timeout(Duration.ofSeconds(30));
 * }</pre>
 */
public final class Command {
    /** Until told otherwise a command may run this long: long enough for jlink, short of forever. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final List<String> argv;
    private final Map<String, String> env;
    private final Path dir;
    private final byte[] stdin;
    private final Duration timeout;
    private final Path outputFile;

    private Command(List<String> argv, Map<String, String> env, Path dir, byte[] stdin, Duration timeout, Path outputFile) {
        this.argv = argv;
        this.env = env;
        this.dir = dir;
        this.stdin = stdin;
        this.timeout = timeout;
        this.outputFile = outputFile;
    }

    /**
     * A command for {@code argv}: argv[0] is a path, or a name looked up on the environment's
     * PATH; the environment starts empty.
     */
    public static Command of(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program name in argv");
        }
        return new Command(List.copyOf(argv), Map.of(), null, null, DEFAULT_TIMEOUT, null);
    }

    /** The same command run with exactly {@code environment} (nothing inherited from this JVM). */
    public Command env(Map<String, String> environment) {
        return new Command(argv, Map.copyOf(environment), dir, stdin, timeout, outputFile);
    }

    /** The same command started in {@code directory}. */
    public Command in(Path directory) {
        return new Command(argv, env, directory, stdin, timeout, outputFile);
    }

    /** The same command fed {@code bytes} on stdin (closed after them); by default stdin is closed at once. */
    public Command stdin(byte[] bytes) {
        return new Command(argv, env, dir, bytes.clone(), timeout, outputFile);
    }

    /** The same command killed, with everything it started, after {@code limit}. */
    public Command timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeout for `" + display() + "` must be positive, got " + limit);
        }
        return new Command(argv, env, dir, stdin, limit, outputFile);
    }

    /** The same command with stdout and stderr written, interleaved, to {@code file} instead of captured. */
    public Command outputTo(Path file) {
        return new Command(argv, env, dir, stdin, timeout, file);
    }

    public List<String> argv() {
        return argv;
    }

    public Map<String, String> env() {
        return env;
    }

    public Optional<Path> dir() {
        return Optional.ofNullable(dir);
    }

    public Optional<byte[]> stdin() {
        return Optional.ofNullable(stdin).map(byte[]::clone);
    }

    public Duration timeout() {
        return timeout;
    }

    public Optional<Path> outputFile() {
        return Optional.ofNullable(outputFile);
    }

    /** Shell-like rendering for messages; never executed. */
    public String display() {
        return ProcessResult.display(argv);
    }

    @Override
    public String toString() {
        return "Command[" + display() + "]";
    }
}
