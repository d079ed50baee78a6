package io.jcharm.charms.kfp;

import static io.jcharm.charms.kfp.KfpFixture.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.pebble.layer.Service;
import io.jcharm.pebble.layer.Startup;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every status the charm shows, and the workloads' commands and environment once it runs. */
class KfpCharmTest extends KfpTestBase {

    @Test
    void aFollowerWaitsForTheLeader() {
        State out = f.ctx.run(Events.configChanged(), f.related().withLeader(false));
        assertEquals(Status.waiting("[leader] waiting for leadership"), out.unitStatus());
    }

    @Test
    void withoutADatabaseItIsBlockedNamingRelationalDb() {
        State out = f.ctx.run(Events.install(), f.leader);
        assertEquals(Status.blocked("[relational-db] relate a MySQL database (for example mysql-k8s) to relational-db"),
                out.unitStatus());
        assertTrue(out.container(Workloads.API_SERVER).planOrFail().services().isEmpty(), "nothing runs without a database");
    }

    @Test
    void withoutObjectStorageItIsBlockedNamingObjectStorage() {
        State out = f.ctx.run(Events.relationChanged(f.mysql), f.leader.withRelation(f.mysql).withSecret(f.dbUser));
        assertEquals(Status.blocked("[object-storage] relate object storage (for example minio) to object-storage"),
                out.unitStatus());
    }

    @Test
    void itAsksMysqlForTheMlpipelineDatabaseAndWaitsForTheAnswer() {
        RelationState asked = RelationState.of("relational-db", "mysql-k8s");
        State out = f.ctx.run(Events.relationCreated(asked), f.leader.withRelation(asked).withRelation(f.storage));
        assertEquals(Status.waiting("[relational-db] waiting for relational-db relation data from mysql-k8s"), out.unitStatus());
        assertEquals("mlpipeline", out.relation(asked.id()).localAppData().get("database"));
        assertEquals("[\"username\", \"password\", \"tls\", \"tls-ca\", \"uris\"]",
                out.relation(asked.id()).localAppData().get("requested-secrets"));
    }

    @Test
    void relatedObjectStorageWithoutDataWaits() {
        RelationState empty = RelationState.of("object-storage", "minio");
        State out = f.ctx.run(Events.relationCreated(empty), f.leader.withRelation(f.mysql).withSecret(f.dbUser)
                .withRelation(empty));
        // SDI's own words, as kfp-api shows them, until minio lists its versions.
        assertEquals(Status.waiting("[object-storage] List of object-storage versions not found for apps: minio"),
                out.unitStatus());
        RelationState versionsOnly = RelationState.of("object-storage", "minio")
                .withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
        State waiting = f.ctx.run(Events.relationChanged(versionsOnly), f.leader.withRelation(f.mysql).withSecret(f.dbUser)
                .withRelation(versionsOnly));
        assertEquals(Status.waiting("[object-storage] waiting for object-storage relation data from minio"),
                waiting.unitStatus());
    }

    @Test
    void badConfigIsBlockedNamingTheOption() {
        State out = f.ctx.run(Events.configChanged(), f.related().withConfig(Map.of("http-port", "eighty")));
        assertEquals(Status.blocked("[config] invalid config http-port: \"eighty\" is not a port number (1-65535)"),
                out.unitStatus());
        State same = f.ctx.run(Events.configChanged(), f.related().withConfig(Map.of("ui-port", "8887")));
        assertTrue(same.unitStatus().message().contains("must differ"), same.unitStatus().message());
        State argo = f.ctx.run(Events.configChanged(), f.related().withConfig(Map.of("argo", "both")));
        assertEquals("blocked", argo.unitStatus().name());
        assertTrue(argo.unitStatus().message().startsWith("[config] invalid config argo"), argo.unitStatus().message());
    }

    @Test
    void aContainerNotUpYetWaits() {
        State out = f.ctx.run(Events.configChanged(), f.related().withContainer(ContainerState.unreachable(Workloads.MLMD)));
        assertEquals(Status.waiting("[container:mlmd] waiting for the mlmd container (Pebble not reachable yet)"),
                out.unitStatus());
        assertTrue(service(out, Workloads.API_SERVER).command().startsWith("/bin/apiserver"), "the others still run");
    }

