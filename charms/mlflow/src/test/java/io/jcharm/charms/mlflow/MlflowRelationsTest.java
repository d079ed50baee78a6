package io.jcharm.charms.mlflow;

import static io.jcharm.charms.mlflow.MlflowFixture.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.pebble.emulator.ExecReply;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The database (and moving between backends), schema upgrades, the other relations and the actions. */
class MlflowRelationsTest extends MlflowTestBase {
    static final String PASSWORD = "Zx9-db-password";
    final JsonMapper json = JsonMapper.builder().build();
    final SecretState user = SecretState.granted(Map.of("username", "relation-7", "password", PASSWORD));
    final RelationState mysql = RelationState.of("relational-db", "mysql-k8s").withRemoteAppData(Map.of(
            "database", "mlflow", "endpoints", "mysql-k8s-primary.kubeflow.svc.cluster.local:3306",
            "version", "8.0.41", "secret-user", user.id()));

    @Test
    void mysqlFromTheSecretUserSecretWithThePasswordOnlyInAFile() {
        State out = f.ctx.run(Events.relationChanged(mysql), f.leader.withRelation(mysql).withSecret(user));
        assertEquals(Status.active(), out.unitStatus());
        assertEquals("mlflow", out.relation(mysql.id()).localAppData().get("database"));
        String uri = server(out).environment().get("MLFLOW_BACKEND_STORE_URI");
        assertEquals("mysql+pymysql://relation-7@mysql-k8s-primary.kubeflow.svc.cluster.local:3306/mlflow"
                + "?read_default_file=/etc/mlflow/mysql.cnf", uri);
        assertEquals("[client]\nuser=relation-7\npassword=" + PASSWORD + "\n",
                out.container(MlflowCharm.CONTAINER).files().get("/etc/mlflow/mysql.cnf"));
        assertFalse(server(out).command().contains(PASSWORD) || server(out).environment().toString().contains(PASSWORD));
        assertFalse(String.join("\n", out.logs()).contains(PASSWORD));
    }

    @Test
    void aRelatedDatabaseThatHasNotAnsweredWaits() {
        RelationState asked = RelationState.of("relational-db", "mysql-k8s");
        State out = f.ctx.run(Events.relationCreated(asked), f.leader.withRelation(asked));
        assertEquals(Status.waiting("[relational-db] waiting for relational-db relation data from mysql-k8s"),
                out.unitStatus());
    }

    @Test
    void sqliteWithRunsIsNotSilentlyTradedForMysqlUntilAdopted() {
        State in = f.leader.withRelation(mysql).withSecret(user).withContainer(MlflowFixture.workload(MlflowFixture.VERSION)
                .withFile(BackendStore.SQLITE_FILE, "sqlite bytes")
                .withExec(List.of("python3", "-c", BackendChoice.COUNT_SCRIPT), ExecReply.ok("3\n")));
        State out = f.ctx.run(Events.relationChanged(mysql), in);
        assertEquals(Status.blocked("[backend-store] relational-db is related, but 3 runs or experiments are in sqlite on "
                + "mlflow-data; the server stays on sqlite: run export-runs, move them (see the README), then run "
                + "adopt-database"), out.unitStatus());
        assertEquals("sqlite:////var/lib/mlflow/mlflow.db", server(out).environment().get("MLFLOW_BACKEND_STORE_URI"));

        State adopted = f.ctx.run(Events.action("adopt-database", Map.of()), out
                .withContainer(out.container(MlflowCharm.CONTAINER).carriedOver()));
        assertEquals(Map.of("backend-store", "mysql"), adopted.actionResults());
        assertTrue(server(adopted).environment().get("MLFLOW_BACKEND_STORE_URI").startsWith("mysql+pymysql://"));
        assertEquals(Status.active(), adopted.unitStatus());
    }

