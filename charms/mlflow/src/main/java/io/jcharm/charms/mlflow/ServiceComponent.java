package io.jcharm.charms.mlflow;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jcharm.core.Component;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.KubernetesConfigException;
import io.jcharm.kubernetes.Kubernetes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Keeps the application's Service (the one Juju creates) exposing MLflow's port, as a NodePort
 * Service on {@code mlflow_nodeport} when {@code enable_mlflow_nodeport} is true (Charmed
 * MLflow's default), else ClusterIP. One JSON patch sets type and ports together, and nothing is
 * written when they already match. (lib/kubernetes's ServicePatch keeps ports only.) Calls go
 * through {@link Kubernetes#read}'s retry policy: a busy or restarting API server is retried,
 * then fails the hook naming the call.
 *
 * <pre>{@code
 * new ServiceComponent(kube, config).after(leader);
 * }</pre>
 */
final class ServiceComponent implements Component<Void> {
    static final String PORT_NAME = "mlflow-server";
    private final Kubernetes kube;
    private final Component<MlflowConfig> config;

    ServiceComponent(Kubernetes kube, Component<MlflowConfig> config) {
        this.kube = kube;
        this.config = config;
    }

    @Override
    public String name() {
        return "service";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(config);
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        MlflowConfig cfg = inputs.get(config);
        String app = model.app().name();
        String type = cfg.enableMlflowNodeport() ? "NodePort" : "ClusterIP";
        try {
            String ns = kube.namespace();
            String target = ns + "/" + app;
            Service svc = call("get", target, c -> c.services().inNamespace(ns).withName(app).get());
            if (svc == null) {
                throw StatusException.waiting("waiting for Service " + app + " in " + ns + ": Juju creates it with the application");
            }
            if (matches(svc, type, cfg)) {
                return null;
            }
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("name", PORT_NAME);
            port.put("port", cfg.mlflowPort());
            port.put("targetPort", cfg.mlflowPort());
            port.put("protocol", "TCP");
            if (cfg.enableMlflowNodeport()) {
                port.put("nodePort", cfg.mlflowNodeport());
            }
            // The same JSON patch applied twice gives the same Service, so a retried call is safe.
            call("patch", target, c -> c.services().inNamespace(ns).withName(app).patch(
                    new PatchContext.Builder().withPatchType(PatchType.JSON).withFieldManager(app).build(),
                    c.getKubernetesSerialization().asJson(List.of(
                            Map.of("op", "add", "path", "/spec/type", "value", type),
                            Map.of("op", "add", "path", "/spec/ports", "value", List.of(port))))));
            model.log().info("kubernetes: Service " + app + " is " + type + " with port " + cfg.mlflowPort()
                    + (cfg.enableMlflowNodeport() ? " (node port " + cfg.mlflowNodeport() + ")" : ""));
            return null;
        } catch (KubernetesConfigException e) {
            throw StatusException.blocked(e.getMessage());
        } catch (Refused e) {
            if (e.refusal.getCode() == 422) {
                throw StatusException.blocked("Kubernetes rejected Service " + app + ": " + e.refusal.getStatus().getMessage()
                        + " (is mlflow_nodeport " + cfg.mlflowNodeport() + " taken?)");
            }
            throw StatusException.blocked("Kubernetes refused to patch Service " + app + " (HTTP " + e.refusal.getCode()
                    + "): juju trust " + app + " --scope=cluster");
        }
    }

    /**
     * One call under lib/kubernetes's house policy (conflicts, 429, 5xx and timeouts retried, then
     * the hook fails naming the call), except the answers this component turns into its own
     * Blocked statuses: no trust (401/403), and an invalid Service (422, a node port taken).
     */
    private <T> T call(String verb, String target, Function<KubernetesClient, T> body) throws StatusException {
        return kube.read(verb, "Service", target, c -> {
            try {
                return body.apply(c);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 401 || e.getCode() == 403 || e.getCode() == 422) {
                    throw new Refused(e);
                }
                throw e;
            }
        });
    }

    /** Carries a refusal past the retry policy to {@link #reconcile}. */
    private static final class Refused extends RuntimeException {
        private final KubernetesClientException refusal;

        Refused(KubernetesClientException refusal) {
            super(refusal.getMessage(), refusal);
            this.refusal = refusal;
        }
    }

    private static boolean matches(Service svc, String type, MlflowConfig cfg) {
        if (svc.getSpec() == null || !type.equals(svc.getSpec().getType()) || svc.getSpec().getPorts() == null
                || svc.getSpec().getPorts().size() != 1) {
            return false;
        }
        ServicePort p = svc.getSpec().getPorts().get(0);
        return PORT_NAME.equals(p.getName()) && Objects.equals(p.getPort(), cfg.mlflowPort())
                && (!cfg.enableMlflowNodeport() || Objects.equals(p.getNodePort(), cfg.mlflowNodeport()));
    }
}
