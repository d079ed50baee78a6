package io.jcharm.charms.kfp;

import io.jcharm.pebble.layer.Check;
import io.jcharm.pebble.layer.CheckLevel;
import io.jcharm.pebble.layer.ExecCheck;
import io.jcharm.pebble.layer.HttpCheck;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.OverrideMode;
import io.jcharm.pebble.layer.Service;
import io.jcharm.pebble.layer.ServiceAction;
import io.jcharm.pebble.layer.Startup;
import io.jcharm.pebble.layer.TcpCheck;
import io.jcharm.relations.MysqlClient;
import io.jcharm.relations.ObjectStorage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Pebble layers of the seven workloads: commands and environment as upstream's images and
 * manifests run them (kubeflow/pipelines 2.5.0: backend/Dockerfile*, frontend/Dockerfile,
 * manifests/kustomize/base; Argo v3.5.14's namespace install), from the config and the relations.
 * Passwords and keys go in the environment or in a file, never on a command line. Every service
 * has a check that restarts it when it fails.
 *
 * <pre>{@code
 * Layer api = Workloads.apiServer(cfg, "my-model", db, s3);
 * api.services().get("apiserver").command();  // "/bin/apiserver --config=/config ... --httpPortFlag=:8888 --rpcPortFlag=:8887"
 * }</pre>
 */
final class Workloads {
    static final String API_SERVER = "apiserver";
    static final String PERSISTENCE_AGENT = "persistenceagent";
    static final String SCHEDULED_WORKFLOW = "scheduledworkflow";
    static final String UI = "ml-pipeline-ui";
    static final String MLMD = "mlmd";
    static final String ENVOY = "envoy";
    static final String ARGO = "argo-controller";
    /** Every container, in the order the charm plans them (the API server first: it migrates the database). */
    static final List<String> CONTAINERS = List.of(API_SERVER, MLMD, ENVOY, PERSISTENCE_AGENT, SCHEDULED_WORKFLOW, UI, ARGO);
    /** ML Metadata's gRPC port (upstream's metadata-grpc-service port; Envoy's image is built to reach it). */
    static final int MLMD_PORT = 8080;
    /** Envoy's gRPC-web listener and admin port, as baked into the kfp-metadata-envoy image. */
    static final int ENVOY_PORT = 9090;
    static final int ENVOY_ADMIN_PORT = 9901;
    /** Where ML Metadata reads its MetadataStoreServerConfig (text proto) holding the MySQL password. */
    static final String MLMD_CONFIG = "/etc/mlmd/config.textproto";
    /** The token files the two controllers read (upstream projects them with audience pipelines.kubeflow.org). */
    static final String TOKEN_DIR = "/var/run/secrets/kubeflow/tokens";
    static final String PERSISTENCE_TOKEN = TOKEN_DIR + "/persistenceagent-sa-token";
    static final String SCHEDULED_TOKEN = TOKEN_DIR + "/scheduledworkflow-sa-token";
    /** The name upstream gives Argo's config map; the controller is pointed at it. */
    static final String ARGO_CONFIGMAP = "workflow-controller-configmap";

    private Workloads() {
    }

    static Layer apiServer(KfpConfig cfg, String namespace, MysqlClient db, ObjectStorage s3) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("POD_NAMESPACE", namespace);
        env.put("MULTIUSER", "false");
        env.put("DEFAULTPIPELINERUNNERSERVICEACCOUNT", cfg.runnerSa());
        env.put("DB_DRIVER_NAME", "mysql");
        env.put("DBCONFIG_MYSQLCONFIG_USER", db.username());
        env.put("DBCONFIG_MYSQLCONFIG_PASSWORD", db.password());
        env.put("DBCONFIG_MYSQLCONFIG_DBNAME", db.database().isEmpty() ? Inputs.DATABASE : db.database());
        env.put("DBCONFIG_MYSQLCONFIG_HOST", db.host());
        env.put("DBCONFIG_MYSQLCONFIG_PORT", Integer.toString(db.port()));
        env.put("DBCONFIG_CONMAXLIFETIME", "120s");
        env.put("OBJECTSTORECONFIG_HOST", s3Host(s3));
        env.put("OBJECTSTORECONFIG_PORT", Integer.toString(s3.port()));
        env.put("OBJECTSTORECONFIG_ACCESSKEY", s3.accessKey());
        env.put("OBJECTSTORECONFIG_SECRETACCESSKEY", s3.secretKey());
        env.put("OBJECTSTORECONFIG_SECURE", Boolean.toString(s3.secure()));
        env.put("OBJECTSTORECONFIG_BUCKETNAME", cfg.objectStoreBucketName());
        env.put("OBJECTSTORECONFIG_REGION", "");
        env.put("CACHEENABLED", Boolean.toString(cfg.cacheEnabled()));
        env.put("CACHE_IMAGE", cfg.cacheImage());
        env.put("AUTO_UPDATE_PIPELINE_DEFAULT_VERSION", Boolean.toString(cfg.autoUpdateDefaultVersion()));
        env.put("V2_DRIVER_IMAGE", cfg.driverImage());
        env.put("V2_LAUNCHER_IMAGE", cfg.launcherImage());
        env.put("PUBLISH_LOGS", "true");
        env.put("LOG_LEVEL", cfg.logLevel());
        env.put("PIPELINE_LOG_LEVEL", "1");
        String command = "/bin/apiserver --config=/config --sampleconfig=/config/sample_config.json -logtostderr=true"
                + " --logLevel=" + cfg.logLevel() + " --httpPortFlag=:" + cfg.httpPort() + " --rpcPortFlag=:" + cfg.grpcPort();
        return layer(API_SERVER, "Kubeflow Pipelines API server", command, env, "/bin",
                Check.builder().http(HttpCheck.of("http://localhost:" + cfg.httpPort() + "/apis/v1beta1/healthz")));
    }

    static Layer persistenceAgent(KfpConfig cfg, String namespace) {
        String command = "persistence_agent --logtostderr=true --namespace=" + namespace
                + " --ttlSecondsAfterWorkflowFinish=86400 --numWorker=2 --executionType=Workflow --logLevel=" + cfg.logLevel()
                + " --mlPipelineAPIServerName=localhost --mlPipelineServiceHttpPort=" + cfg.httpPort()
                + " --mlPipelineServiceGRPCPort=" + cfg.grpcPort();
        return layer(PERSISTENCE_AGENT, "Kubeflow Pipelines persistence agent", command, Map.of("MULTIUSER", "false"), null,
                Check.builder().exec(ExecCheck.of("pidof persistence_agent")));
    }

    static Layer scheduledWorkflow(KfpConfig cfg, String namespace) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CRON_SCHEDULE_TIMEZONE", cfg.timezone());
        env.put("LOG_LEVEL", cfg.logLevel());
        String command = "/bin/controller --logtostderr=true --namespace=" + namespace + " --logLevel=" + cfg.logLevel()
                + " --mlPipelineAPIServerName=localhost --mlPipelineServiceGRPCPort=" + cfg.grpcPort();
        return layer(SCHEDULED_WORKFLOW, "Kubeflow Pipelines scheduled-workflow controller", command, env, null,
                Check.builder().exec(ExecCheck.of("pidof controller")));
    }

    static Layer ui(KfpConfig cfg, String namespace, ObjectStorage s3) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ML_PIPELINE_SERVICE_HOST", "localhost");
        env.put("ML_PIPELINE_SERVICE_PORT", cfg.httpPort());
        env.put("METADATA_ENVOY_SERVICE_SERVICE_HOST", "localhost");
        env.put("METADATA_ENVOY_SERVICE_SERVICE_PORT", Integer.toString(ENVOY_PORT));
        env.put("MINIO_HOST", s3.service());
        env.put("MINIO_NAMESPACE", s3.namespace().orElse(namespace));
        env.put("MINIO_PORT", Integer.toString(s3.port()));
        env.put("MINIO_SSL", Boolean.toString(s3.secure()));
        env.put("MINIO_ACCESS_KEY", s3.accessKey());
        env.put("MINIO_SECRET_KEY", s3.secretKey());
        env.put("ARGO_ARCHIVE_LOGS", "true");
        env.put("ARGO_ARCHIVE_ARTIFACTORY", "minio");
        env.put("ARGO_ARCHIVE_BUCKETNAME", cfg.bucket());
        env.put("FRONTEND_SERVER_NAMESPACE", namespace);
        env.put("DISABLE_GKE_METADATA", "true");
        // No visualization server is run, so the UI must not offer custom visualizations.
        env.put("ALLOW_CUSTOM_VISUALIZATIONS", "false");
        return layer(UI, "Kubeflow Pipelines UI", "node dist/server.js ../client/ " + cfg.uiPort(), env, "/server",
                Check.builder().http(HttpCheck.of("http://localhost:" + cfg.uiPort() + "/apis/v1beta1/healthz")));
    }

    /**
     * ML Metadata, reading the connection from {@value #MLMD_CONFIG}; the config's digest is in the
     * environment so that new credentials restart the server.
     */
    static Layer mlmd(MysqlClient db) {
        return layer(MLMD, "ML Metadata gRPC server", "/bin/metadata_store_server --grpc_port=" + MLMD_PORT
                + " --metadata_store_server_config_file=" + MLMD_CONFIG, Map.of("MLMD_CONFIG_SHA256", sha256(mlmdConfig(db))), null,
                Check.builder().tcp(TcpCheck.of(MLMD_PORT)));
    }

    static Layer envoy() {
        return layer(ENVOY, "Envoy proxy for ML Metadata", "/usr/local/bin/envoy -c /etc/envoy.yaml", Map.of(), null,
                Check.builder().http(HttpCheck.of("http://localhost:" + ENVOY_ADMIN_PORT + "/ready")));
    }

    /** Argo's controller; with argo=external its service is disabled, so a replan stops it. */
    static Layer argo(KfpConfig cfg, String namespace, String unitName) {
        String command = "workflow-controller --configmap " + ARGO_CONFIGMAP + " --executor-image " + cfg.executorImage()
                + " --namespaced --managed-namespace " + namespace + " --loglevel " + argoLogLevel(cfg.logLevel());
        // Leader election names the holder; the pod's name, as upstream's fieldRef gives it.
        Layer layer = layer(ARGO, "Argo workflow controller", command,
                Map.of("LEADER_ELECTION_IDENTITY", unitName.replace('/', '-')), null,
                Check.builder().http(HttpCheck.of("http://localhost:6060/healthz")));
        if (cfg.managedArgo()) {
            return layer;
        }
        // No check either: a failing check would restart what must stay stopped.
        return Layer.builder().summary(ARGO).description("Argo workflow controller (not run: argo=external)")
                .service(ARGO, Service.builder().override(OverrideMode.REPLACE).summary("Argo workflow controller")
                        .startup(Startup.DISABLED).command(command).build()).build();
    }

    /** ML Metadata's MetadataStoreServerConfig: the MySQL connection, schema upgrades allowed. */
    static String mlmdConfig(MysqlClient db) {
        return "connection_config {\n  mysql {\n    host: " + quote(db.host()) + "\n    port: " + db.port()
                + "\n    database: " + quote(db.database().isEmpty() ? Inputs.DATABASE : db.database())
                + "\n    user: " + quote(db.username()) + "\n    password: " + quote(db.password())
                + "\n    skip_db_creation: true\n  }\n}\nmigration_options {\n  enable_upgrade_migration: true\n}\n";
    }

    /**
     * {@code <service>.<namespace>}, the host every in-cluster client of the object storage uses;
     * the bare service name when the provider gave no namespace (it then resolves in this one).
     */
    static String s3Host(ObjectStorage s3) {
        return s3.service() + s3.namespace().map(ns -> "." + ns).orElse("");
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String argoLogLevel(String kfp) {
        return switch (kfp) {
            case "trace" -> "debug";
            case "warning" -> "warn";
            case "fatal", "panic" -> "error";
            default -> kfp;
        };
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static Layer layer(String name, String summary, String command, Map<String, String> env, String workingDir,
                               Check.Builder check) {
        String checkName = name + "-up";
        Service.Builder service = Service.builder().override(OverrideMode.REPLACE).summary(summary)
                .startup(Startup.ENABLED).command(command).environment(env)
                .onCheckFailure(checkName, ServiceAction.RESTART);
        if (workingDir != null) {
            service.workingDir(workingDir);
        }
        return Layer.builder().summary(name).description(summary).service(name, service.build())
                .check(checkName, check.override(OverrideMode.REPLACE).level(CheckLevel.ALIVE)
                        .period(Duration.ofSeconds(30)).threshold(3).build())
                .build();
    }
}