    @Test
    void anEmptySqliteDatabaseMovesToMysqlFreely() {
        State in = f.leader.withRelation(mysql).withSecret(user).withContainer(MlflowFixture.workload(MlflowFixture.VERSION)
                .withFile(BackendStore.SQLITE_FILE, "sqlite bytes")
                .withExec(List.of("python3", "-c", BackendChoice.COUNT_SCRIPT), ExecReply.ok("0\n")));
        State out = f.ctx.run(Events.relationChanged(mysql), in);
        assertEquals(Status.active(), out.unitStatus());
        assertTrue(server(out).environment().get("MLFLOW_BACKEND_STORE_URI").startsWith("mysql+pymysql://"));
    }

    @Test
    void losingTheDatabaseDoesNotRestartTheServerOnAnEmptySqlite() {
        State onMysql = f.ctx.run(Events.relationChanged(mysql), f.leader.withRelation(mysql).withSecret(user));
        State in = onMysql.withoutRelation(mysql.id()).withContainer(onMysql.container(MlflowCharm.CONTAINER).carriedOver());
        State out = f.ctx.run(Events.relationBroken(mysql), in);
        assertEquals(Status.blocked("[backend-choice] the relational-db relation is gone but this server's runs are in "
                + "MySQL; relate a database again, or run the adopt-database action to start afresh on sqlite"),
                out.unitStatus());
        assertTrue(server(out).environment().get("MLFLOW_BACKEND_STORE_URI").startsWith("mysql+pymysql://"),
                "the plan is left as it was");
    }

    @Test
    void aNewImageUpgradesTheSchemaOnceBeforeTheServerRestarts() {
        State first = f.ctx.run(Events.pebbleReady(MlflowCharm.CONTAINER), f.leader
                .withContainer(MlflowFixture.workload("mlflow, version 2.15.1\n")));
        assertEquals(Optional.of("\"2.15.1\""), first.storedValue(SchemaUpgradeComponent.RECORDED + "sqlite"));
        State out = f.ctx.run(Events.upgradeCharm(), first.withContainer(MlflowFixture.workload(MlflowFixture.VERSION)
                .withExec(List.of("mlflow", "db", "upgrade"), ExecReply.ok("INFO upgraded\n"))));
        assertTrue(out.container(MlflowCharm.CONTAINER).execHistory()
                .contains(List.of("mlflow", "db", "upgrade", "sqlite:////var/lib/mlflow/mlflow.db")),
                out.container(MlflowCharm.CONTAINER).execHistory().toString());
        assertEquals(Optional.of("\"2.22.0\""), out.storedValue(SchemaUpgradeComponent.RECORDED + "sqlite"));
        assertEquals(Status.active(), out.unitStatus());
    }

    @Test
    void aFailedSchemaUpgradeBlocksWithItsOutputAndLeavesThePlan() {
        State first = f.ctx.run(Events.pebbleReady(MlflowCharm.CONTAINER), f.leader
                .withContainer(MlflowFixture.workload("mlflow, version 2.15.1\n")));
        State out = f.ctx.run(Events.upgradeCharm(), first.withContainer(MlflowFixture.workload(MlflowFixture.VERSION)
                .withExec(List.of("mlflow", "db", "upgrade"), ExecReply.of(1, "", "alembic.util.exc.CommandError: boom\n"))));
        assertEquals(Status.blocked("[schema] mlflow db upgrade from 2.15.1 to 2.22.0 failed (exit 1): "
                + "alembic.util.exc.CommandError: boom; the server was not restarted; see juju debug-log, fix, "
                + "and any later hook retries"), out.unitStatus());
        assertFalse(out.container(MlflowCharm.CONTAINER).planOrFail().services().containsKey(ServerLayer.SERVICE));
    }

