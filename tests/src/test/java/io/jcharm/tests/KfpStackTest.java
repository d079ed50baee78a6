package io.jcharm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.local.ActionResult;
import io.jcharm.local.LocalModel;
import io.jcharm.local.ModelStatus;
import io.jcharm.local.Progress;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.Service;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Kubeflow Pipelines with MinIO and Istio on the local model, in a model not named kubeflow,
 * with their packed charms: without a database kfp says which relation it needs; with mysql-k8s
 * (its stand-in) every workload runs with its command and environment from the relations; the
 * object-storage, mysql_client and ingress data are what Charmed Kubeflow's charms exchange.
 */
class KfpStackTest {
    static final String MODEL = "mlops-pipelines";
    @TempDir
    Path tmp;

    private static Path bundle() {
        return Rehearsals.module().resolve("src/test/resources/bundles/kfp");
    }

    @Test
    void withoutADatabaseKfpNamesRelationalDbAndRelatesToMinioAndIstio() {
        Path dir = tmp.resolve("model");
        try (LocalModel model = LocalModel.open(dir, Rehearsals.options().withModelName(MODEL))) {
            Rehearsals.assertSettled(model.deploy(bundle(), List.of(), Progress.NONE), dir);
            model.integrate("kfp:object-storage", "minio:object-storage");
            model.integrate("kfp:ingress", "istio:ingress");
            Rehearsals.assertSettled(model.settle(Progress.NONE), dir);

            ModelStatus s = model.status();
            ModelStatus.UnitStatus kfp = s.unit("kfp/0").orElseThrow();
            assertEquals("blocked", kfp.workload(), kfp.message());
            assertEquals("[relational-db] relate a MySQL database (for example mysql-k8s) to relational-db", kfp.message());
            assertEquals("active", s.unit("minio/0").orElseThrow().workload(), s.unit("minio/0").orElseThrow().message());

            Map<String, String> minioBag = s.relation("kfp", "minio").orElseThrow().appData().get("minio");
            assertEquals("access-key: minio\nnamespace: " + MODEL + "\nport: 9000\nsecret-key: pipelines-key-123\n"
                    + "secure: false\nservice: minio\n", minioBag.get("data"));
            assertEquals("- v1\n", s.relation("kfp", "minio").orElseThrow().appData().get("kfp").get("_supported_versions"));

            Map<String, String> ingress = s.relation("kfp", "istio").orElseThrow().appData().get("kfp");
            assertEquals("port: 3000\nprefix: /pipeline\nrewrite: /pipeline\nservice: kfp\n", ingress.get("data"));
            assertFalse(model.workloads("kfp/0").get("apiserver").planYaml().contains("/bin/apiserver"),
                    "the API server does not run without a database");

            // What needs no database is there: Argo's controller, Envoy, and the namespace's objects.
            assertEquals("workflow-controller --configmap workflow-controller-configmap --executor-image"
                    + " quay.io/argoproj/argoexec:v3.5.14 --namespaced --managed-namespace " + MODEL + " --loglevel info",
                    service(model, "argo-controller").command());
            assertEquals("kfp-0", service(model, "argo-controller").environment().get("LEADER_ELECTION_IDENTITY"));
            assertEquals("/usr/local/bin/envoy -c /etc/envoy.yaml", service(model, "envoy").command());
            JsonNode argoConfig = object(model, "ConfigMap", "workflow-controller-configmap");
            assertEquals("archiveLogs: true\ns3:\n  endpoint: \"minio." + MODEL + ":9000\"\n  bucket: \"mlpipeline\"\n"
                    + "  keyFormat: \"artifacts/{{workflow.name}}/{{workflow.creationTimestamp.Y}}/{{workflow.creationTimestamp.m}}"
                    + "/{{workflow.creationTimestamp.d}}/{{pod.name}}\"\n  insecure: true\n"
                    + "  accessKeySecret:\n    name: mlpipeline-minio-artifact\n    key: accesskey\n"
                    + "  secretKeySecret:\n    name: mlpipeline-minio-artifact\n    key: secretkey\n",
                    argoConfig.path("data").path("artifactRepository").asString());
            JsonNode mlPipeline = object(model, "Service", "ml-pipeline");
            assertEquals("kfp", mlPipeline.at("/spec/selector/app.kubernetes.io~1name").asString());
            assertEquals(MODEL, mlPipeline.at("/metadata/namespace").asString());
            assertEquals("minio." + MODEL + ".svc.cluster.local",
                    object(model, "Service", "minio-service").at("/spec/externalName").asString());
            assertTrue(model.kubernetesObjects().stream().anyMatch(o -> o.path("kind").asString().equals("CustomResourceDefinition")
                    && o.at("/metadata/name").asString().equals("workflows.argoproj.io")));
        }
    }

