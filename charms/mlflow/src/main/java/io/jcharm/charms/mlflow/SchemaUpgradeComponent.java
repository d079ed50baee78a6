package io.jcharm.charms.mlflow;

import io.jcharm.core.Component;
import io.jcharm.core.Container;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.pebble.ExecRequest;
import io.jcharm.pebble.ExecResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code mlflow db upgrade} once when the workload's MLflow is newer than the one the
 * database was last used with (a new image), before the server is (re)planned: each unit for its
 * own sqlite database, the leader for the shared MySQL one; a failure blocks with the command's
 * output, leaving the plan as it was. An older MLflow (a downgraded image) is refused: MLflow
 * cannot downgrade a schema. A fresh database needs none (the server creates its schema); the
 * version it starts with is recorded.
 *
 * <pre>{@code
 * new SchemaUpgradeComponent(choice, container, dbCredentials);
 * }</pre>
 */
final class SchemaUpgradeComponent implements Component<Void> {
    /** Unit state: the MLflow version the backend store was last used with, per backend kind. */
    static final String RECORDED = "schema-mlflow-version-";
    private static final Pattern VERSION = Pattern.compile("version ([0-9][0-9A-Za-z.+-]*)");
    static final Duration TIMEOUT = Duration.ofMinutes(10);
    private final Component<BackendChoice.Choice> choice;
    private final Component<Container> container;
    private final Component<Void> dbCredentials;

    SchemaUpgradeComponent(Component<BackendChoice.Choice> choice, Component<Container> container,
            Component<Void> dbCredentials) {
        this.choice = choice;
        this.container = container;
        this.dbCredentials = dbCredentials;
    }

    @Override
    public String name() {
        return "schema";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(choice, container, dbCredentials);
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        BackendStore store = inputs.get(choice).store();
        Container c = inputs.get(container);
        Optional<String> version = version(c);
        if (version.isEmpty()) {
            model.log().warning("could not tell the workload's MLflow version from `mlflow --version`; "
                    + "no schema upgrade was considered");
            return null;
        }
        String key = RECORDED + store.kind();
        Optional<String> recorded = model.state().get(key, String.class);
        if (recorded.isEmpty()) {
            model.state().set(key, version.get());
            return null;
        }
        if (recorded.get().equals(version.get())) {
            return null;
        }
        if (older(version.get(), recorded.get())) {
            throw StatusException.blocked("the " + store.kind() + " schema was last used by MLflow " + recorded.get()
                    + ", newer than this image's " + version.get() + ": MLflow cannot downgrade a schema, so the server "
                    + "was not restarted; refresh to an image with MLflow " + recorded.get() + " or later");
        }
        if (store.kind().equals(BackendStore.MYSQL) && !model.isLeader()) {
            // The shared schema is the leader's to upgrade. Not recorded here: should this unit
            // become leader before that happened, it runs the (idempotent) upgrade itself. Its
            // server meanwhile starts once the schema is current (MLflow refuses an old one).
            model.log().info("the leader upgrades the MySQL schema from MLflow " + recorded.get() + " to " + version.get());
            return null;
        }
        model.unit().setStatus(io.jcharm.core.Status.maintenance("upgrading the database schema to MLflow " + version.get()));
        // The URI names no password (MySQL's is in the option file), so argv holds no secret.
        ExecResult r = c.exec(ExecRequest.of("mlflow", "db", "upgrade", store.uri()).withTimeout(TIMEOUT));
        if (r.exitCode() != 0) {
            throw StatusException.blocked("mlflow db upgrade from " + recorded.get() + " to " + version.get()
                    + " failed (exit " + r.exitCode() + "): " + tail(r.stderrText().isBlank() ? r.stdoutText() : r.stderrText())
                    + "; the server was not restarted; see juju debug-log, fix, and any later hook retries");
        }
        model.log().info("upgraded the " + store.kind() + " schema from MLflow " + recorded.get() + " to " + version.get());
        model.state().set(key, version.get());
        return null;
    }

    /** Whether version {@code a} is older than {@code b}, comparing their numeric dot-separated parts ("2.9.1" < "2.22.0"). */
    static boolean older(String a, String b) {
        int[] x = parts(a);
        int[] y = parts(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? x[i] : 0;
            int q = i < y.length ? y[i] : 0;
            if (p != q) {
                return p < q;
            }
        }
        return false;
    }

    private static int[] parts(String version) {
        // "2.22.0rc1" or "2.22.0+local": the release numbers only.
        return java.util.Arrays.stream(version.split("[^0-9.]", 2)[0].split("\\."))
                .filter(p -> !p.isEmpty()).mapToInt(Integer::parseInt).toArray();
    }

    /** "2.22.0" from "mlflow, version 2.22.0". */
    static Optional<String> version(Container c) {
        ExecResult r = c.exec(ExecRequest.of("mlflow", "--version").withTimeout(Duration.ofSeconds(60)));
        Matcher m = VERSION.matcher(r.stdoutText());
        return r.exitCode() == 0 && m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String tail(String text) {
        String[] lines = text.strip().split("\n");
        return String.join(" / ", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 3), lines.length));
    }
}