    @Test
    void aFollowerUpgradesItsOwnSqliteButLeavesTheSharedMysqlSchemaToTheLeader() {
        ContainerState newImage = MlflowFixture.workload(MlflowFixture.VERSION)
                .withExec(List.of("mlflow", "db", "upgrade"), ExecReply.ok("INFO upgraded\n"));
        State onSqlite = f.ctx.run(Events.pebbleReady(MlflowCharm.CONTAINER), f.leader.withLeader(false)
                .withContainer(MlflowFixture.workload("mlflow, version 2.15.1\n")));
        State sqlite = f.ctx.run(Events.upgradeCharm(), onSqlite.withContainer(newImage));
        assertTrue(sqlite.container(MlflowCharm.CONTAINER).execHistory().stream().anyMatch(c -> c.contains("upgrade")),
                "a follower's sqlite database is its own: nobody else upgrades it");
        assertEquals(Optional.of("\"2.22.0\""), sqlite.storedValue(SchemaUpgradeComponent.RECORDED + "sqlite"));

        State onMysql = f.ctx.run(Events.relationChanged(mysql), f.leader.withLeader(false).withRelation(mysql).withSecret(user)
                .withContainer(MlflowFixture.workload("mlflow, version 2.15.1\n")));
        State out = f.ctx.run(Events.upgradeCharm(), onMysql.withContainer(newImage));
        assertFalse(out.container(MlflowCharm.CONTAINER).execHistory().stream().anyMatch(c -> c.contains("upgrade")),
                "only the leader migrates the shared schema");
        assertEquals(Status.waiting("[leader] waiting for leadership"), out.unitStatus(), "the follower serves meanwhile");
        assertEquals("\"2.15.1\"", out.stored().get(SchemaUpgradeComponent.RECORDED + "mysql"),
                "not recorded: as leader it would run the upgrade itself");
    }

    @Test
    void anOlderMlflowThanTheSchemasIsRefused() {
        State first = f.ctx.run(Events.pebbleReady(MlflowCharm.CONTAINER), f.leader);
        State out = f.ctx.run(Events.upgradeCharm(), first.withContainer(MlflowFixture.workload("mlflow, version 2.9.2\n")));
        assertEquals(Status.blocked("[schema] the sqlite schema was last used by MLflow 2.22.0, newer than this image's 2.9.2: "
                + "MLflow cannot downgrade a schema, so the server was not restarted; refresh to an image with MLflow 2.22.0 "
                + "or later"), out.unitStatus());
        assertFalse(out.container(MlflowCharm.CONTAINER).planOrFail().services().containsKey(ServerLayer.SERVICE));
        assertTrue(SchemaUpgradeComponent.older("2.9.2", "2.22.0") && !SchemaUpgradeComponent.older("2.22.0rc1", "2.22.0"));
    }

    @Test
    void ingressAsksIstioForMlflowsRoute() {
        RelationState rel = RelationState.of("ingress", "istio-pilot")
                .withRemoteAppData(Map.of("_supported_versions", "- v1\n- v2\n"));
        State out = f.ctx.run(Events.relationChanged(rel), f.leader.withRelation(rel));
        assertEquals("port: 5000\nprefix: /mlflow/\nrewrite: /\nservice: mlflow-server\n",
                out.relation(rel.id()).localAppData().get("data"));
    }

    @Test
    void dashboardLinkAndManifestsForResourceDispatcher() {
        RelationState storage = f.objectStorage(KEY);
        RelationState links = RelationState.of("dashboard-links", "kubeflow-dashboard").withId(71);
        RelationState secrets = RelationState.of("secrets", "resource-dispatcher").withId(72);
        RelationState podDefaults = RelationState.of("pod-defaults", "resource-dispatcher").withId(73);
        State out = f.ctx.run(Events.relationCreated(secrets), f.leader.withRelation(storage).withRelation(links)
                .withRelation(secrets).withRelation(podDefaults));
        JsonNode link = json.readTree(out.relation(links.id()).localAppData().get("dashboard_links")).get(0);
        assertEquals("MLflow /mlflow/ external device:data-usage", link.get("text").asString() + " "
                + link.get("link").asString() + " " + link.get("location").asString() + " " + link.get("icon").asString());
        JsonNode sec = json.readTree(out.relation(secrets.id()).localAppData().get("kubernetes_manifests"));
        assertEquals("mlflow-server-minio-artifact", sec.at("/0/metadata/name").asString());
        assertEquals(KEY, sec.at("/0/stringData/AWS_SECRET_ACCESS_KEY").asString());
        assertEquals("mlflow-server-seldon-rclone-secret", sec.at("/1/metadata/name").asString());
        assertEquals("http://localhost:" + s3.port(), sec.at("/1/stringData/RCLONE_CONFIG_S3_ENDPOINT").asString());
        JsonNode pd = json.readTree(out.relation(podDefaults.id()).localAppData().get("kubernetes_manifests"));
        assertEquals("mlflow-server-access-minio", pd.at("/0/metadata/name").asString());
        assertEquals("true", pd.at("/1/spec/selector/matchLabels/mlflow-server-minio").asString());
        assertEquals("http://mlflow-server.kubeflow.svc.cluster.local:5000", pd.at("/1/spec/env/1/value").asString());
    }