    @Test
    void withMysqlTheWorkloadsRunFromTheRelationsAndCreateRunCallsTheApiServer() {
        Path dir = tmp.resolve("model");
        try (LocalModel model = LocalModel.open(dir, Rehearsals.options().withModelName(MODEL))) {
            Rehearsals.assertSettled(model.deploy(bundle(), List.of(bundle().resolve("with-mysql.yaml")), Progress.NONE), dir);
            ModelStatus s = model.status();
            assertEquals("active", s.unit("mysql-k8s/0").orElseThrow().workload());

            Map<String, String> asked = s.relation("kfp", "mysql-k8s").orElseThrow().appData().get("kfp");
            assertEquals("mlpipeline", asked.get("database"));
            assertEquals("[\"username\", \"password\", \"tls\", \"tls-ca\", \"uris\"]", asked.get("requested-secrets"));
            Map<String, String> answer = s.relation("kfp", "mysql-k8s").orElseThrow().appData().get("mysql-k8s");
            assertTrue(answer.get("secret-user").startsWith("secret:"), answer.toString());

            Service api = service(model, "apiserver");
            Map<String, String> env = api.environment();
            assertEquals("mysql-k8s-primary." + MODEL + ".svc.cluster.local.", env.get("DBCONFIG_MYSQLCONFIG_HOST"));
            assertEquals("3306", env.get("DBCONFIG_MYSQLCONFIG_PORT"));
            assertEquals("mlpipeline", env.get("DBCONFIG_MYSQLCONFIG_DBNAME"));
            assertTrue(env.get("DBCONFIG_MYSQLCONFIG_USER").startsWith("relation-"), env.get("DBCONFIG_MYSQLCONFIG_USER"));
            String password = env.get("DBCONFIG_MYSQLCONFIG_PASSWORD");
            assertEquals(24, password.length());
            assertEquals("minio." + MODEL, env.get("OBJECTSTORECONFIG_HOST"));
            assertEquals("9000", env.get("OBJECTSTORECONFIG_PORT"));
            assertEquals("pipelines-key-123", env.get("OBJECTSTORECONFIG_SECRETACCESSKEY"));
            assertEquals(MODEL, env.get("POD_NAMESPACE"));
            assertEquals("false", env.get("MULTIUSER"));
            assertEquals("/bin/apiserver --config=/config --sampleconfig=/config/sample_config.json -logtostderr=true"
                    + " --logLevel=info --httpPortFlag=:8888 --rpcPortFlag=:8887", api.command());
            assertEquals("/bin/metadata_store_server --grpc_port=8080"
                    + " --metadata_store_server_config_file=/etc/mlmd/config.textproto", service(model, "mlmd").command());
            Service ui = service(model, "ml-pipeline-ui");
            assertEquals("node dist/server.js ../client/ 3000", ui.command());
            assertEquals("minio", ui.environment().get("MINIO_HOST"));
            assertEquals(MODEL, ui.environment().get("MINIO_NAMESPACE"));
            for (String c : List.of("apiserver", "mlmd", "ml-pipeline-ui", "envoy", "argo-controller")) {
                assertFalse(service(model, c).command().contains(password) || service(model, c).command().contains("pipelines-key-123"),
                        c + " has a secret on its command line");
            }

            // Juju makes a ServiceAccount named after each application (so does the local model): kfp's
            // TokenRequest for it succeeds, the persistence agent and the scheduled-workflow controller
            // run with their tokens, and the buckets are made on MinIO's stand-in S3 API: kfp is active.
            ModelStatus.UnitStatus kfp = s.unit("kfp/0").orElseThrow();
            assertEquals("active", kfp.workload(), kfp.message());
            assertTrue(model.workloads("kfp/0").get("persistenceagent").planYaml().contains("persistence_agent"));
            assertTrue(model.workloads("kfp/0").get("persistenceagent").file("/var/run/secrets/kubeflow/tokens/persistenceagent-sa-token")
                    .isPresent(), "the token pushed");
            assertTrue(model.workloads("kfp/0").get("scheduledworkflow").planYaml().contains("/bin/controller"));
            assertTrue(java.nio.file.Files.isDirectory(dir.resolve("workloads/minio/mlpipeline")), "kfp's bucket, on MinIO's stand-in");

            // No API server answers in the simulation: create-run fails naming the call it made.
            ActionResult run = model.runAction("kfp/0", "create-run", Map.of("pipeline", "hello"), Progress.NONE);
            assertEquals("failed", run.status());
            assertTrue(run.message().startsWith("cannot reach the API server at http://localhost:8888/"
                    + " (GET /apis/v2beta1/pipelines)"), run.message());
        }
    }

    private static Service service(LocalModel model, String container) {
        return Layer.parse(model.workloads("kfp/0").get(container).planYaml()).services().get(container);
    }

    private static JsonNode object(LocalModel model, String kind, String name) {
        return model.kubernetesObjects().stream().filter(o -> o.path("kind").asString().equals(kind)
                && o.at("/metadata/name").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the model's Kubernetes API"));
    }
}
