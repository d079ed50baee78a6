package io.jcharm.charms.mlflow;

import static io.jcharm.charms.mlflow.MlflowFixture.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.jcharm.core.Status;
import io.jcharm.pebble.layer.Service;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server alone, with object storage (a real S3 server), its config and its Service. */
class MlflowCharmTest extends MlflowTestBase {
    @Test
    void aloneItRunsOnSqliteWithProxiedArtifactsAndIsActive() {
        State out = f.ctx.run(Events.pebbleReady(MlflowCharm.CONTAINER), f.leader);
        assertEquals(Status.active(), out.unitStatus());
        Service svc = server(out);
        assertEquals("mlflow server --host 0.0.0.0 --port 5000 --expose-prometheus /tmp/mlflow-prometheus "
                + "--serve-artifacts --artifacts-destination /var/lib/mlflow/artifacts", svc.command());
        assertEquals(Map.of("MLFLOW_BACKEND_STORE_URI", "sqlite:////var/lib/mlflow/mlflow.db"), svc.environment());
        assertEquals("active", out.container(MlflowCharm.CONTAINER).serviceStatuses().get(ServerLayer.SERVICE));
        assertEquals("http://localhost:5000/health",
                out.container(MlflowCharm.CONTAINER).planOrFail().checks().get(ServerLayer.READY).http().url());
        ServiceSpec spec = f.cluster.admin.services().inNamespace(MlflowFixture.NS).withName(MlflowFixture.APP).get().getSpec();
        assertEquals("NodePort", spec.getType());
        assertEquals(31380, spec.getPorts().get(0).getNodePort());
        assertEquals(5000, spec.getPorts().get(0).getPort());
    }

    @Test
    void clusterIpWhenTheNodePortIsDisabled() {
        f.ctx.run(Events.configChanged(), f.leader.withConfig(Map.of("enable_mlflow_nodeport", false, "mlflow_port", 5050L)));
        ServiceSpec spec = f.cluster.admin.services().inNamespace(MlflowFixture.NS).withName(MlflowFixture.APP).get().getSpec();
        assertEquals("ClusterIP", spec.getType());
        assertEquals(5050, spec.getPorts().get(0).getPort());
    }