    @Test
    void trackingConsumersGetTheUriAndAGrantedCredentialsSecret() {
        RelationState storage = f.objectStorage(KEY);
        RelationState tracking = RelationState.of("tracking", "jupyter").withId(81);
        State out = f.ctx.run(Events.relationCreated(tracking), f.leader.withRelation(storage).withRelation(tracking));
        SecretState creds = out.secretByLabel(Publishers.TRACKING_SECRET).orElseThrow();
        assertEquals(Map.of("access-key", "minio", "secret-key", KEY), creds.content());
        assertTrue(creds.grantedTo().contains(tracking.id()));
        Map<String, String> data = out.relation(tracking.id()).localAppData();
        assertEquals("http://mlflow-server.kubeflow.svc.cluster.local:5000", data.get("tracking-uri"));
        assertEquals("s3://mlflow/", data.get("artifact-root"));
        assertEquals(creds.id(), data.get("s3-credentials-secret"));
        assertFalse(data.values().stream().anyMatch(v -> v.contains(KEY)));
    }

    @Test
    void actionsGiveCredentialsAndTheTrackingUri() {
        State none = f.ctx.run(Events.action("get-minio-credentials", Map.of()), f.leader);
        assertEquals(Optional.of("Minio is not reachable yet. Please try again in a few minutes."), none.actionFailure());
        RelationState storage = f.objectStorage(KEY);
        State creds = f.ctx.run(Events.action("get-minio-credentials", Map.of()), f.leader.withRelation(storage));
        assertEquals(Map.of("access-key", "minio", "secret-access-key", KEY), creds.actionResults());
        State uri = f.ctx.run(Events.action("get-tracking-uri", Map.of()), f.leader);
        assertEquals(Map.of("tracking-uri", "http://mlflow-server.kubeflow.svc.cluster.local:5000"), uri.actionResults());
    }

    @Test
    void exportRunsSnapshotsTheSqliteDatabase() {
        State in = f.leader.withContainer(MlflowFixture.workload(MlflowFixture.VERSION)
                .withFile(BackendStore.SQLITE_FILE, "sqlite bytes")
                .withExec(List.of("python3", "-c", MlflowActions.BACKUP_SCRIPT), ExecReply.ok("")));
        State out = f.ctx.run(Events.action("export-runs", Map.of()), in);
        String path = out.actionResults().get("path");
        assertTrue(path.matches("/var/lib/mlflow/export-\\d{8}-\\d{6}\\.db"), path);
        assertEquals(List.of("python3", "-c", MlflowActions.BACKUP_SCRIPT, BackendStore.SQLITE_FILE, path),
                out.container(MlflowCharm.CONTAINER).execHistory().get(out.container(MlflowCharm.CONTAINER).execHistory().size() - 1));
        State nothing = f.ctx.run(Events.action("export-runs", Map.of()), f.leader);
        assertEquals(Optional.of("there is no sqlite database at /var/lib/mlflow/mlflow.db: nothing to export"),
                nothing.actionFailure());
    }
}
