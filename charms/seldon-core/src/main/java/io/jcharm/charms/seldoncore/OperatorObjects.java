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
import io.jcharm.kubernetes.certs.WebhookCerts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects the leader keeps for the operator: the SeldonDeployment CRD, the RBAC
 * of the application's service account, the validating webhook and its Service, and the
 * {@code seldon-config} ConfigMap; loaded from static manifests and set in code.
 *
 * <pre>{@code
 * List<HasMetadata> objs = OperatorObjects.desired(config, "seldon-core", "kubeflow", certs);
 * }</pre>
 */
final class OperatorObjects {
    static final String CRD = "seldondeployments.machinelearning.seldon.io";
    static final String WEBHOOK_SERVICE = "seldon-webhook-service";
    /** The webhook CA's common name, before {@code .<namespace>}. */
    static final String WEBHOOK_CA = "seldon-webhook-ca";
    static final String WEBHOOK_CONFIGURATION = "seldon-validating-webhook-configuration";
    static final String CONFIG_MAP = "seldon-config";

    private OperatorObjects() {
    }

    /** Everything, for application {@code app} whose pods run in {@code namespace}. */
    static List<HasMetadata> desired(SeldonConfig config, String app, String namespace, WebhookCerts certs) {
        List<HasMetadata> out = new ArrayList<>();
        out.addAll(Manifest.load(OperatorObjects.class, "crd.yaml").objects());
        out.addAll(rbac(app, namespace));
        out.addAll(webhook(app, namespace, config.webhookPort(), certs));
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

    private static List<HasMetadata> webhook(String app, String namespace, int port, WebhookCerts certs) {
        Manifest m = Manifest.load(OperatorObjects.class, "webhook.yaml");
        m.edit(Service.class, WEBHOOK_SERVICE, svc -> {
            ServicePort p = svc.getSpec().getPorts().get(0);
            p.setPort(port);
            p.setTargetPort(new IntOrString(port));
            svc.getSpec().setSelector(Map.of("app.kubernetes.io/name", app));
        });
        m.edit(ValidatingWebhookConfiguration.class, WEBHOOK_CONFIGURATION, vwc -> {
            vwc.getMetadata().setName(clusterName(WEBHOOK_CONFIGURATION, namespace));
            for (ValidatingWebhook w : vwc.getWebhooks()) {
                w.getClientConfig().getService().setNamespace(namespace);
                w.getClientConfig().getService().setPort(port);
                // caBundle is the PEM, base64-encoded once more (a []byte in the API).
                w.getClientConfig().setCaBundle(Base64.getEncoder().encodeToString(
                        certs.caCrt().getBytes(StandardCharsets.US_ASCII)));
            }
        });
        return m.objects();
    }

    private static ConfigMap configMap(ServerImages images) {
        ConfigMap cm = Manifest.load(OperatorObjects.class, "seldon-config.yaml").single(ConfigMap.class);
        Map<String, String> data = new LinkedHashMap<>(cm.getData());
        data.putAll(images.configMapData());
        cm.setData(data);
        return cm;
    }
}
