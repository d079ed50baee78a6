package io.jcharm.core;

import io.jcharm.pebble.Change;
import io.jcharm.pebble.CheckInfo;
import io.jcharm.pebble.ExecRequest;
import io.jcharm.pebble.ExecResult;
import io.jcharm.pebble.FileInfo;
import io.jcharm.pebble.MakeDirOptions;
import io.jcharm.pebble.PebbleApiException;
import io.jcharm.pebble.PebbleClient;
import io.jcharm.pebble.PebbleConnectionException;
import io.jcharm.pebble.PebblePathException;
import io.jcharm.pebble.PebbleProtocolException;
import io.jcharm.pebble.PebbleSockets;
import io.jcharm.pebble.PushOptions;
import io.jcharm.pebble.ServiceInfo;
import io.jcharm.pebble.UnixSocketPebbleClient;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.Plan;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A workload container of this unit, through its Pebble: plan and layers, services, checks,
 * files and exec. Every call may throw {@link PebbleConnectionException} when the container is
 * not up; {@link #canConnect()} asks first.
 *
 * <pre>{@code
 * Container app = Container.connect("mlflow-server", model.environment());
 * if (app.canConnect()) {
 *     app.push("/etc/mlflow/env", "MLFLOW_S3_ENDPOINT_URL=http://minio:9000\n");
 *     String version = app.exec("mlflow", "--version").requireSuccess().stdoutText();
 * }
 * }</pre>
 */
public final class Container implements AutoCloseable {
    private final String name;
    private final PebbleClient pebble;

    /** A container named {@code name} reached through {@code pebble}. */
    public Container(String name, PebbleClient pebble) {
        this.name = Objects.requireNonNull(name, "name");
        this.pebble = Objects.requireNonNull(pebble, "pebble");
    }

    /**
     * The container's Pebble at {@code /charm/containers/<name>/pebble.socket} (under
     * {@code $JCHARM_CONTAINERS_DIR} on the local model and in tests); nothing is opened yet.
     */
    public static Container connect(String name, Map<String, String> environment) {
        return new Container(name, new UnixSocketPebbleClient(PebbleSockets.socketPath(name, environment)));
    }

    /** The container name from the charm's metadata. */
    public String name() {
        return name;
    }

    /** The Pebble client, for what this class does not wrap (notices, signals, logs...). */
    public PebbleClient pebble() {
        return pebble;
    }

    /**
     * True when Pebble answers {@code GET /v1/system-info} now; false when the socket is missing,
     * refuses, or answers with an error. Only a snapshot: the container can go away afterwards.
     */
    public boolean canConnect() {
        try {
            pebble.systemInfo();
            return true;
        } catch (PebbleConnectionException | PebbleApiException | PebbleProtocolException e) {
            return false;
        }
    }

    /** The combined plan. */
    public Plan plan() {
        return pebble.plan();
    }

    /** Adds a layer under {@code label}; with {@code combine}, merges into an existing one. */
    public void addLayer(String label, Layer layer, boolean combine) {
        pebble.addLayer(label, layer, combine);
    }

    /** Restarts changed services and starts enabled ones, waiting for the change. */
    public Change replan() {
        return pebble.replan();
    }

    /** Starts services, waiting for the change. */
    public Change start(String... services) {
        return pebble.startServices(List.of(services), PebbleClient.DEFAULT_CHANGE_TIMEOUT);
    }

    /** Stops services, waiting for the change. */
    public Change stop(String... services) {
        return pebble.stopServices(List.of(services), PebbleClient.DEFAULT_CHANGE_TIMEOUT);
    }

    /** Restarts services, waiting for the change. */
    public Change restart(String... services) {
        return pebble.restartServices(List.of(services), PebbleClient.DEFAULT_CHANGE_TIMEOUT);
    }

    /** Every service of the plan. */
    public List<ServiceInfo> services() {
        return pebble.services();
    }

    /** One service, if the plan has it. */
    public Optional<ServiceInfo> service(String service) {
        return pebble.service(service);
    }

    /** Every check. */
    public List<CheckInfo> checks() {
        return pebble.checks();
    }

    /** Writes UTF-8 text to a file (Pebble's defaults: mode 644, parent must exist). */
    public void push(String path, String text) {
        pebble.push(path, text);
    }

    /** Writes bytes to a file with the given mode, owner and parent creation. */
    public void push(String path, byte[] content, PushOptions options) {
        pebble.push(path, content, options);
    }

    /** A file's content. */
    public byte[] pull(String path) {
        return pebble.pull(path);
    }

    /** A file's content as UTF-8 text. */
    public String pullText(String path) {
        return pebble.pullText(path);
    }

    /** A file's content as UTF-8 text, or empty when there is no such file (other errors propagate). */
    public Optional<String> pullTextIfExists(String path) {
        try {
            return Optional.of(pebble.pullText(path));
        } catch (PebblePathException e) {
            if ("not-found".equals(e.kind())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** True when the path exists. */
    public boolean exists(String path) {
        return pebble.exists(path);
    }

    /** Entries of a directory (or the file itself). */
    public List<FileInfo> listFiles(String path) {
        return pebble.listFiles(path, null, false);
    }

    /** Creates a directory. */
    public void makeDir(String path, MakeDirOptions options) {
        pebble.makeDir(path, options);
    }

    /** Removes a file, or a directory tree with {@code recursive}. */
    public void remove(String path, boolean recursive) {
        pebble.remove(path, recursive);
    }

    /** Runs a command (argv, no shell) and captures its output. */
    public ExecResult exec(ExecRequest request) {
        return pebble.exec(request);
    }

    /** Runs a command with nothing else set. */
    public ExecResult exec(String... command) {
        return pebble.exec(ExecRequest.of(command));
    }

    /** Releases the client's connections and threads. */
    @Override
    public void close() {
        pebble.close();
    }

    @Override
    public String toString() {
        return "Container[" + name + "]";
    }
}
