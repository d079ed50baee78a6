package io.jcharm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.bundle.BundleChecker;
import io.jcharm.bundle.CharmCatalog;
import io.jcharm.local.ActionResult;
import io.jcharm.local.LocalModel;
import io.jcharm.local.ModelStatus;
import io.jcharm.local.Progress;
import io.jcharm.local.SettleResult;
import io.jcharm.pebble.layer.Layer;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * bundles/full rehearsed end to end on the local model with the packed charms, in the order a
 * user goes: deploy and wait for active, the data on every relation of the bundle, a notebook,
 * an object through MinIO, a model served, then jupyter and kfp removed. One model for the
 * whole class; the steps are ordered tests, so one failing step still lets the others report.
 *
 * <p>Only bundle.yaml is deployed (what {@code ./jcharm deploy bundles/full} deploys after the
 * machine part): machine.yaml is bundles/edge's, whose MicroK8s charm EdgePartsTest and
 * BundlesTest rehearse. What is simulated: workloads (Pebble services are "active", nothing runs)
 * except MinIO, whose S3 API the local model serves for real on the minio Service's loopback
 * address; no Kubernetes controller runs, so Seldon's per-model VirtualService and notebook pods
 * do not exist; what the charms give those controllers is checked instead.
 *
 * <p>Figures (settle time, peak memory, disk use per application) are printed and written to
 * {@code target/full-rehearsal-figures.md}; they are never asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FullStackTest {
    static final String MODEL = "full";
    static final Path BUNDLE = Rehearsals.repo().resolve("bundles/full/bundle.yaml");
    static final List<String> APPS = List.of("istio", "seldon-core", "minio", "mysql-k8s", "mlflow-server", "kfp", "jupyter");
    static final String OBJECT = "fullstack/model/MLmodel";

    /** Static: JUnit gives instance fields their TempDir only after the {@code @BeforeAll} of a per-class instance. */
    @TempDir
    static Path tmp;
    private Path dir;
    private LocalModel model;
    private PeakMemory memory;
    private SettleResult settled;
    private final Map<String, String> figures = new LinkedHashMap<>();

    @BeforeAll
    void deployTheFullBundle() {
        memory = PeakMemory.start(Duration.ofMillis(200));
        dir = tmp.resolve("model");
        // Seven charms and about 200 hooks on a machine shared with other builds.
        model = LocalModel.open(dir, Rehearsals.options().withModelName(MODEL).withSettleTimeout(Duration.ofMinutes(45)));
        long start = System.nanoTime();
        SettleResult settled = model.deploy(BUNDLE, List.of(), Progress.NONE);
        figures.put("settle (deploy to settled, wall clock)", Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
        figures.put("settle (the local model's own count)", settled.elapsed().toSeconds() + " s, " + settled.hooksRun() + " hooks");
        this.settled = settled;
    }

    @AfterAll
    void recordFigures() throws Exception {
        try {
            if (model != null) {
                model.close();
            }
        } finally {
            memory.close();
            figures.put("peak memory (sum of VmRSS of the test JVM and its descendants, sampled every 200 ms; "
                    + memory.samples() + " samples)", memory.peakKib() / 1024 + " MiB, at most " + memory.peakProcesses() + " processes");
            figures.put("test JVM's own peak (VmHWM)", PeakMemory.selfHighWaterKib() / 1024 + " MiB");
            StringBuilder out = new StringBuilder("# bundles/full rehearsal figures\n\n");
            figures.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
            System.out.print(out);
            Files.writeString(Rehearsals.module().resolve("target/full-rehearsal-figures.md"), out);
        }
    }

    @Test
    @Order(1)
    void everyApplicationIsActiveAndMysqlIsStoodIn() {
        Rehearsals.assertSettled(settled, dir);
        ModelStatus s = model.status();
        for (String app : APPS) {
            for (ModelStatus.UnitStatus u : s.application(app).orElseThrow(() -> new AssertionError("no " + app)).units()) {
                assertEquals("active", u.workload(), u.name() + ": " + u.message());
            }
        }
        assertEquals("stand-in for Charmhub mysql-k8s 8.0/stable (charms/standins/mysql-k8s)", s.application("mysql-k8s").orElseThrow().standIn());
        figures.put("disk use per application after settling (du -skc, KiB)", ModelDiskUse.perApplication(dir, APPS).toString());
        figures.put("model directory after settling (du -sk)", ModelDiskUse.total(dir) + " KiB");
    }

    @Test
    @Order(2)
    void everyRelationOfTheBundleCarriesWhatTheOtherSideReads() {
        ModelStatus s = model.status();
        List<List<String>> bundled = new BundleChecker(Optional.of(new CharmCatalog(CharmCatalog.findCharmhubDir(BUNDLE))))
                .check(BUNDLE, List.of(), Optional.empty()).bundle().orElseThrow().relations();
        String key = minioKey();
        List<List<String>> checked = new ArrayList<>();
        for (List<String> pair : bundled) {
            ModelStatus.RelationStatus rel = s.relation(pair.get(0), pair.get(1))
                    .orElseThrow(() -> new AssertionError("relation " + pair + " is not in the model"));
            String requirer = app(pair.get(0));
            String provider = app(pair.get(1));
            Map<String, Object> mine = new LinkedHashMap<>();
            Map<String, Object> theirs = new LinkedHashMap<>();
            switch (rel.interfaceName()) {
                // istio publishes its gateway; seldon-core and jupyter read gateway_name, gateway_namespace, gateway_up.
                case "istio-gateway-info" -> theirs.putAll(Map.of("gateway_name", "istio-gateway", "gateway_namespace", MODEL,
                        "gateway_up", "true"));
                // minio publishes SDI v1 data; the requirer reads access-key, secret-key, service, port, secure, namespace.
                case "object-storage" -> {
                    mine.put("_supported_versions", "- v1\n");
                    theirs.put("_supported_versions", "- v1\n");
                    theirs.put("data", "access-key: minio\nnamespace: " + MODEL + "\nport: 9000\nsecret-key: " + key
                            + "\nsecure: false\nservice: minio\n");
                }
                // The requirer asks for its database; mysql-k8s answers with what MysqlClient reads (endpoints,
                // version, database, secret-user), plus what the real charm also sends: read-only-endpoints, and
                // data_interfaces' "data", the request it answered (JSON), which no requirer reads.
                case "mysql_client" -> {
                    String db = requirer.equals("kfp") ? "mlpipeline" : "mlflow";
                    String requested = "[\"username\", \"password\", \"tls\", \"tls-ca\", \"uris\"]";
                    mine.put("database", db);
                    mine.put("requested-secrets", requested);
                    theirs.putAll(Map.of("database", db, "endpoints", "mysql-k8s-primary." + MODEL + ".svc.cluster.local.:3306",
                            "read-only-endpoints", "mysql-k8s-replicas." + MODEL + ".svc.cluster.local.:3306",
                            "version", "8.0.44-0ubuntu0.22.04.1", "secret-user", Pattern.compile("secret:[a-z0-9]{20}"),
                            "data", "{\"database\": \"" + db + "\", \"requested-secrets\": \"" + requested.replace("\"", "\\\"") + "\"}"));
                }
                // mlflow-server publishes its tracking endpoint; consumers read all five keys and write nothing.
                case "mlflow_tracking" -> theirs.putAll(Map.of("version", "1",
                        "tracking-uri", "http://mlflow-server." + MODEL + ".svc.cluster.local:5000", "artifact-root", "s3://mlflow/",
                        "s3-endpoint", "http://minio." + MODEL + ":9000", "s3-credentials-secret", Pattern.compile("(secret:)?[a-z0-9]{20}")));
                // kfp publishes its API Service; jupyter reads service-name and service-port.
                case "k8s-service" -> {
                    mine.put("_supported_versions", "- v1\n");
                    theirs.put("_supported_versions", "- v1\n");
                    theirs.put("data", "service-name: kfp." + MODEL + "\nservice-port: \"8888\"\n");
                }
                // Here the requirer publishes its route and istio reads service, port, prefix, rewrite.
                case "ingress" -> {
                    mine.put("_supported_versions", "- v1\n");
                    mine.put("data", Map.of("mlflow-server", "port: 5000\nprefix: /mlflow/\nrewrite: /\nservice: mlflow-server\n",
                            "kfp", "port: 3000\nprefix: /pipeline\nrewrite: /pipeline\nservice: kfp\n",
                            "jupyter", "port: 5000\nprefix: /jupyter/\nrewrite: /\nservice: jupyter\n").get(requirer));
                    theirs.put("_supported_versions", "- v1\n- v2\n");
                }
                default -> throw new AssertionError("no expectation for interface " + rel.interfaceName() + " of " + pair);
            }
            assertBag(pair + " " + requirer, mine, rel.appData().get(requirer));
            assertBag(pair + " " + provider, theirs, rel.appData().get(provider));
            checkGrantedSecret(rel, requirer, key);
            checked.add(pair);
        }
        assertEquals(14, checked.size(), "bundles/full relates 14 pairs: " + checked);
        assertEquals(bundled.size(), s.relations().stream().filter(r -> !r.peer()).count(), "no relation beyond the bundle's");
    }

    @Test
    @Order(3)
    void aNotebookGetsMlflowS3AndPipelinesThroughItsPodDefaults() {
        ActionResult created = model.runAction("jupyter/0", "create-notebook", Map.of("name", "alice"), Progress.NONE);
        assertEquals("completed", created.status(), created.message() + " " + created.log());
        assertEquals("/notebook/" + MODEL + "/alice/", created.results().get("url-path"));
        assertEquals(MODEL + "/istio-gateway", created.results().get("gateway"));

        JsonNode notebook = Rehearsals.object(model, "Notebook", "alice");
        assertEquals(MODEL, notebook.at("/metadata/namespace").asString());
        for (String label : List.of("access-mlflow", "access-ml-pipeline")) {
            assertEquals("true", notebook.at("/metadata/labels/" + label).asString(), "Notebook labels: " + notebook.at("/metadata/labels"));
            JsonNode podDefault = Rehearsals.object(model, "PodDefault", label);
            assertEquals("true", podDefault.at("/spec/selector/matchLabels/" + label).asString(), "the PodDefault selects the notebook by its label");
        }
        Map<String, JsonNode> env = env(Rehearsals.object(model, "PodDefault", "access-mlflow"));
        assertEquals("http://mlflow-server." + MODEL + ".svc.cluster.local:5000", env.get("MLFLOW_TRACKING_URI").path("value").asString());
        assertEquals("http://minio." + MODEL + ":9000", env.get("MLFLOW_S3_ENDPOINT_URL").path("value").asString());
        assertEquals("jupyter-s3-credentials", env.get("AWS_SECRET_ACCESS_KEY").at("/valueFrom/secretKeyRef/name").asString());
        Map<String, JsonNode> kfpEnv = env(Rehearsals.object(model, "PodDefault", "access-ml-pipeline"));
        assertEquals("http://kfp." + MODEL + ":8888", kfpEnv.get("KF_PIPELINES_ENDPOINT").path("value").asString());
        // The notebook's S3 credentials are MinIO's: a notebook could read the artifact bucket with them.
        JsonNode secret = Rehearsals.object(model, "Secret", "jupyter-s3-credentials");
        assertEquals(minioKey(), secretValue(secret, "AWS_SECRET_ACCESS_KEY"));
        assertEquals("minio", secretValue(secret, "AWS_ACCESS_KEY_ID"));
    }

    @Test
    @Order(4)
    void anObjectPutWithMlflowsCredentialsReadsBackWithKfps() throws Exception {
        ModelStatus s = model.status();
        Map<String, String> mlflows = objectStorage(s, "mlflow-server");
        Map<String, String> kfps = objectStorage(s, "kfp");
        String endpoint = minioEndpoint(mlflows);
        byte[] body = "artifact_path: model\nflavors: {}\n".getBytes(StandardCharsets.UTF_8);
        MinioClient asMlflow = MinioClient.builder().endpoint(endpoint).credentials(mlflows.get("access-key"), mlflows.get("secret-key")).build();
        assertTrue(asMlflow.bucketExists(BucketExistsArgs.builder().bucket("mlflow").build()), "mlflow-server made its artifact bucket");
        asMlflow.putObject(PutObjectArgs.builder().bucket("mlflow").object(OBJECT).stream(new ByteArrayInputStream(body), body.length, -1).build());

        MinioClient asKfp = MinioClient.builder().endpoint(minioEndpoint(kfps)).credentials(kfps.get("access-key"), kfps.get("secret-key")).build();
        try (InputStream in = asKfp.getObject(GetObjectArgs.builder().bucket("mlflow").object(OBJECT).build())) {
            assertEquals(new String(body, StandardCharsets.UTF_8), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(asKfp.bucketExists(BucketExistsArgs.builder().bucket("mlpipeline").build()), "kfp's artifact bucket");
        // The same credentials reached the tracking consumers through mlflow-server's secret.
        String trackingSecret = s.relation("kfp:mlflow", "mlflow-server:tracking").orElseThrow().appData().get("mlflow-server")
                .get("s3-credentials-secret");
        assertEquals(kfps.get("secret-key"), latest(Rehearsals.secret(dir, trackingSecret)).path("secret-key").asString());
        // A real S3 API: a wrong key is refused.
        MinioClient wrong = MinioClient.builder().endpoint(endpoint).credentials("minio", "not-the-key").build();
        ErrorResponseException refused = assertThrows(ErrorResponseException.class,
                () -> wrong.getObject(GetObjectArgs.builder().bucket("mlflow").object(OBJECT).build()).close());
        assertEquals(403, refused.response().code(), refused.getMessage());
    }

    @Test
    @Order(5)
    void seldonServesTheUploadedModelBehindTheIstioGateway() throws Exception {
        String uri = "s3://mlflow/" + OBJECT.substring(0, OBJECT.lastIndexOf('/'));
        ActionResult served = model.runAction("seldon-core/0", "serve-model", Map.of("name", "wine", "model-uri", uri, "server", "MLFLOW_SERVER"),
                Progress.NONE);
        assertEquals("completed", served.status(), served.message() + " " + served.log());
        assertEquals("http://istio-ingressgateway-workload." + MODEL + ".svc.cluster.local/seldon/" + MODEL + "/wine/api/v1.0/predictions",
                served.results().get("endpoint"));

        JsonNode graph = Rehearsals.object(model, "SeldonDeployment", "wine").at("/spec/predictors/0/graph");
        assertEquals("MLFLOW_SERVER", graph.path("implementation").asString());
        assertEquals(uri, graph.path("modelUri").asString());
        assertEquals("wine-rclone", graph.path("envSecretRefName").asString());
        // Seldon's manager makes each model's VirtualService on the gateway it is given: the one istio reported,
        // which istio made. (No manager runs here, so that VirtualService itself does not exist.)
        Map<String, String> manager = Layer.parse(model.workloads("seldon-core/0").get("seldon-core").planYaml()).services()
                .get("seldon-core").environment();
        assertEquals("true", manager.get("ISTIO_ENABLED"));
        assertEquals(MODEL + "/istio-gateway", manager.get("ISTIO_GATEWAY"));
        assertEquals(MODEL, Rehearsals.object(model, "Gateway", "istio-gateway").at("/metadata/namespace").asString());
        // The storage initializer's credentials (in the managed Secret) list the model's files on MinIO.
        JsonNode rclone = Rehearsals.object(model, "Secret", "wine-rclone");
        MinioClient initializer = MinioClient.builder().endpoint(minioEndpoint(objectStorage(model.status(), "mlflow-server")))
                .credentials(secretValue(rclone, "RCLONE_CONFIG_S3_ACCESS_KEY_ID"), secretValue(rclone, "RCLONE_CONFIG_S3_SECRET_ACCESS_KEY")).build();
        assertEquals("http://minio." + MODEL + ":9000", secretValue(rclone, "RCLONE_CONFIG_S3_ENDPOINT"));
        List<String> files = new ArrayList<>();
        for (var item : initializer.listObjects(ListObjectsArgs.builder().bucket("mlflow").prefix("fullstack/model/").build())) {
            files.add(item.get().objectName());
        }
        assertEquals(List.of(OBJECT), files);
    }

    @Test
    @Order(6)
    void removingJupyterAndKfpTakesTheirObjectsAndTheRestStaysActive() {
        figures.put("disk use per application before removing jupyter and kfp (du -skc, KiB)", ModelDiskUse.perApplication(dir, APPS).toString());
        model.removeApplication("jupyter", false);
        model.removeApplication("kfp", false);
        Rehearsals.assertSettled(model.settle(Progress.NONE), dir);

        ModelStatus s = model.status();
        assertTrue(s.application("jupyter").isEmpty() && s.application("kfp").isEmpty(), "both applications are gone");
        assertTrue(s.relations().stream().noneMatch(r -> r.endpoints().stream().anyMatch(e -> e.startsWith("jupyter:") || e.startsWith("kfp:"))),
                "their relations are gone");
        for (String app : List.of("istio", "seldon-core", "minio", "mysql-k8s", "mlflow-server")) {
            ModelStatus.UnitStatus u = s.application(app).orElseThrow().units().get(0);
            assertEquals("active", u.workload(), u.name() + ": " + u.message());
        }
        // jupyter promises (README) that all its objects go, its CRDs too, and the Notebooks with the Notebook CRD,
        // while workspace volumes stay.
        assertEquals(List.of("PersistentVolumeClaim/alice-workspace"), names(o -> Rehearsals.owned(o, "jupyter")),
                "what is left of jupyter: the notebook's workspace volume");
        assertEquals(List.of(), Rehearsals.objects(model, "Notebook"), "the Notebooks went with their CRD");
        assertEquals(List.of(), Rehearsals.objects(model, "PodDefault"), "the PodDefaults went with their CRD");
        assertThrows(AssertionError.class, () -> Rehearsals.object(model, "MutatingWebhookConfiguration", "jupyter-poddefaults-" + MODEL));
        assertThrows(AssertionError.class, () -> Rehearsals.object(model, "Secret", "jupyter-s3-credentials"));
        // kfp promises that its objects go and its CRDs (users' workflows) stay unless purge-on-remove.
        assertEquals(List.of(), names(o -> Rehearsals.owned(o, "kfp") && !"CustomResourceDefinition".equals(o.path("kind").asString(""))),
                "kfp's objects but its CRDs");
        Rehearsals.object(model, "CustomResourceDefinition", "workflows.argoproj.io");
        assertThrows(AssertionError.class, () -> Rehearsals.object(model, "Secret", "mlpipeline-mlflow"));
        // istio dropped their routes and kept mlflow's.
        List<String> routes = Rehearsals.objects(model, "VirtualService").stream().map(v -> v.at("/spec/http").toString()).toList();
        assertTrue(routes.stream().anyMatch(r -> r.contains("\"/mlflow/\"")), routes.toString());
        assertTrue(routes.stream().noneMatch(r -> r.contains("\"/jupyter/\"") || r.contains("\"/pipeline\"")), routes.toString());
        figures.put("disk use per application after removing jupyter and kfp (du -skc, KiB)", ModelDiskUse.perApplication(dir, APPS).toString());
        figures.put("model directory at the end (du -sk)", ModelDiskUse.total(dir) + " KiB");
    }

    private String minioKey() {
        return Layer.parse(model.workloads("minio/0").get("minio").planYaml()).services().get("minio").environment().get("MINIO_ROOT_PASSWORD");
    }

    /** What minio sent {@code app} on object-storage, parsed from its SDI {@code data}. */
    private static Map<String, String> objectStorage(ModelStatus s, String app) {
        String data = s.relation(app + ":object-storage", "minio:object-storage").orElseThrow().appData().get("minio").get("data");
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : data.split("\n")) {
            out.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2));
        }
        return out;
    }

    /**
     * The S3 endpoint the relation names, for this JVM: the test does not read the model's hosts
     * file, so it looks the Service up and uses its cluster IP, the loopback address the S3
     * server listens on.
     */
    private String minioEndpoint(Map<String, String> storage) {
        JsonNode service = Rehearsals.objects(model, "Service").stream()
                .filter(o -> storage.get("service").equals(o.at("/metadata/name").asString())
                        && storage.get("namespace").equals(o.at("/metadata/namespace").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no Service " + storage.get("service")));
        return "http://" + service.at("/spec/clusterIP").asString() + ":" + storage.get("port");
    }

    private static String app(String endpoint) {
        return endpoint.substring(0, endpoint.indexOf(':'));
    }

    /** Exactly these keys, each with this value (a Pattern: matching it). */
    private static void assertBag(String what, Map<String, Object> expected, Map<String, String> actual) {
        Map<String, String> bag = actual == null ? Map.of() : actual;
        assertEquals(expected.keySet(), bag.keySet(), what + ": " + bag);
        expected.forEach((k, v) -> {
            if (v instanceof Pattern p) {
                assertTrue(p.matcher(bag.get(k)).matches(), what + " " + k + "=" + bag.get(k) + " does not match " + p);
            } else {
                assertEquals(v, bag.get(k), what + " " + k);
            }
        });
    }

    /** The credentials a bag names by secret id are in a secret granted to this relation's requirer. */
    private void checkGrantedSecret(ModelStatus.RelationStatus rel, String requirer, String minioKey) {
        for (Map<String, String> bag : rel.appData().values()) {
            for (String k : List.of("secret-user", "s3-credentials-secret")) {
                if (bag.containsKey(k)) {
                    JsonNode secret = Rehearsals.secret(dir, bag.get(k));
                    assertTrue(secret.path("grants").toString().contains("\"relationId\":" + rel.id() + ",\"app\":\"" + requirer + "\""),
                            k + " of " + rel.endpoints() + " granted to " + requirer + ": " + secret.path("grants"));
                    JsonNode latest = latest(secret);
                    if (k.equals("secret-user")) {
                        assertTrue(latest.path("username").asString().startsWith("relation-" + rel.id() + "_"), latest.toString());
                        assertTrue(latest.path("password").asString().matches("[A-Za-z0-9]{24}"), "a 24-character password");
                    } else {
                        assertEquals("minio", latest.path("access-key").asString());
                        assertEquals(minioKey, latest.path("secret-key").asString());
                    }
                }
            }
        }
    }

    /** A secret's newest revision's content. */
    private static JsonNode latest(JsonNode secret) {
        int newest = 0;
        for (Map.Entry<String, JsonNode> e : secret.path("revisions").properties()) {
            newest = Math.max(newest, Integer.parseInt(e.getKey()));
        }
        return secret.path("revisions").path(Integer.toString(newest));
    }

    private static Map<String, JsonNode> env(JsonNode podDefault) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        podDefault.at("/spec/env").forEach(e -> env.put(e.path("name").asString(), e));
        return env;
    }

    /** A Secret's value, from {@code data} (base64) or, as the mock API server keeps what was sent, {@code stringData}. */
    private static String secretValue(JsonNode secret, String key) {
        JsonNode data = secret.path("data").path(key);
        return data.isMissingNode() ? secret.path("stringData").path(key).asString()
                : new String(Base64.getDecoder().decode(data.asString()), StandardCharsets.UTF_8);
    }

    private List<String> names(java.util.function.Predicate<JsonNode> which) {
        return model.kubernetesObjects().stream().filter(which)
                .map(o -> o.path("kind").asString("") + "/" + o.at("/metadata/name").asString("")).toList();
    }
}