    @Test
    void relatedToMysqlAndMinioEveryWorkloadRunsFromTheRelations() {
        State out = f.ctx.run(Events.configChanged(), f.related());
        assertEquals(Status.active(), out.unitStatus());
        assertEquals("2.5.0", out.workloadVersion());

        Service api = service(out, Workloads.API_SERVER);
        assertEquals("/bin/apiserver --config=/config --sampleconfig=/config/sample_config.json -logtostderr=true"
                + " --logLevel=info --httpPortFlag=:8888 --rpcPortFlag=:8887", api.command());
        Map<String, String> env = api.environment();
        assertEquals("pipelines", env.get("POD_NAMESPACE"));
        assertEquals("false", env.get("MULTIUSER"));
        assertEquals("relation-9", env.get("DBCONFIG_MYSQLCONFIG_USER"));
        assertEquals(KfpFixture.DB_PASSWORD, env.get("DBCONFIG_MYSQLCONFIG_PASSWORD"));
        assertEquals("mysql-k8s-primary.pipelines.svc.cluster.local", env.get("DBCONFIG_MYSQLCONFIG_HOST"));
        assertEquals("3306", env.get("DBCONFIG_MYSQLCONFIG_PORT"));
        assertEquals("mlpipeline", env.get("DBCONFIG_MYSQLCONFIG_DBNAME"));
        assertEquals("localhost", env.get("OBJECTSTORECONFIG_HOST"));
        assertEquals(Integer.toString(s3.port()), env.get("OBJECTSTORECONFIG_PORT"));
        assertEquals(KfpFixture.S3_KEY, env.get("OBJECTSTORECONFIG_SECRETACCESSKEY"));
        assertEquals("mlpipeline", env.get("OBJECTSTORECONFIG_BUCKETNAME"));
        assertEquals("pipeline-runner", env.get("DEFAULTPIPELINERUNNERSERVICEACCOUNT"));
        assertEquals("ghcr.io/kubeflow/kfp-driver:2.5.0", env.get("V2_DRIVER_IMAGE"));
        assertEquals("ghcr.io/kubeflow/kfp-launcher:2.5.0", env.get("V2_LAUNCHER_IMAGE"));
        assertEquals("true", env.get("CACHEENABLED"));
        assertEquals("http://localhost:8888/apis/v1beta1/healthz",
                out.container(Workloads.API_SERVER).planOrFail().checks().get("apiserver-up").http().url());

        assertEquals("persistence_agent --logtostderr=true --namespace=pipelines --ttlSecondsAfterWorkflowFinish=86400"
                + " --numWorker=2 --executionType=Workflow --logLevel=info --mlPipelineAPIServerName=localhost"
                + " --mlPipelineServiceHttpPort=8888 --mlPipelineServiceGRPCPort=8887",
                service(out, Workloads.PERSISTENCE_AGENT).command());
        assertEquals("/bin/controller --logtostderr=true --namespace=pipelines --logLevel=info"
                + " --mlPipelineAPIServerName=localhost --mlPipelineServiceGRPCPort=8887",
                service(out, Workloads.SCHEDULED_WORKFLOW).command());
        assertEquals("UTC", service(out, Workloads.SCHEDULED_WORKFLOW).environment().get("CRON_SCHEDULE_TIMEZONE"));
        assertEquals(KfpFixture.TOKEN, out.container(Workloads.PERSISTENCE_AGENT).files().get(Workloads.PERSISTENCE_TOKEN));
        assertEquals(KfpFixture.TOKEN, out.container(Workloads.SCHEDULED_WORKFLOW).files().get(Workloads.SCHEDULED_TOKEN));

        Service ui = service(out, Workloads.UI);
        assertEquals("node dist/server.js ../client/ 3000", ui.command());
        assertEquals("/server", ui.workingDir());
        assertEquals("localhost", ui.environment().get("MINIO_HOST"));
        assertEquals("pipelines", ui.environment().get("MINIO_NAMESPACE"));
        assertEquals("8888", ui.environment().get("ML_PIPELINE_SERVICE_PORT"));

        assertEquals("/bin/metadata_store_server --grpc_port=8080 --metadata_store_server_config_file=/etc/mlmd/config.textproto",
                service(out, Workloads.MLMD).command());
        String mlmd = out.container(Workloads.MLMD).files().get(Workloads.MLMD_CONFIG);
        assertTrue(mlmd.contains("host: \"mysql-k8s-primary.pipelines.svc.cluster.local\"") && mlmd.contains("port: 3306")
                && mlmd.contains("database: \"mlpipeline\"") && mlmd.contains("password: \"" + KfpFixture.DB_PASSWORD + "\"")
                && mlmd.contains("enable_upgrade_migration: true"), mlmd);
        assertEquals("/usr/local/bin/envoy -c /etc/envoy.yaml", service(out, Workloads.ENVOY).command());

        Service argo = service(out, Workloads.ARGO);
        assertEquals("workflow-controller --configmap workflow-controller-configmap --executor-image"
                + " quay.io/argoproj/argoexec:v3.5.14 --namespaced --managed-namespace pipelines --loglevel info", argo.command());
        assertEquals(Startup.ENABLED, argo.startup());
        assertEquals("kfp-0", argo.environment().get("LEADER_ELECTION_IDENTITY"));

        for (String c : KfpFixture.containers()) {
            Service s = service(out, c);
            assertFalse(s.command().contains(KfpFixture.DB_PASSWORD) || s.command().contains(KfpFixture.S3_KEY),
                    c + " has a secret on its command line: " + s.command());
            assertEquals(1, out.container(c).planOrFail().checks().size(), c + " has a health check");
        }
        assertFalse(String.join("\n", out.logs()).contains(KfpFixture.DB_PASSWORD));
    }

