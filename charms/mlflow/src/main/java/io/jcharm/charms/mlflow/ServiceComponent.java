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

/**
 * Keeps the application's Service (the one Juju creates) exposing MLflow's port, as a NodePort
 * Service on {@code mlflow_nodeport} when {@code enable_mlflow_nodeport} is true (Charmed
 * MLflow's default), else ClusterIP. One JSON patch sets type and ports together, and nothing is
 * written when they already match. (lib/kubernetes's ServicePatch keeps ports only.)
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
            KubernetesClient client = kube.client();
            String ns = kube.namespace();
            Service svc = client.services().inNamespace(ns).withName(app).get();
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
            String patch = client.getKubernetesSerialization().asJson(List.of(
                    Map.of("op", "add", "path", "/spec/type", "value", type),
                    Map.of("op", "add", "path", "/spec/ports", "value", List.of(port))));
            client.services().inNamespace(ns).withName(app)
                    .patch(new PatchContext.Builder().withPatchType(PatchType.JSON).withFieldManager(app).build(), patch);
            model.log().info("kubernetes: Service " + app + " is " + type + " with port " + cfg.mlflowPort()
                    + (cfg.enableMlflowNodeport() ? " (node port " + cfg.mlflowNodeport() + ")" : ""));
            return null;
        } catch (KubernetesConfigException e) {
            throw StatusException.blocked(e.getMessage());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 401 || e.getCode() == 403) {
                throw StatusException.blocked("Kubernetes refused to patch Service " + app + " (HTTP " + e.getCode()
                        + "): juju trust " + app + " --scope=cluster");
            }
            if (e.getCode() == 422) {
                throw StatusException.blocked("Kubernetes rejected Service " + app + ": " + e.getStatus().getMessage()
                        + " (is mlflow_nodeport " + cfg.mlflowNodeport() + " taken?)");
            }
            throw e;
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
