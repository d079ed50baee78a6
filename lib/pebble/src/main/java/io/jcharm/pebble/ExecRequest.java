package io.jcharm.pebble;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A command for {@link PebbleClient#exec}: argv (no shell), environment, working directory,
 * user/group, timeout and the bytes to send on stdin.
 *
 * <pre>{@code
 * ExecResult r = client.exec(ExecRequest.of("mlflow", "db", "upgrade", uri)
 *     .withEnvironment("MLFLOW_TRACKING_URI", uri)
 *     .withTimeout(Duration.ofMinutes(2)));
 * }</pre>
 *
 * @param timeout how long Pebble lets the command run (null: no limit on Pebble's side; the
 *     client still stops waiting after {@link PebbleClient#DEFAULT_EXEC_WAIT})
 */
public record ExecRequest(
        List<String> command,
        Map<String, String> environment,
        String workingDir,
        Duration timeout,
        Integer userId,
        String user,
        Integer groupId,
        String group,
        String serviceContext,
        byte[] stdin) {

    /** Validates the command and normalises empty values. */
    public ExecRequest {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("exec needs a command: give at least the executable, e.g. ExecRequest.of(\"ls\")");
        }
        command = List.copyOf(command);
        environment = environment == null ? Map.of() : Map.copyOf(new TreeMap<>(environment));
        stdin = stdin == null ? new byte[0] : stdin.clone();
    }

    /** A request running {@code command} (argv, no shell) with nothing else set. */
    public static ExecRequest of(String... command) {
        return new ExecRequest(List.of(command), Map.of(), null, null, null, null, null, null, null, null);
    }

    /** This request with one more environment variable. */
    public ExecRequest withEnvironment(String name, String value) {
        Map<String, String> env = new TreeMap<>(environment);
        env.put(name, value);
        return withEnvironment(env);
    }

    /** This request with exactly these environment variables. */
    public ExecRequest withEnvironment(Map<String, String> env) {
        return new ExecRequest(command, env, workingDir, timeout, userId, user, groupId, group, serviceContext, stdin);
    }

    /** This request run in {@code directory}. */
    public ExecRequest withWorkingDir(String directory) {
        return new ExecRequest(command, environment, directory, timeout, userId, user, groupId, group, serviceContext,
                stdin);
    }

    /** This request limited to {@code limit} on Pebble's side. */
    public ExecRequest withTimeout(Duration limit) {
        return new ExecRequest(command, environment, workingDir, limit, userId, user, groupId, group, serviceContext,
                stdin);
    }

    /** This request run as the named user. */
    public ExecRequest withUser(String name) {
        return new ExecRequest(command, environment, workingDir, timeout, userId, name, groupId, group, serviceContext,
                stdin);
    }

    /** This request run as the given user id. */
    public ExecRequest withUserId(int id) {
        return new ExecRequest(command, environment, workingDir, timeout, id, user, groupId, group, serviceContext,
                stdin);
    }

    /** This request run with the named group. */
    public ExecRequest withGroup(String name) {
        return new ExecRequest(command, environment, workingDir, timeout, userId, user, groupId, name, serviceContext,
                stdin);
    }

    /** This request run with the given group id. */
    public ExecRequest withGroupId(int id) {
        return new ExecRequest(command, environment, workingDir, timeout, userId, user, id, group, serviceContext,
                stdin);
    }

    /** This request inheriting environment, user and directory from {@code service}. */
    public ExecRequest withServiceContext(String service) {
        return new ExecRequest(command, environment, workingDir, timeout, userId, user, groupId, group, service, stdin);
    }

    /** This request sending {@code bytes} on stdin, then end-of-input. */
    public ExecRequest withStdin(byte[] bytes) {
        return new ExecRequest(command, environment, workingDir, timeout, userId, user, groupId, group, serviceContext,
                bytes);
    }

    /** This request sending {@code text} (UTF-8) on stdin, then end-of-input. */
    public ExecRequest withStdin(String text) {
        return withStdin(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] stdin() {
        return stdin.clone();
    }

    @Override
    public String toString() {
        return "ExecRequest" + command + (workingDir == null ? "" : " in " + workingDir)
                + (timeout == null ? "" : " timeout " + timeout) + " (" + environment.size() + " env vars, "
                + stdin.length + " stdin bytes)";
    }
}
