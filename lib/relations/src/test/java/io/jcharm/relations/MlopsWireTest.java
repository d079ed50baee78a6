package io.jcharm.relations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MLOps interfaces as the Charmhub charms write and read them: object-storage (minio-operator's
 * payload, byte for byte), mysql_client (mysql-k8s through data_interfaces), kubernetes_manifest,
 * kubeflow_dashboard_links, and our own mlflow_tracking.
 */
class MlopsWireTest {
    private final Context ctx = Context.of(WireCharm::new, Path.of("src/test/resources/wire-charm"));
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void objectStorageProviderWritesMinioOperatorsPayloadByteForByte() {
        // What mlflow-server (a Python requirer) writes before the provider answers.
        RelationState rel = RelationState.of("object-storage", "mlflow-server")
                .withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withLeader(true).withRelation(rel));
        Map<String, String> mine = out.relation(rel.id()).localAppData();
        assertEquals("- v1\n", mine.get("_supported_versions"));
        // minio-operator tests/unit/test_charm.py's expected data (model name substituted).
        assertEquals("access-key: minio\nnamespace: test-model\nport: 9000\nsecret-key: test-key\nsecure: false\n"
                + "service: minio\n", mine.get("data"));
    }

    @Test
    void objectStorageProviderWaitsForTheRequirersVersions() {
        RelationState rel = RelationState.of("object-storage", "argo-controller");
        State out = ctx.run(Events.relationCreated(rel), State.empty().withLeader(true).withRelation(rel));
        assertEquals(Status.waiting("[object-storage] List of object-storage versions not found for apps: argo-controller"),
                out.unitStatus());
        assertFalse(out.relation(rel.id()).localAppData().containsKey("data"));
    }

    @Test
    void objectStorageRequirerReadsCharmhubMinio() {
        RelationState rel = RelationState.of("storage", "mlflow-minio").withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n",
                "data", "access-key: minio\nnamespace: kubeflow\nport: 9000\nsecret-key: minio123\nsecure: false\n"
                        + "service: mlflow-minio\n"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withLeader(true).withRelation(rel));
        assertEquals("minio@http://mlflow-minio.kubeflow:9000", out.relation(rel.id()).localUnitData().get("s3"));
        assertEquals("- v1\n", out.relation(rel.id()).localAppData().get("_supported_versions"));
    }

    @Test
    void objectStorageWithAListPayloadBlocksNamingTheRelation() {
        // mlflow-operator's "bad storage object" case: the payload is a YAML list, not a mapping.
        RelationState rel = RelationState.of("storage", "minio").withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", "- access-key\n- secret-key\n"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withRelation(rel));
        assertEquals(Status.blocked("[storage] Failed to validate data on storage:" + rel.id()
                + " from minio: expected a mapping"), out.unitStatus());
    }

    @Test
    void objectStorageMissingSecretKeyBlocks() {
        RelationState rel = RelationState.of("storage", "minio").withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", "access-key: minio\nport: 9000\nsecure: false\nservice: minio\n"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withRelation(rel));
        assertEquals(Status.blocked("[storage] Failed to validate data on storage:" + rel.id()
                + " from minio: 'secret-key' is a required property"), out.unitStatus());
    }

    @Test
    void mysqlRequirerAsksForItsDatabaseWithSecretsLikeDataInterfaces() {
        RelationState rel = RelationState.of("relational-db", "mysql-k8s");
        State out = ctx.run(Events.relationCreated(rel), State.empty().withLeader(true).withRelation(rel));
        assertEquals(Map.of("database", "mlflow",
                        "requested-secrets", "[\"username\", \"password\", \"tls\", \"tls-ca\", \"uris\"]"),
                out.relation(rel.id()).localAppData());
        assertFalse(out.relation(rel.id()).localUnitData().containsKey("db"), "nothing read before the provider answers");
    }

    @Test
    void mysqlRequirerReadsCredentialsFromTheSecretUserSecret() {
        SecretState user = SecretState.granted(Map.of("username", "relation-7", "password", "Zx9pass-word",
                "uris", "mysql://relation-7:Zx9pass-word@mysql-k8s-primary.kubeflow.svc.cluster.local:3306/mlflow"));
        RelationState rel = RelationState.of("relational-db", "mysql-k8s").withRemoteAppData(Map.of(
                "database", "mlflow", "endpoints", "mysql-k8s-primary.kubeflow.svc.cluster.local:3306",
                "read-only-endpoints", "mysql-k8s-replicas.kubeflow.svc.cluster.local:3306",
                "version", "8.0.41-0ubuntu0.22.04.1", "secret-user", user.id()));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withLeader(true).withRelation(rel).withSecret(user));
        assertEquals("relation-7:12@mysql-k8s-primary.kubeflow.svc.cluster.local:3306/mlflow 8.0.41-0ubuntu0.22.04.1",
                out.relation(rel.id()).localUnitData().get("db"));
        assertFalse(String.join("\n", out.logs()).contains("Zx9pass-word"), "the password is never logged");
    }

    @Test
    void mysqlRequirerAcceptsPlainCredentialsFromProvidersWithoutSecrets() {
        RelationState rel = RelationState.of("relational-db", "mysql").withRemoteAppData(Map.of(
                "database", "mlflow", "endpoints", "10.1.2.3:3306", "username", "u", "password", "p4ss"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withRelation(rel));
        assertEquals("u:4@10.1.2.3:3306/mlflow -", out.relation(rel.id()).localUnitData().get("db"));
    }

    @Test
    void mysqlSecretNotGrantedBlocksNamingIt() {
        RelationState rel = RelationState.of("relational-db", "mysql-k8s").withRemoteAppData(Map.of(
                "endpoints", "db:3306", "secret-user", "secret:cv0tmpd2ju3s6aaaaaaa"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withRelation(rel)
                .withSecret(SecretState.notGranted("secret:cv0tmpd2ju3s6aaaaaaa")));
        assertEquals(Status.blocked("[relational-db] the secret-user secret secret:cv0tmpd2ju3s6aaaaaaa from mysql-k8s"
                + " is not readable: it was not granted to wire"), out.unitStatus());
    }

    @Test
    void mysqlSecretUserThatIsNoSecretIdBlocksWithoutEchoingIt() {
        RelationState rel = RelationState.of("relational-db", "mysql-k8s").withRemoteAppData(Map.of(
                "endpoints", "db:3306", "secret-user", "user-secret-7"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withRelation(rel));
        assertEquals(Status.blocked("[relational-db] Incorrect data found in relation relational-db: secret-user from "
                + "mysql-k8s is not a Juju secret id"), out.unitStatus());
    }

    @Test
    void mysqlSecretRemovedBlocksSayingSoNotAskingForAGrant() {
        RelationState rel = RelationState.of("relational-db", "mysql-k8s").withRemoteAppData(Map.of(
                "endpoints", "db:3306", "secret-user", "secret:cv0tmpd2ju3s6aaaaaaa"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withRelation(rel));
        assertEquals(Status.blocked("[relational-db] the secret-user secret secret:cv0tmpd2ju3s6aaaaaaa from mysql-k8s"
                + " is not found (removed?): wait for mysql-k8s to send a new one, or remove and add the relational-db"
                + " relation again"), out.unitStatus());
    }

    @Test
    void mysqlEndpointsThatAreNotHostPortBlock() {
        RelationState rel = RelationState.of("relational-db", "mysql-k8s").withRemoteAppData(Map.of(
                "endpoints", "db-without-port", "username", "u", "password", "p"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withRelation(rel));
        assertEquals(Status.blocked("[relational-db] Incorrect data found in relation relational-db: endpoints "
                + "\"db-without-port\" from mysql-k8s is not host:port"), out.unitStatus());
    }

    @Test
    void manifestsAndDashboardLinksAreJsonListsInTheAppBag() {
        RelationState secrets = RelationState.of("secrets", "resource-dispatcher");
        RelationState links = RelationState.of("dashboard-links", "kubeflow-dashboard");
        State out = ctx.run(Events.relationCreated(secrets), State.empty().withLeader(true).withRelation(secrets)
                .withRelation(links));
        JsonNode manifests = json.readTree(out.relation(secrets.id()).localAppData().get("kubernetes_manifests"));
        assertEquals("Secret", manifests.get(0).get("kind").asString());
        assertEquals("wire-minio-artifact", manifests.get(0).get("metadata").get("name").asString());
        assertEquals("[{\"text\":\"MLflow\",\"link\":\"/mlflow/\",\"location\":\"external\",\"icon\":\"device:data-usage\","
                + "\"type\":\"item\",\"desc\":\"\"}]", out.relation(links.id()).localAppData().get("dashboard_links"));
    }

    @Test
    void trackingProviderGrantsItsCredentialsSecretAndNamesItInPlainData() {
        RelationState rel = RelationState.of("tracking", "jupyter");
        State out = ctx.run(Events.relationCreated(rel), State.empty().withLeader(true).withRelation(rel));
        Map<String, String> mine = out.relation(rel.id()).localAppData();
        SecretState s3 = out.secretByLabel("s3").orElseThrow();
        assertEquals(Map.of("version", "1", "tracking-uri", "http://wire.test-model.svc.cluster.local:5000",
                "artifact-root", "s3://mlflow/", "s3-endpoint", "http://minio.test-model:9000",
                "s3-credentials-secret", s3.id()), mine);
        assertTrue(s3.grantedTo().contains(rel.id()), "granted to the consumer: " + s3.grantedTo());
        assertFalse(mine.values().stream().anyMatch(v -> v.contains("minio123")), "no credential in plain data");
    }

    @Test
    void trackingConsumerReadsUriAndCredentials() {
        SecretState s3 = SecretState.granted(Map.of("access-key", "minio", "secret-key", "minio123"));
        RelationState rel = RelationState.of("tracker", "mlflow").withRemoteAppData(Map.of("version", "1",
                "tracking-uri", "http://mlflow.kubeflow.svc.cluster.local:5000", "artifact-root", "s3://mlflow/",
                "s3-endpoint", "http://minio.kubeflow:9000", "s3-credentials-secret", s3.id()));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withRelation(rel).withSecret(s3));
        assertEquals("http://mlflow.kubeflow.svc.cluster.local:5000 s3://mlflow/ http://minio.kubeflow:9000 minio:minio123",
                out.relation(rel.id()).localUnitData().get("tracking"));
    }

    @Test
    void trackingConsumerRefusesAnUnknownVersion() {
        RelationState rel = RelationState.of("tracker", "mlflow").withRemoteAppData(Map.of("version", "2",
                "tracking-uri", "http://mlflow:5000"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withRelation(rel));
        assertEquals(Status.blocked("[tracker] tracker: mlflow speaks mlflow_tracking version \"2\"; this charm reads "
                + "version 1"), out.unitStatus());
    }
}
