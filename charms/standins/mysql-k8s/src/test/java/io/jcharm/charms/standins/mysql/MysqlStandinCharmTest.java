package io.jcharm.charms.standins.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The stand-in answers mysql_client requests as mysql-k8s 8.0 does (facts: the charm's
 * tests/unit/test_database.py and src/relations/mysql_provider.py, data_platform_libs
 * data_interfaces LIBPATCH 41), from the requirer's side as the reference describes it.
 */
class MysqlStandinCharmTest {
    static final String UUID = "5f1c7e2a-0000-4000-8000-0000000000f1";
    /**
     * What data_platform_libs' requirer writes when Juju has secrets (data_platform_libs v0
     * data_interfaces, LIBPATCH 40).
     */
    static final String REQUESTED = "[\"username\", \"password\", \"tls\", \"tls-ca\", \"uris\"]";
    final Context ctx = Context.of(MysqlStandinCharm::new, Path.of("target/standin"));
    final State leader = State.empty().withLeader(true).withModel("kubeflow", UUID)
            .withContainer(ContainerState.reachable(MysqlStandinCharm.CONTAINER));
    final RelationState mlflow = RelationState.of("database", "mlflow-server").withId(7)
            .withRemoteAppData(Map.of("database", "mlflow", "requested-secrets", REQUESTED));

    @Test
    void aRequestWithSecretsIsAnsweredWithSecretUserGrantedToTheRelation() {
        State out = ctx.run(Events.relationChanged(mlflow), leader.withRelation(mlflow));
        Map<String, String> bag = out.relation(7).localAppData();
        String user = "relation-7_5f1c7e2a0000400";
        assertEquals(26, user.length());
        SecretState secret = out.secretByLabel("database.7.user.secret").orElseThrow();
        assertEquals(Map.of(
                "data", "{\"database\": \"mlflow\", \"requested-secrets\": \"[\\\"username\\\", \\\"password\\\", "
                        + "\\\"tls\\\", \\\"tls-ca\\\", \\\"uris\\\"]\"}",
                "endpoints", "mysql-k8s-primary.kubeflow.svc.cluster.local.:3306",
                "read-only-endpoints", "mysql-k8s-replicas.kubeflow.svc.cluster.local.:3306",
                "version", "8.0.44-0ubuntu0.22.04.1",
                "database", "mlflow",
                "secret-user", secret.id()), bag);
        assertEquals(Set.of("username", "password"), secret.content().keySet());
        assertEquals(user, secret.content().get("username"));
        assertTrue(secret.content().get("password").matches("[A-Za-z0-9]{24}"), secret.content().get("password"));
        assertEquals(Set.of(7), secret.grantedTo());
        assertEquals(Status.active("Primary"), out.unitStatus());
        assertEquals("8.0.44-0ubuntu0.22.04.1", out.workloadVersion());
    }

    @Test
    void aRequesterWithoutSecretsGetsPlainCredentialsAndNoSecret() {
        RelationState old = mlflow.withRemoteAppData(Map.of("database", "mlpipeline"));
        State out = ctx.run(Events.relationChanged(old), leader.withRelation(old));
        Map<String, String> bag = out.relation(7).localAppData();
        assertEquals("relation-7_5f1c7e2a0000400", bag.get("username"));
        assertTrue(bag.get("password").matches("[A-Za-z0-9]{24}"));
        assertEquals("mlpipeline", bag.get("database"));
        assertFalse(bag.containsKey("secret-user"));
        assertTrue(out.secretByLabel("database.7.user.secret").isEmpty());
    }

    @Test
    void anAnsweredRequestKeepsItsCredentialsOnLaterHooks() {
        State first = ctx.run(Events.relationChanged(mlflow), leader.withRelation(mlflow));
        SecretState secret = first.secretByLabel("database.7.user.secret").orElseThrow();
        State again = ctx.run(Events.relationChanged(first.relation(7)), first);
        assertEquals(first.relation(7).localAppData(), again.relation(7).localAppData());
        assertEquals(secret.content(), again.secretByLabel("database.7.user.secret").orElseThrow().content());
        assertEquals(1, again.secrets().size());
    }

    @Test
    void onlyTheLeaderAnswers() {
        State out = ctx.run(Events.relationChanged(mlflow), leader.withLeader(false).withRelation(mlflow));
        assertEquals(Map.of(), out.relation(7).localAppData());
        assertEquals(Status.active(), out.unitStatus());
    }

    @Test
    void aRequestWaitsForTheWorkloadThenIsAnswered() {
        State down = leader.withContainer(ContainerState.unreachable(MysqlStandinCharm.CONTAINER)).withRelation(mlflow);
        State waiting = ctx.run(Events.relationChanged(mlflow), down);
        assertEquals(Status.waiting("[container:mysql] waiting for the mysql container (Pebble not reachable yet)"),
                waiting.unitStatus());
        assertFalse(waiting.relation(7).localAppData().containsKey("endpoints"));
        State ready = ctx.run(Events.pebbleReady(MysqlStandinCharm.CONTAINER),
                waiting.withContainer(ContainerState.reachable(MysqlStandinCharm.CONTAINER)));
        assertEquals("mysql-k8s-primary.kubeflow.svc.cluster.local.:3306", ready.relation(7).localAppData().get("endpoints"));
        assertTrue(ready.secretByLabel("database.7.user.secret").isPresent());
    }

    @Test
    void eachRelationGetsItsOwnUserAndDatabase() {
        RelationState kfp = RelationState.of("database", "kfp-api").withId(9)
                .withRemoteAppData(Map.of("database", "mlpipeline", "requested-secrets", REQUESTED));
        State out = ctx.run(Events.relationChanged(kfp), leader.withRelation(mlflow).withRelation(kfp));
        assertEquals("mlflow", out.relation(7).localAppData().get("database"));
        assertEquals("mlpipeline", out.relation(9).localAppData().get("database"));
        assertEquals("relation-9_5f1c7e2a0000400",
                out.secretByLabel("database.9.user.secret").orElseThrow().content().get("username"));
        assertEquals(Set.of(9), out.secretByLabel("database.9.user.secret").orElseThrow().grantedTo());
        // The copy of the requirer's data is kept only on that relation's relation-changed, as the library does.
        assertFalse(out.relation(7).localAppData().containsKey("data"));
        assertTrue(out.relation(9).localAppData().containsKey("data"));
    }
}
