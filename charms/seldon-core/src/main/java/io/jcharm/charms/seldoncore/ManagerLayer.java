package io.jcharm.charms.seldoncore;

import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.OverrideMode;
import io.jcharm.pebble.layer.Service;
import io.jcharm.pebble.layer.Startup;
import io.jcharm.relations.GatewayInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Pebble layer that runs Seldon Core's manager: its command line from the ports and log
 * level, its environment from config, the model's namespace and the gateway-info relation.
 *
 * <pre>{@code
 * Layer l = ManagerLayer.layer(config, "kubeflow", Optional.of(new GatewayInfo("kubeflow-gateway", "kubeflow", true)));
 * l.services().get("seldon-core").environment().get("ISTIO_GATEWAY");  // kubeflow/kubeflow-gateway
 * }</pre>
 */
final class ManagerLayer {
    static final String SERVICE = "seldon-core";
    /** The executor's HTTP port in every predictor: the in-cluster endpoint's port. */
    static final int EXECUTOR_PORT = 8000;

    private ManagerLayer() {
    }

    static Layer layer(SeldonConfig config, String namespace, Optional<GatewayInfo> gateway) {
        return Layer.builder()
                .summary("seldon-core manager")
                .description("Seldon Core's operator: reconciles SeldonDeployments and serves their validating webhook")
                .service(SERVICE, Service.builder()
                        .override(OverrideMode.REPLACE)
                        .summary("Seldon Core manager")
                        .startup(Startup.ENABLED)
                        .command(command(config))
                        .environment(environment(config, namespace, gateway))
                        .build())
                .build();
    }

    static String command(SeldonConfig config) {
        // Seldon 1.17's flag parser maps WARNING (not WARN) to the warn level; WARN would log at info.
        String level = "WARN".equals(config.managerLogLevel()) ? "WARNING" : config.managerLogLevel();
        return "/manager --enable-leader-election --metrics-addr=:" + config.metricsPort() + " --webhook-port "
                + config.webhookPort() + " --log-level=" + level;
    }

    /**
     * The subset of Charmed Kubeflow's 52 variables the 1.17 manager reads and that matter here;
     * the others keep the manager's own defaults. Where those differ from Charmed Kubeflow's
     * config defaults (the request logger's queue size and write timeout: the 1.17.1 manager's
     * constants.go has 10000 and 2000, canonical/seldon-core-operator track/1.17 config.yaml 2000
     * and 10000), Charmed Kubeflow's values are set, so that replacing its charm changes nothing.
     */
    static Map<String, String> environment(SeldonConfig config, String namespace, Optional<GatewayInfo> gateway) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("POD_NAMESPACE", namespace);
        // "" and "": every namespace not labelled seldon.io/controller-id, SeldonDeployments without that label.
        env.put("WATCH_NAMESPACE", config.watchNamespace());
        env.put("CONTROLLER_ID", config.controllerId());
        env.put("AMBASSADOR_ENABLED", "false");
        env.put("KEDA_ENABLED", "false");
        env.put("ISTIO_ENABLED", Boolean.toString(gateway.isPresent()));
        env.put("ISTIO_GATEWAY", gateway.map(GatewayInfo::qualifiedName).orElse(""));
        env.put("ISTIO_TLS_MODE", "");
        env.put("USE_EXECUTOR", "true");
        env.put("EXECUTOR_CONTAINER_IMAGE_AND_VERSION", config.executorContainerImageAndVersion());
        env.put("EXECUTOR_CONTAINER_IMAGE_PULL_POLICY", "IfNotPresent");
        env.put("EXECUTOR_CONTAINER_SERVICE_ACCOUNT_NAME", "default");
        env.put("EXECUTOR_CONTAINER_USER", "8888");
        env.put("DEFAULT_USER_ID", "8888");
        env.put("EXECUTOR_DEFAULT_CPU_REQUEST", config.executorDefaultCpuRequest());
        env.put("EXECUTOR_DEFAULT_CPU_LIMIT", config.executorDefaultCpuLimit());
        env.put("EXECUTOR_DEFAULT_MEMORY_REQUEST", config.executorDefaultMemoryRequest());
        env.put("EXECUTOR_DEFAULT_MEMORY_LIMIT", config.executorDefaultMemoryLimit());
        env.put("EXECUTOR_SERVER_PORT", Integer.toString(EXECUTOR_PORT));
        env.put("EXECUTOR_SERVER_METRICS_PORT_NAME", "metrics");
        env.put("EXECUTOR_PROMETHEUS_PATH", "/prometheus");
        env.put("EXECUTOR_REQUEST_LOGGER_DEFAULT_ENDPOINT", "http://default-broker");
        env.put("EXECUTOR_REQUEST_LOGGER_WORK_QUEUE_SIZE", "2000");
        env.put("EXECUTOR_REQUEST_LOGGER_WRITE_TIMEOUT_MS", "10000");
        env.put("PREDICTIVE_UNIT_HTTP_SERVICE_PORT", "9000");
        env.put("PREDICTIVE_UNIT_GRPC_SERVICE_PORT", "9500");
        env.put("PREDICTIVE_UNIT_METRICS_PORT_NAME", "metrics");
        // Charmed Kubeflow's option of the same name; "" leaves models without a default Secret.
        env.put("PREDICTIVE_UNIT_DEFAULT_ENV_SECRET_REF_NAME", config.predictiveUnitDefaultEnvSecretRefName());
        return env;
    }
}
