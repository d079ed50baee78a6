package io.jcharm.charms.mlflow;

import io.jcharm.core.Component;
import io.jcharm.core.Container;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.pebble.ExecRequest;
import io.jcharm.pebble.ExecResult;
import io.jcharm.relations.MysqlClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the backend store the server runs on, never silently trading runs for an empty
 * database: moving from sqlite to MySQL is refused while the sqlite database holds runs or
 * experiments (the server stays on sqlite and the {@code backend-store} guard at the end of the
 * list is Blocked saying how to move), and losing the MySQL relation stops the server from being
 * re-planned on sqlite. The {@code adopt-database} action accepts the switch.
 *
 * <pre>{@code
 * Component<BackendChoice.Choice> choice = new BackendChoice(database, container);
 * }</pre>
 */
final class BackendChoice implements Component<BackendChoice.Choice> {
    /** Unit state: the backend the server last ran on. */
    static final String RECORDED = "backend-store";
    /** Unit state: the backend the operator accepted with adopt-database. */
    static final String ADOPTED = "backend-store-adopted";
    /** Counts experiments (but the Default one, id 0) and runs, read-only. */
    static final String COUNT_SCRIPT = "import sqlite3,sys\n"
            + "c=sqlite3.connect('file:'+sys.argv[1]+'?mode=ro',uri=True)\n"
            + "print(c.execute('select count(*) from runs').fetchone()[0]"
            + "+c.execute(\"select count(*) from experiments where experiment_id<>'0'\").fetchone()[0])\n";
    private final Component<Optional<MysqlClient>> database;
    private final Component<Container> container;

    /**
     * The store the server runs on, and why the switch the relations call for was refused
     * (empty when the server follows them).
     */
    record Choice(BackendStore store, Optional<String> refusal) {
    }

    BackendChoice(Component<Optional<MysqlClient>> database, Component<Container> container) {
        this.database = database;
        this.container = container;
    }

    @Override
    public String name() {
        return "backend-choice";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(database, container);
    }

    @Override
    public Choice reconcile(Model model, Inputs inputs) throws StatusException {
        String recorded = model.state().get(RECORDED, String.class).orElse("");
        String adopted = model.state().get(ADOPTED, String.class).orElse("");
        BackendStore wanted = inputs.get(database).map(BackendStore::mysql).orElseGet(BackendStore::sqlite);
        if (wanted.kind().equals(BackendStore.SQLITE) && recorded.equals(BackendStore.MYSQL)
                && !adopted.equals(BackendStore.SQLITE)) {
            throw StatusException.blocked("the relational-db relation is gone but this server's runs are in MySQL; "
                    + "relate a database again, or run the adopt-database action to start afresh on sqlite");
        }
        if (wanted.kind().equals(BackendStore.MYSQL) && !recorded.equals(BackendStore.MYSQL)
                && !adopted.equals(BackendStore.MYSQL)) {
            Optional<String> held = sqliteHolds(inputs.get(container));
            if (held.isPresent()) {
                return new Choice(BackendStore.sqlite(), Optional.of("relational-db is related, but " + held.get() + " in sqlite on mlflow-data; "
                        + "the server stays on sqlite: run export-runs, move them (see the README), then run adopt-database"));
            }
        }
        if (!recorded.equals(wanted.kind())) {
            model.state().set(RECORDED, wanted.kind());
            model.log().info("the tracking server's backend store is now " + wanted.kind());
        }
        if (!adopted.isEmpty()) {
            model.state().set(ADOPTED, "");
        }
        return new Choice(wanted, Optional.empty());
    }

    /** What the sqlite database holds ("3 runs or experiments"), empty when nothing would be lost. */
    private static Optional<String> sqliteHolds(Container c) {
        if (!c.exists(BackendStore.SQLITE_FILE)) {
            return Optional.empty();
        }
        ExecResult r = c.exec(ExecRequest.of("python3", "-c", COUNT_SCRIPT, BackendStore.SQLITE_FILE)
                .withTimeout(Duration.ofSeconds(30)));
        String out = r.stdoutText().strip();
        if (r.exitCode() == 0 && out.matches("[0-9]+")) {
            long n = Long.parseLong(out);
            return n == 0 ? Optional.empty() : Optional.of(n + " runs or experiments are");
        }
        // Cannot tell: keep the runs where they are rather than risk an empty server.
        return Optional.of("the runs (could not count them: " + lastLine(r.stderrText()) + ") are");
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