    @Test
    void withoutTrustTheLeaderBlocksNamingTheCommandWhileTheServerRuns() {
        f.cluster.server.expect().get().withPath("/api/v1/namespaces/" + MlflowFixture.NS + "/services/" + MlflowFixture.APP)
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}").always();
        State out = f.ctx.run(Events.configChanged(), f.leader);
        assertEquals(Status.blocked("[service] Kubernetes refused to patch Service mlflow-server (HTTP 403): "
                + "juju trust mlflow-server --scope=cluster"), out.unitStatus());
        assertEquals("active", out.container(MlflowCharm.CONTAINER).serviceStatuses().get(ServerLayer.SERVICE));
    }

    @Test
    void aFollowerRunsTheServerAndWaitsForLeadership() {
        State out = f.ctx.run(Events.pebbleReady(MlflowCharm.CONTAINER), f.leader.withLeader(false));
        assertEquals(Status.waiting("[leader] waiting for leadership"), out.unitStatus());
        assertEquals("active", out.container(MlflowCharm.CONTAINER).serviceStatuses().get(ServerLayer.SERVICE));
    }

    @Test
    void waitsForPebble() {
        State out = f.ctx.run(Events.install(), f.leader.withContainer(ContainerState.unreachable(MlflowCharm.CONTAINER)));
        assertEquals(Status.waiting("[container:mlflow-server] waiting for the mlflow-server container (Pebble not "
                + "reachable yet)"), out.unitStatus());
    }

    @Test
    void objectStorageWaitsOnlyWhileRelated() {
        RelationState silent = RelationState.of("object-storage", "minio");
        State noVersions = f.ctx.run(Events.relationCreated(silent), f.leader.withRelation(silent));
        assertEquals(Status.waiting("[object-storage] List of object-storage versions not found for apps: minio"),
                noVersions.unitStatus());
        RelationState versionsOnly = silent.withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
        State noData = f.ctx.run(Events.relationChanged(versionsOnly), f.leader.withRelation(versionsOnly));
        assertEquals(Status.waiting("[object-storage] waiting for object-storage relation data from minio"),
                noData.unitStatus());
        assertFalse(noData.container(MlflowCharm.CONTAINER).planOrFail().services().containsKey(ServerLayer.SERVICE),
                "not started on local artifacts while S3 is on its way");
    }

    @Test
    void withObjectStorageItCreatesTheBucketAndKeepsTheKeyOffTheCommandLine() {
        RelationState rel = f.objectStorage(KEY);
        State out = f.ctx.run(Events.relationChanged(rel), f.leader.withRelation(rel)
                .withConfig(Map.of("default_artifact_root", "artifacts-here")));
        assertEquals(Status.active(), out.unitStatus());
        assertTrue(s3.bucketNames().contains("artifacts-here"), s3.bucketNames().toString());
        Service svc = server(out);
        assertEquals("mlflow server --host 0.0.0.0 --port 5000 --expose-prometheus /tmp/mlflow-prometheus "
                + "--default-artifact-root s3://artifacts-here/", svc.command());
        String url = "http://localhost:" + s3.port();
        assertEquals(Map.of("MLFLOW_BACKEND_STORE_URI", "sqlite:////var/lib/mlflow/mlflow.db",
                "MLFLOW_S3_ENDPOINT_URL", url, "AWS_ENDPOINT_URL", url, "AWS_ACCESS_KEY_ID", "minio",
                "AWS_SECRET_ACCESS_KEY", KEY, "USE_SSL", "false"), svc.environment());
        assertFalse(svc.command().contains(KEY));
        assertFalse(String.join("\n", out.logs()).contains(KEY), "the key is never logged");
    }

    @Test
    void aMissingBucketThatMayNotBeCreatedBlocksNamingItWhileTheServerRuns() {
        RelationState rel = f.objectStorage(KEY);
        State out = f.ctx.run(Events.relationChanged(rel), f.leader.withRelation(rel).withConfig(Map.of(
                "default_artifact_root", "never-made", "create_default_artifact_root_if_missing", false)));
        assertEquals(Status.blocked("[artifact-bucket] bucket never-made does not exist at http://localhost:" + s3.port()
                + ": create it, or set create_default_artifact_root_if_missing=true"), out.unitStatus());
        assertFalse(s3.bucketNames().contains("never-made"));
        assertEquals("active", out.container(MlflowCharm.CONTAINER).serviceStatuses().get(ServerLayer.SERVICE));
    }

    @Test
    void wrongObjectStorageCredentialsBlock() {
        RelationState rel = f.objectStorage("not-the-key");
        State out = f.ctx.run(Events.relationChanged(rel), f.leader.withRelation(rel));
        assertEquals("blocked", out.unitStatus().name());
        assertTrue(out.unitStatus().message().startsWith("[artifact-bucket] cannot check bucket mlflow at http://localhost:"
                + s3.port() + ": "), out.unitStatus().message());
        assertTrue(out.unitStatus().message().endsWith("; check the object-storage credentials"), out.unitStatus().message());
    }

    @Test
    void unreachableObjectStorageWaits() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        RelationState rel = RelationState.of("object-storage", "minio").withRemoteAppData(Map.of("_supported_versions",
                "- v1\n", "data", "access-key: minio\nport: " + closed + "\nsecret-key: x12345678\nsecure: false\nservice: localhost\n"));
        State out = f.ctx.run(Events.relationChanged(rel), f.leader.withRelation(rel));
        assertEquals("waiting", out.unitStatus().name());
        assertTrue(out.unitStatus().message().startsWith("[artifact-bucket] waiting for object storage: cannot check bucket"
                + " mlflow at http://localhost:" + closed + ": ConnectException"), out.unitStatus().message());
    }

    @Test
    void badConfigBlocksNamingTheOption() {
        State out = f.ctx.run(Events.configChanged(), f.leader.withConfig(Map.of("default_artifact_root", "My_Bucket")));
        assertEquals(Status.blocked("[config] invalid config default_artifact_root: 'My_Bucket' is not a valid S3 bucket "
                + "name: it must use only lowercase letters, digits, '.' and '-'"), out.unitStatus());
        State port = f.ctx.run(Events.configChanged(), f.leader.withConfig(Map.of("mlflow_nodeport", 80L)));
        assertEquals(Status.blocked("[config] invalid config mlflow_nodeport: must be between 30000 and 32767, got 80"),
                port.unitStatus());
    }

    @Test
    void rotatedMinioKeyRestartsTheServerWithTheNewOne() {
        RelationState rel = f.objectStorage(KEY);
        State first = f.ctx.run(Events.relationChanged(rel), f.leader.withRelation(rel));
        RelationState rotated = f.objectStorage("rotated-key-456");
        State out = f.ctx.run(Events.relationChanged(rotated), first.withRelation(rotated)
                .withContainer(first.container(MlflowCharm.CONTAINER).carriedOver()));
        assertEquals("rotated-key-456", server(out).environment().get("AWS_SECRET_ACCESS_KEY"));
        assertEquals("active", out.container(MlflowCharm.CONTAINER).serviceStatuses().get(ServerLayer.SERVICE));
        assertTrue(String.join("\n", out.logs()).contains("adding Pebble layer mlflow-server to mlflow-server and replanning"));
    }

    @Test
    void metricsEndpointScrapesTheServer() {
        RelationState prom = RelationState.of("metrics-endpoint", "prometheus");
        State out = f.ctx.run(Events.relationJoined(prom), f.leader.withRelation(prom));
        String jobs = out.relation(prom.id()).localAppData().get("scrape_jobs");
        assertTrue(jobs.contains("\"metrics_path\":\"/metrics\"") && jobs.contains("\"*:5000\""), jobs);
    }
}
