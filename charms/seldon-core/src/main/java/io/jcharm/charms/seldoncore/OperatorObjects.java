package io.jcharm.charms.seldoncore;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.jcharm.kubernetes.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects the leader keeps for the operator: the SeldonDeployment CRD, the RBAC
 * of the application's service account, the validating webhook and its Service, and the
 * {@code seldon-config} ConfigMap; loaded from static manifests and set in code. Three sets:
 * the CRD (shared by every install), what the manager needs to start, and the webhook
 * configuration (once the manager serves).
 *
 * <pre>{@code
 * List<HasMetadata> objs = OperatorObjects.desired(config, "seldon-core", "kubeflow");
 * }</pre>
 */
final class OperatorObjects {
    static final String CRD = "seldondeployments.machinelearning.seldon.io";
    static final String WEBHOOK_SERVICE = "seldon-webhook-service";
    static final String WEBHOOK_CONFIGURATION = "seldon-validating-webhook-configuration";
    /** Seldon's SeldonDeployment webhook, by which other installs are recognised too. */
    static final String WEBHOOK_NAME = "v1.vseldondeployment.kb.io";
    static final String CONFIG_MAP = "seldon-config";

    private OperatorObjects() {
    }

    /** The SeldonDeployment CRD: shared by every install, so kept in a set of its own. */
    static List<HasMetadata> crd() {
        return Manifest.load(OperatorObjects.class, "crd.yaml").objects();
    }

    /**
     * What the manager needs before it starts, for application {@code app} whose pods run in
     * {@code namespace}: RBAC, the webhook's Service, seldon-config.
     */
    static List<HasMetadata> desired(SeldonConfig config, String app, String namespace) {
        List<HasMetadata> out = new ArrayList<>();
        out.addAll(rbac(app, namespace));
        Service svc = Manifest.load(OperatorObjects.class, "webhook.yaml").single(Service.class);
        ServicePort p = svc.getSpec().getPorts().get(0);
        p.setPort(config.webhookPort());
        p.setTargetPort(new IntOrString(config.webhookPort()));
        svc.getSpec().setSelector(Map.of("app.kubernetes.io/name", app));
        out.add(svc);
        out.add(configMap(config.images()));
        return out;
    }

    /** The name of a cluster-scoped object of this charm: one per model, so two models never share one. */
    static String clusterName(String base, String namespace) {
        return base + "-" + namespace;
    }

    private static List<HasMetadata> rbac(String app, String namespace) {
        List<HasMetadata> objects = Manifest.load(OperatorObjects.class, "rbac.yaml").objects();
        for (HasMetadata o : objects) {
            if (o instanceof ClusterRole || o instanceof ClusterRoleBinding) {
                o.getMetadata().setName(clusterName(o.getMetadata().getName(), namespace));
            }
            if (o instanceof ClusterRoleBinding b) {
                b.getRoleRef().setName(clusterName(b.getRoleRef().getName(), namespace));
                b.getSubjects().forEach(s -> serviceAccount(s, app, namespace));
            } else if (o instanceof RoleBinding b) {
                b.getSubjects().forEach(s -> serviceAccount(s, app, namespace));
            }
        }
        return objects;
    }

    private static void serviceAccount(Subject s, String app, String namespace) {
        // Juju makes one ServiceAccount per application, named after it, in the model's namespace.
        s.setName(app);
        s.setNamespace(namespace);
    }

    /**
     * The validating webhook, applied once the manager serves it (with failurePolicy Fail, a
     * webhook without its server refuses every SeldonDeployment it selects), selecting this
     * install's SeldonDeployments only.
     */
    static ValidatingWebhookConfiguration webhookConfiguration(SeldonConfig config, String namespace, WebhookCerts certs) {
        ValidatingWebhookConfiguration vwc = Manifest.load(OperatorObjects.class, "webhook-configuration.yaml")
                .single(ValidatingWebhookConfiguration.class);
        vwc.getMetadata().setName(clusterName(WEBHOOK_CONFIGURATION, namespace));
        for (ValidatingWebhook w : vwc.getWebhooks()) {
            w.getClientConfig().getService().setNamespace(namespace);
            w.getClientConfig().getService().setPort(config.webhookPort());
            // caBundle is the PEM, base64-encoded once more (a []byte in the API).
            w.getClientConfig().setCaBundle(Base64.getEncoder().encodeToString(
                    certs.caCrt().getBytes(StandardCharsets.US_ASCII)));
            InstallScope.of(config).applyTo(w);
        }
        return vwc;
    }

    private static ConfigMap configMap(ServerImages images) {
        ConfigMap cm = Manifest.load(OperatorObjects.class, "seldon-config.yaml").single(ConfigMap.class);
        Map<String, String> data = new LinkedHashMap<>(cm.getData());
        data.putAll(images.configMapData());
        cm.setData(data);
        return cm;
    }
}