    @Test
    void configFlowsIntoTheWorkloads() {
        State out = f.ctx.run(Events.configChanged(), f.related().withConfig(Map.of("http-port", "9888",
                "log-level", "debug", "cache-enabled", false, "launcher-image", "example.com/launcher:1",
                "driver-image", "example.com/driver:1", "timezone", "Europe/Paris")));
        Map<String, String> env = service(out, Workloads.API_SERVER).environment();
        assertEquals("example.com/launcher:1", env.get("V2_LAUNCHER_IMAGE"));
        assertEquals("example.com/driver:1", env.get("V2_DRIVER_IMAGE"));
        assertEquals("false", env.get("CACHEENABLED"));
        assertTrue(service(out, Workloads.API_SERVER).command().endsWith("--logLevel=debug --httpPortFlag=:9888 --rpcPortFlag=:8887"));
        assertTrue(service(out, Workloads.PERSISTENCE_AGENT).command().contains("--mlPipelineServiceHttpPort=9888"));
        assertEquals("Europe/Paris", service(out, Workloads.SCHEDULED_WORKFLOW).environment().get("CRON_SCHEDULE_TIMEZONE"));
        assertEquals("http://localhost:9888/apis/v1beta1/healthz",
                out.container(Workloads.API_SERVER).planOrFail().checks().get("apiserver-up").http().url());
    }

    @Test
    void aDowngradeIsRefusedWithTheSupportedPath() {
        State out = f.ctx.run(Events.upgradeCharm(), f.related().withStored(Map.of(KfpVersion.RECORDED, "\"2.14.0\"")));
        assertEquals(Status.blocked("[version] the database was migrated by Kubeflow Pipelines 2.14.0 and this charm runs"
                + " 2.5.0: KFP cannot downgrade; refresh back to a charm revision with KFP 2.14.0 or later"), out.unitStatus());
        assertTrue(out.container(Workloads.API_SERVER).planOrFail().services().isEmpty(), "the API server is not started");
    }

    @Test
    void anUpgradeRecordsTheNewVersionOnceTheApiServerIsPlanned() {
        State out = f.ctx.run(Events.upgradeCharm(), f.related().withStored(Map.of(KfpVersion.RECORDED, "\"2.4.1\"")));
        assertEquals(Status.active(), out.unitStatus());
        assertEquals(Optional.of("\"2.5.0\""), out.storedValue(KfpVersion.RECORDED));
        assertTrue(out.logs().stream().anyMatch(l -> l.contains("upgraded Kubeflow Pipelines from 2.4.1 to 2.5.0")));
        // The API server (which migrates the database) is planned before any controller.
        java.util.List<String> planned = out.logs().stream().filter(l -> l.contains("adding Pebble layer"))
                .map(l -> l.replaceAll(".*adding Pebble layer (\\S+) .*", "$1")).toList();
        assertEquals(Workloads.API_SERVER, planned.get(0), planned.toString());
        assertTrue(planned.containsAll(java.util.List.of(Workloads.PERSISTENCE_AGENT, Workloads.SCHEDULED_WORKFLOW,
                Workloads.ARGO, Workloads.MLMD)), planned.toString());
    }
}
