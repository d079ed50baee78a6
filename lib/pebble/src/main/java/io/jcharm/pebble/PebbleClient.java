package io.jcharm.pebble;

import io.jcharm.pebble.layer.CheckLevel;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.Plan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Pebble API of one workload container. {@link UnixSocketPebbleClient} speaks it over the
 * container's unix socket; tests and the local model may swap in other implementations.
 *
 * <pre>{@code
 * try (PebbleClient pebble = new UnixSocketPebbleClient(PebbleSockets.socketPath("app", System.getenv()))) {
 *     pebble.addLayer("app", layer, true);
 *     pebble.replan(Duration.ofSeconds(30));
 *     ExecResult r = pebble.exec(ExecRequest.of("app", "--version")).requireSuccess();
 * }
 * }</pre>
 *
 * <p>Every method throws {@link PebbleConnectionException} when the container cannot be
 * reached and {@link PebbleApiException} when Pebble refuses the request. Methods that wait on
 * a change throw {@link PebbleChangeException} when it fails and
 * {@link PebbleChangeTimeoutException} when it is not done in time; a zero timeout returns the
 * change without waiting.
 */
public interface PebbleClient extends AutoCloseable {
    /** Per-request timeout, as in ops. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** How long service actions wait for their change by default, as in ops. */
    Duration DEFAULT_CHANGE_TIMEOUT = Duration.ofSeconds(30);
    /** How long {@link #exec} waits for a command that has no timeout of its own. */
    Duration DEFAULT_EXEC_WAIT = Duration.ofMinutes(10);

    /** {@code GET /v1/system-info}. */
    SystemInfo systemInfo();

    /**
     * {@code GET /v1/health}: false when a matching check is down (Pebble answers 502).
     *
     * @param level null for every level; {@code ready} also counts alive checks
     * @param names checks to consider, empty for all
     */
    boolean isHealthy(CheckLevel level, Collection<String> names);

    /** {@code GET /v1/health} over every check. */
    default boolean isHealthy() {
        return isHealthy(null, List.of());
    }

    /** {@code GET /v1/plan?format=yaml}, parsed. */
    Plan plan();

    /** {@code GET /v1/plan?format=yaml} as Pebble wrote it. */
    String planYaml();

    /**
     * {@code POST /v1/layers}: adds {@code layer} under {@code label}; with {@code combine} an
     * existing layer of that label is merged into instead of refused.
     */
    default void addLayer(String label, Layer layer, boolean combine) {
        addLayer(label, layer.toYaml(), combine);
    }

    /** {@code POST /v1/layers} with layer YAML as given. */
    void addLayer(String label, String layerYaml, boolean combine);

    /** {@code GET /v1/services?names=...}; empty names for all services. */
    List<ServiceInfo> services(Collection<String> names);

    /** Every service of the plan. */
    default List<ServiceInfo> services() {
        return services(List.of());
    }

    /** One service, if the plan has it. */
    default Optional<ServiceInfo> service(String name) {
        return services(List.of(name)).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Starts the services (and what they require), waiting up to {@code timeout}. */
    Change startServices(Collection<String> names, Duration timeout);

    /** Stops the services, waiting up to {@code timeout}. */
    Change stopServices(Collection<String> names, Duration timeout);

    /** Restarts the services, waiting up to {@code timeout}. */
    Change restartServices(Collection<String> names, Duration timeout);

    /** Starts every {@code startup: enabled} service; Pebble refuses when there is none. */
    Change autostart(Duration timeout);

    /** Restarts services whose definition changed and starts every enabled service. */
    Change replan(Duration timeout);

    /** {@link #replan(Duration)} waiting {@link #DEFAULT_CHANGE_TIMEOUT}. */
    default Change replan() {
        return replan(DEFAULT_CHANGE_TIMEOUT);
    }

    /** {@code GET /v1/changes/{id}}. */
    Change change(String id);

    /** Waits until the change is ready (not necessarily successful), up to {@code timeout}. */
    Change waitChange(String id, Duration timeout);

    /**
     * {@code GET /v1/changes}.
     *
     * @param service only changes for this service, or null
     */
    List<Change> changes(ChangeSelect select, String service);

    /**
     * {@code GET /v1/files?action=list}.
     *
     * @param pattern a glob on names, or null
     * @param itself list the directory itself rather than its entries
     */
    List<FileInfo> listFiles(String path, String pattern, boolean itself);

    /** True when {@code path} exists in the container. */
    default boolean exists(String path) {
        try {
            listFiles(path, null, true);
            return true;
        } catch (PebbleApiException e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** The content of a regular file in the container. */
    byte[] pull(String path);

    /** The content of a file in the container as UTF-8 text. */
    default String pullText(String path) {
        return new String(pull(path), StandardCharsets.UTF_8);
    }

    /** Writes a file in the container atomically. */
    void push(String path, byte[] content, PushOptions options);

    /** Writes UTF-8 text to a file with Pebble's defaults. */
    default void push(String path, String text) {
        push(path, text.getBytes(StandardCharsets.UTF_8), PushOptions.defaults());
    }

    /** Creates a directory. */
    void makeDir(String path, MakeDirOptions options);

    /** Removes a file or (with {@code recursive}) a directory tree. */
    void remove(String path, boolean recursive);

    /** Runs a command in the container and captures its output (see {@link ExecRequest}). */
    ExecResult exec(ExecRequest request);

    /**
     * {@code GET /v1/checks}.
     *
     * @param level null for every level
     * @param names checks to list, empty for all
     */
    List<CheckInfo> checks(CheckLevel level, Collection<String> names);

    /** Every check. */
    default List<CheckInfo> checks() {
        return checks(null, List.of());
    }

    /** Starts stopped checks; returns the names whose state changed. */
    List<String> startChecks(Collection<String> names);

    /** Stops checks; returns the names whose state changed. */
    List<String> stopChecks(Collection<String> names);

    /** Runs a check now ({@code POST /v1/checks/refresh}) and returns its state and, if it failed, the error. */
    CheckRefresh refreshCheck(String name);

    /** {@code GET /v1/notices} with the given filters. */
    List<Notice> notices(NoticeQuery query);

    /** {@code GET /v1/notices/{id}}. */
    Notice notice(String id);

    /**
     * Records a custom notice (Juju emits {@code <container>-pebble-custom-notice}).
     *
     * @param key in {@code domain.tld/path} form
     * @param repeatAfter null to always repeat
     * @return the notice id
     */
    String addNotice(String key, Map<String, String> data, Duration repeatAfter);

    /** Sends a signal such as {@code SIGHUP} to running services. */
    void sendSignal(String signal, Collection<String> services);

    /**
     * The last {@code n} log lines of the services ({@code -1} for all, empty services for all).
     */
    List<LogEntry> logs(Collection<String> services, int n);

    /** Releases connections and threads; the default does nothing. */
    @Override
    default void close() {
    }
}
