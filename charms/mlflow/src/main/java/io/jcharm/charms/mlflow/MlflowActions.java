package io.jcharm.charms.mlflow;

import io.jcharm.core.ActionContext;
import io.jcharm.core.Container;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.pebble.ExecRequest;
import io.jcharm.pebble.ExecResult;
import io.jcharm.relations.ObjectStorage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The charm's actions: Charmed MLflow's {@code get-minio-credentials} (same result keys and
 * failure text), {@code get-tracking-uri}, and the backend move pair {@code export-runs} and
 * {@code adopt-database}.
 *
 * <pre>{@code
 * new MlflowActions(model, reconcile).run(action);
 * }</pre>
 */
final class MlflowActions {
    static final String NOT_REACHABLE = "Minio is not reachable yet. Please try again in a few minutes.";
    static final String BACKUP_SCRIPT = "import sqlite3,sys\n"
            + "s=sqlite3.connect('file:'+sys.argv[1]+'?mode=ro',uri=True)\n"
            + "d=sqlite3.connect(sys.argv[2])\n"
            + "s.backup(d)\nd.close()\n";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final Model model;
    private final Runnable reconcile;

    /** {@code reconcile} runs the charm's components, for adopt-database to take effect at once. */
    MlflowActions(Model model, Runnable reconcile) {
        this.model = model;
        this.reconcile = reconcile;
    }

    void run(ActionContext action) {
        switch (action.name()) {
            case "get-minio-credentials" -> minioCredentials(action);
            case "get-tracking-uri" -> trackingUri(action);
            case "export-runs" -> exportRuns(action);
            case "adopt-database" -> adoptDatabase(action);
            default -> action.fail("action " + action.name() + " is declared but not implemented by this charm");
        }
    }

    private void minioCredentials(ActionContext action) {
        Optional<ObjectStorage> s3;
        try {
            s3 = ObjectStorageComponent.read(model);
        } catch (StatusException e) {
            s3 = Optional.empty();
        }
        if (s3.isEmpty()) {
            action.fail(NOT_REACHABLE);
            return;
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("access-key", s3.get().accessKey());
        results.put("secret-access-key", s3.get().secretKey());
        action.setResults(results);
    }

    private void trackingUri(ActionContext action) {
        MlflowConfig cfg = model.config(MlflowConfig.class);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("tracking-uri", Publishers.trackingUri(model, cfg.mlflowPort()));
        if (model.relation(Publishers.INGRESS).isPresent()) {
            results.put("ingress-path", Publishers.PREFIX);
        }
        action.setResults(results);
    }

    private void exportRuns(ActionContext action) {
        Container c = model.container(MlflowCharm.CONTAINER);
        if (!c.canConnect()) {
            action.fail("the " + MlflowCharm.CONTAINER + " container is not up; try again once the unit is active");
            return;
        }
        if (!c.exists(BackendStore.SQLITE_FILE)) {
            action.fail("there is no sqlite database at " + BackendStore.SQLITE_FILE + ": nothing to export");
            return;
        }
        String target = BackendStore.DATA_DIR + "/export-" + STAMP.format(Instant.now()) + ".db";
        action.log("copying " + BackendStore.SQLITE_FILE + " to " + target + " with sqlite's online backup");
        ExecResult r = c.exec(ExecRequest.of("python3", "-c", BACKUP_SCRIPT, BackendStore.SQLITE_FILE, target)
                .withTimeout(Duration.ofMinutes(30)));
        if (r.exitCode() != 0) {
            action.fail("the sqlite backup failed (exit " + r.exitCode() + "): " + r.stderrText().strip());
            return;
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("path", target);
        results.put("copy", "juju scp --container " + MlflowCharm.CONTAINER + " " + model.unit().name() + ":" + target + " .");
        action.setResults(results);
    }

    private void adoptDatabase(ActionContext action) {
        String wanted = DatabaseComponent.related(model) ? BackendStore.MYSQL : BackendStore.SQLITE;
        model.state().set(BackendChoice.ADOPTED, wanted);
        action.log("accepted " + wanted + " as the backend store; reconciling");
        reconcile.run();
        action.setResults(Map.of("backend-store", wanted));
    }
}
