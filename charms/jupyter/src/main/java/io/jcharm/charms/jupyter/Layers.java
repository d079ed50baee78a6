package io.jcharm.charms.jupyter;

import io.jcharm.kubernetes.certs.CertLayout;
import io.jcharm.pebble.layer.Check;
import io.jcharm.pebble.layer.CheckLevel;
import io.jcharm.pebble.layer.HttpCheck;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.OverrideMode;
import io.jcharm.pebble.layer.Service;
import io.jcharm.pebble.layer.ServiceAction;
import io.jcharm.pebble.layer.Startup;
import io.jcharm.pebble.layer.TcpCheck;
import io.jcharm.relations.GatewayInfo;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The three Pebble layers, one per container, each with a health check that restarts its
 * service: Kubeflow's notebook controller, the Jupyter web app and the PodDefault webhook.
 * Commands, flags, ports, environment variables and health endpoints are those of
 * kubeflow/kubeflow v1.10.0 (components/notebook-controller main.go and config/manager,
 * crud-web-apps/jupyter Dockerfile and crud_backend settings.py/probes.py, admission-webhook
 * main.go); none carries a secret (the webhook's key is a file).
 *
 * <pre>{@code
 * Layers.controller(cfg, "kubeflow", Optional.of(new GatewayInfo("kubeflow-gateway", "kubeflow", true)))
 *       .services().get("jupyter-controller").environment().get("ISTIO_GATEWAY");  // kubeflow/kubeflow-gateway
 * }</pre>
 */
final class Layers {
    static final String CONTROLLER = "jupyter-controller";
    static final String UI = "jupyter-ui";
    static final String WEBHOOK = "poddefaults-webhook";
    static final int METRICS_PORT = 8080;
    static final int PROBE_PORT = 8081;
    /** Where the webhook reads its certificate and key (its flags point there); the CA is kept beside them. */
    static final CertLayout WEBHOOK_CERTS = new CertLayout("/etc/webhook/certs", "ca.pem", "cert.pem", "key.pem");
    /** The web app reads its spawner config from here first (crud-web-apps/jupyter apps/common/utils.py). */
    static final String SPAWNER_CONFIG = "/etc/config/spawner_ui_config.yaml";

    private Layers() {
    }

    /** The notebook controller; VirtualServices only with use-istio and a gateway from gateway-info. */
    static Layer controller(JupyterConfig cfg, String modelNamespace, Optional<GatewayInfo> gateway) {
        boolean istio = cfg.useIstio() && gateway.isPresent();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("USE_ISTIO", Boolean.toString(istio));
        // Never a hard-coded gateway: the controller's own default is kubeflow/kubeflow-gateway.
        env.put("ISTIO_GATEWAY", gateway.map(GatewayInfo::qualifiedName).orElse(""));
        env.put("ISTIO_HOST", "*");
        env.put("CLUSTER_DOMAIN", cfg.clusterDomain());
        env.put("ENABLE_CULLING", Boolean.toString(cfg.enableCulling()));
        env.put("CULL_IDLE_TIME", Integer.toString(cfg.cullIdleTime()));
        env.put("IDLENESS_CHECK_PERIOD", Integer.toString(cfg.idlenessCheckPeriod()));
        String command = "/manager --metrics-addr=:" + METRICS_PORT + " --probe-addr=:" + PROBE_PORT
                + " --enable-leader-election --leader-election-namespace=" + modelNamespace;
        return layer(CONTROLLER, "Kubeflow notebook controller", command, "/", env,
                Check.builder().http(HttpCheck.of("http://localhost:" + PROBE_PORT + "/healthz")));
    }

    /**
     * The web app. Authorization is off (APP_DISABLE_AUTH): without Kubeflow profiles no user
     * has RBAC of their own to check, so access is decided at the gateway (see the README).
     */
    static Layer webApp(JupyterConfig cfg) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("APP_PREFIX", cfg.urlPrefix());
        env.put("APP_SECURE_COOKIES", Boolean.toString(cfg.secureCookies()));
        env.put("APP_DISABLE_AUTH", "true");
        env.put("BACKEND_MODE", cfg.backendMode());
        env.put("CLUSTER_DOMAIN", cfg.clusterDomain());
        env.put("UI", cfg.ui());
        env.put("USERID_HEADER", "kubeflow-userid");
        env.put("USERID_PREFIX", "");
        String command = "gunicorn -w 3 --bind 0.0.0.0:" + cfg.port() + " --access-logfile - entrypoint:app";
        return layer(UI, "Jupyter web app", command, "/src", env,
                Check.builder().http(HttpCheck.of("http://localhost:" + cfg.port() + "/healthz/liveness")));
    }

    /** The PodDefault webhook; it serves TLS only and has no health endpoint, so the check is TCP. */
    static Layer webhook(JupyterConfig cfg) {
        String command = "/webhook --tlsCertFile=" + WEBHOOK_CERTS.certPath() + " --tlsKeyFile=" + WEBHOOK_CERTS.keyPath()
                + " --webhookPort=" + cfg.webhookPort();
        return layer(WEBHOOK, "Kubeflow PodDefault admission webhook", command, "/", Map.of(),
                Check.builder().tcp(TcpCheck.of(cfg.webhookPort())));
    }

    /** The check's name: {@code <service>-up}, as Charmed Kubeflow names jupyter-controller's. */
    static String check(String service) {
        return service + "-up";
    }

    private static Layer layer(String service, String summary, String command, String workingDir,
                               Map<String, String> env, Check.Builder check) {
        return Layer.builder()
                .summary(service)
                .description(summary)
                .service(service, Service.builder()
                        .override(OverrideMode.REPLACE)
                        .summary(summary)
                        .startup(Startup.ENABLED)
                        .command(command)
                        .workingDir(workingDir)
                        .environment(env)
                        .onCheckFailure(check(service), ServiceAction.RESTART)
                        .build())
                // Charmed Kubeflow's jupyter-controller check: every 30 s, failed after 4 misses.
                .check(check(service), check.override(OverrideMode.REPLACE).level(CheckLevel.ALIVE)
                        .period(Duration.ofSeconds(30)).threshold(4).build())
                .build();
    }
}
