package io.jcharm.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The workload stand-ins running in this command, one per application at most, reconciled after
 * each hook of the application (and for every application when a command starts its first hook):
 * what the plan and Service say should be served is compared with what is served; a change (a
 * rotated key, another port) restarts the server, nothing wanted (the service stopped, the
 * application removed) stops it. They stop with the command, as the Pebble emulators do; their
 * data stays under the model directory ({@code workloads/<app>/}) until the application is removed.
 *
 * <pre>{@code
 * List<String> log = standins.reconcile("minio", "minio", () -> view);   // ["started: S3 API on http://127.1.0.3:9000 ..."]
 * }</pre>
 */
final class WorkloadStandins implements AutoCloseable {
    /** Every workload stand-in, by the charm it stands in for. */
    static final Map<String, WorkloadStandin> CATALOG = Map.of("minio", new MinioStandin());

    private record Running(WorkloadStandin standin, Served served, AutoCloseable server) {
    }

    private final StateDir dirs;
    private final Map<String, Running> running = new TreeMap<>();

    WorkloadStandins(StateDir dirs) {
        this.dirs = dirs;
    }

    /** Whether a charm's workload has a stand-in. */
    static boolean covers(String charm) {
        return CATALOG.containsKey(charm);
    }

    /**
     * Makes what serves for {@code app} (of charm {@code charm}) match its workload now.
     *
     * @return what changed, one line each, for the debug log (a failure to serve starts with "cannot")
     */
    synchronized List<String> reconcile(String app, String charm, Supplier<WorkloadView> view) {
        WorkloadStandin standin = CATALOG.get(charm);
        if (standin == null) {
            return List.of();
        }
        Optional<Served> wanted = standin.wanted(view.get());
        Running now = running.get(app);
        if (now != null && wanted.isPresent() && now.served().equals(wanted.get())) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (now != null) {
            out.add(stop(app, wanted.isPresent() ? "restarting for a changed workload" : "its workload stopped"));
        }
        if (wanted.isPresent()) {
            Path data = dirs.workloadData(app);
            try {
                running.put(app, new Running(standin, wanted.get(), standin.serve(wanted.get(), data)));
                out.add("started: " + standin.describe(wanted.get(), data));
            } catch (RuntimeException e) {
                out.add("cannot serve " + app + "'s workload on " + wanted.get() + ": " + e.getMessage()
                        + " (tried again after its next hook)");
            }
        }
        return out;
    }

    /** What serves for {@code app}, if anything (for status and tests). */
    synchronized Optional<Served> serving(String app) {
        return Optional.ofNullable(running.get(app)).map(Running::served);
    }

    /** The application is gone: its server stops and its data goes, as its storage does. */
    synchronized Optional<String> remove(String app) {
        Optional<String> stopped = running.containsKey(app) ? Optional.of(stop(app, "the application was removed")) : Optional.empty();
        StateDir.deleteTree(dirs.workloadData(app));
        return stopped;
    }

    private String stop(String app, String why) {
        Running r = running.remove(app);
        try {
            r.server().close();
            return "stopped the stand-in on " + r.served() + ": " + why;
        } catch (Exception e) {
            return "cannot stop the stand-in on " + r.served() + " (" + why + "): " + e.getMessage();
        }
    }

    /** Stops every server (the command ends); their data stays for the next command. */
    @Override
    public synchronized void close() {
        RuntimeException first = null;
        for (String app : List.copyOf(running.keySet())) {
            String line = stop(app, "the command ends");
            if (line.startsWith("cannot") && first == null) {
                first = new IllegalStateException(line);
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
