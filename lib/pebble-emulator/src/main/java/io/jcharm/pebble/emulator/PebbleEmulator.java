package io.jcharm.pebble.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * An in-process Pebble on a real unix socket, speaking the wire format of Pebble 1.32: layers,
 * plan, changes, files (in memory), checks, notices, signals, logs and exec over websockets.
 * Nothing is ever run: started services are "active" in name only and exec answers from
 * handlers registered with {@link #onExec} (by default: exit 0 and a stderr line saying so).
 * Layers are combined by the emulator's own reading of Pebble's rules, never by the client's
 * model, so a client bug cannot hide behind a server that shares it.
 *
 * <pre>{@code
 * try (PebbleEmulator pebble = PebbleEmulator.start(Path.of("/tmp/pb1/app/pebble.socket"))) {
 *     pebble.onExec(List.of("app", "--version"), call -> ExecReply.ok("1.0\n"));
 *     PebbleClient client = new UnixSocketPebbleClient(pebble.socketPath());
 *     client.addLayer("app", layer, true);
 *     client.replan();
 *     assertTrue(Plan.parse(pebble.planYaml()).contains(layer));
 * }
 * }</pre>
 */
public final class PebbleEmulator implements AutoCloseable {
    private static final int MAX_RECORDED = 2000;

    private final Path socketPath;
    private final Object lock = new Object();
    private final ScheduledExecutorService timer;
    private final Notices notices = new Notices(lock);
    private final Changes changes = new Changes(lock, notices);
    private final Checks checks = new Checks(lock, changes);
    private final Workload workload = new Workload(lock, changes, checks);
    private final MemoryFiles files = new MemoryFiles(lock);
    private final Execs execs;
    private final Deque<RecordedRequest> requests = new ArrayDeque<>();
    private final HttpServer server;

    private PebbleEmulator(Path socketPath) {
        this.socketPath = socketPath;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pebble-emulator-timer " + socketPath.getFileName());
            t.setDaemon(true);
            return t;
        });
        this.execs = new Execs(lock, changes, workload::plan, timer);
        Api api = new Api(workload, changes, checks, notices, execs, files, this::record);
        this.server = new HttpServer(socketPath, api::handle,
                message -> Json.error(ApiError.badRequest("%s", message)));
    }

    /**
     * Starts an emulator listening on {@code socketPath} (parent directories are created, a stale
     * socket file is replaced). Keep the path short: unix socket paths are limited to ~107 bytes.
     */
    public static PebbleEmulator start(Path socketPath) {
        PebbleEmulator emulator = new PebbleEmulator(socketPath);
        try {
            emulator.server.listen();
        } catch (IOException e) {
            emulator.timer.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + socketPath + " (" + socketPath.toString().length()
                    + " chars; unix socket paths must stay under ~107 bytes): " + e.getMessage(), e);
        }
        return emulator;
    }

    /** The socket clients connect to. */
    public Path socketPath() {
        return socketPath;
    }

    /** Stops listening, removes the socket file and drops open connections. */
    @Override
    public void close() {
        server.close();
        timer.shutdownNow();
    }

    /**
     * Makes the container reachable or not: unreachable removes the socket file and drops
     * connections (as when the workload container restarts); the state is kept for when it returns.
     */
    public void setReachable(boolean reachable) {
        if (!reachable) {
            server.close();
            return;
        }
        try {
            server.listen();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen again on " + socketPath, e);
        }
    }

    /** True while the socket accepts connections. */
    public boolean isReachable() {
        return server.isListening();
    }

    /** The combined plan as Pebble writes it for {@code GET /v1/plan?format=yaml}. */
    public String planYaml() {
        return workload.plan().toYaml();
    }

    /** The named service of the combined plan, if it has one. */
    public Optional<PlanEntry> planService(String name) {
        return Optional.ofNullable(workload.plan().services().get(name));
    }

    /** The named check of the combined plan, if it has one. */
    public Optional<PlanEntry> planCheck(String name) {
        return Optional.ofNullable(workload.plan().checks().get(name));
    }

    /** Layer labels in order. */
    public List<String> layerLabels() {
        return workload.labels();
    }

    /**
     * Adds a layer directly, as if a charm had (for setting up a test).
     *
     * @throws IllegalArgumentException with Pebble's message when Pebble would refuse it
     */
    public void addLayer(String label, String layerYaml, boolean combine) {
        try {
            workload.addLayer(label, layerYaml, combine);
        } catch (ApiError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Every service of the plan with its simulated state. */
    public Map<String, ServiceState> services() {
        return workload.states();
    }

    /** One service's simulated state, if the plan has it. */
    public Optional<ServiceState> service(String name) {
        return Optional.ofNullable(workload.states().get(name));
    }

    /**
     * Makes starting {@code service} fail as a process exiting at once with {@code exitCode} does
     * (Pebble: "service start attempt: exited quickly with code 1, will restart"); null stops failing.
     */
    public void failServiceStart(String service, Integer exitCode) {
        workload.failStart(service, exitCode);
    }

    /** Holds new service changes in progress (to test waiting and timeouts); false applies them. */
    public void holdChanges(boolean hold) {
        changes.hold(hold);
    }

    /** Sets a check's simulated status; {@code DOWN} makes {@code /v1/health} answer 502. */
    public void setCheckStatus(String check, CheckState status) {
        checks.setStatus(check, status);
    }

    /**
     * Makes every push to {@code path} fail as on a full disk (Pebble's per-file
     * {@code generic-file-error}; the other files of the same request are written); false heals it.
     */
    public void failPush(String path, boolean fail) {
        files.failWrite(path, fail);
    }

    /** The content of a file in the container, if it is a regular file. */
    public Optional<byte[]> file(String path) {
        return files.node(path).filter(n -> !n.directory()).map(n -> n.content().clone());
    }

    /** The content of a file as UTF-8 text, if it is a regular file. */
    public Optional<String> fileText(String path) {
        return file(path).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** The permission bits of a file or directory, e.g. {@code 0644}. */
    public Optional<Integer> fileMode(String path) {
        return files.node(path).map(MemoryFiles.Node::mode);
    }

    /** Puts a file in the container (parents created, mode 644, root), as the image would hold it. */
    public void putFile(String path, byte[] content) {
        files.write(path, content, true, 0644, MemoryFiles.Owner.ROOT);
    }

    /** Puts a UTF-8 text file in the container. */
    public void putFile(String path, String text) {
        putFile(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Every path in the container's filesystem, sorted. */
    public List<String> paths() {
        return files.paths();
    }

    /** Answers execs whose argv starts with {@code argvPrefix}; the longest matching prefix wins. */
    public void onExec(List<String> argvPrefix, ExecHandler handler) {
        execs.register(argvPrefix, handler);
    }

    /** Every exec that ran, in order. */
    public List<ExecCall> execHistory() {
        return execs.history();
    }

    /** How long exec waits for its websockets before failing the change (Pebble: 5 s). */
    public void setExecConnectTimeout(Duration timeout) {
        execs.setConnectTimeout(timeout);
    }

    /** Records a custom notice as the workload would (Juju: {@code <container>-pebble-custom-notice}). */
    public String addCustomNotice(String key, Map<String, String> data) {
        return notices.record("custom", key, data, null, 0).id;
    }

    /** Signals received, as {@code "SIGHUP service"}. */
    public List<String> signals() {
        return workload.signals();
    }

    /** The service log lines the emulator wrote (they say that nothing runs). */
    public List<LogLine> logs() {
        return workload.logs(List.of(), -1);
    }

    /** The requests received, oldest first (the last 2000). */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void record(HttpRequest request) {
        synchronized (requests) {
            requests.addLast(new RecordedRequest(request.method(), request.path(), request.rawQuery(),
                    request.bodyText()));
            while (requests.size() > MAX_RECORDED) {
                requests.removeFirst();
            }
        }
    }

    @Override
    public String toString() {
        return "PebbleEmulator[" + socketPath + (isReachable() ? "" : ", unreachable") + "]";
    }
}
