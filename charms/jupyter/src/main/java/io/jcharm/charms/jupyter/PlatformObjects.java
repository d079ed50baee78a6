package io.jcharm.charms.jupyter;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.jcharm.kubernetes.Manifest;
import io.jcharm.kubernetes.certs.WebhookCerts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes objects the leader keeps for the three workloads: the Notebook and PodDefault
 * CRDs, the RBAC of the application's service account, and the PodDefault webhook (its
 * Service and MutatingWebhookConfiguration, whose caBundle is the CA in the Juju secret).
 *
 * <pre>{@code
 * List<HasMetadata> objs = PlatformObjects.desired("jupyter", "kubeflow", "kubeflow", 4443, certs);
 * }</pre>
 */
final class PlatformObjects {
    static final String NOTEBOOK_CRD = "notebooks.kubeflow.org";
    static final String PODDEFAULT_CRD = "poddefaults.kubeflow.org";
    static final String WEBHOOK_CA = "poddefaults-webhook-ca";
    /** The service account notebooks run as, in the notebooks' namespace. */
    static final String NOTEBOOK_SERVICE_ACCOUNT = "default-editor";
    /** Namespaced RBAC objects that live in the notebooks' namespace (the others in the model's). */
    private static final Set<String> IN_NOTEBOOK_NAMESPACE = Set.of("jupyter-ui", "poddefaults-webhook",
            NOTEBOOK_SERVICE_ACCOUNT);

    private PlatformObjects() {
    }

    /** The webhook's Service: one per application, named after it. */
    static String webhookService(String app) {
        return app + "-poddefaults-webhook";
    }

    /** The name of a cluster-scoped object of this charm: one per model, so two models never share one. */
    static String clusterName(String base, String modelNamespace) {
        return base + "-" + modelNamespace;
    }

    /** Everything, for application {@code app} in {@code modelNamespace}, with notebooks in {@code notebooks}. */
    static List<HasMetadata> desired(String app, String modelNamespace, String notebooks, int webhookPort, WebhookCerts certs) {
        List<HasMetadata> out = new ArrayList<>(Manifest.load(PlatformObjects.class, "crds.yaml").objects());
        out.addAll(rbac(app, modelNamespace, notebooks));
        out.addAll(webhook(app, modelNamespace, notebooks, webhookPort, certs));
        return out;
    }

    private static List<HasMetadata> rbac(String app, String modelNamespace, String notebooks) {
        List<HasMetadata> objects = Manifest.load(PlatformObjects.class, "rbac.yaml").objects();
        for (HasMetadata o : objects) {
            String name = o.getMetadata().getName();
            if (o instanceof ClusterRole || o instanceof ClusterRoleBinding) {
                o.getMetadata().setName(clusterName(name, modelNamespace));
            } else {
                o.getMetadata().setNamespace(IN_NOTEBOOK_NAMESPACE.contains(name) ? notebooks : modelNamespace);
            }
            if (o instanceof ClusterRoleBinding b) {
                b.getRoleRef().setName(clusterName(b.getRoleRef().getName(), modelNamespace));
                b.getSubjects().forEach(s -> serviceAccount(s, app, modelNamespace));
            } else if (o instanceof RoleBinding b) {
                b.getSubjects().forEach(s -> serviceAccount(s, app, modelNamespace));
            } else if (!(o instanceof ClusterRole || o instanceof Role || o instanceof ServiceAccount)) {
                throw new IllegalStateException("rbac.yaml holds a " + o.getKind() + " " + name);
            }
        }
        return objects;
    }

    private static void serviceAccount(Subject s, String app, String namespace) {
        // Juju makes one ServiceAccount per application, named after it, in the model's namespace.
        s.setName(app);
        s.setNamespace(namespace);
    }

    private static List<HasMetadata> webhook(String app, String modelNamespace, String notebooks, int port,
                                             WebhookCerts certs) {
        Manifest m = Manifest.load(PlatformObjects.class, "webhook.yaml");
        String service = webhookService(app);
        m.edit(Service.class, "WEBHOOK_SERVICE", svc -> {
            svc.getMetadata().setName(service);
            svc.getMetadata().setNamespace(modelNamespace);
            svc.getSpec().getPorts().get(0).setTargetPort(new IntOrString(port));
            svc.getSpec().setSelector(Map.of("app.kubernetes.io/name", app));
        });
        m.edit(MutatingWebhookConfiguration.class, "poddefaults", mwc -> {
            mwc.getMetadata().setName(clusterName(app + "-poddefaults", modelNamespace));
            for (MutatingWebhook w : mwc.getWebhooks()) {
                w.getClientConfig().getService().setName(service);
                w.getClientConfig().getService().setNamespace(modelNamespace);
                w.getNamespaceSelector().setMatchLabels(Map.of("kubernetes.io/metadata.name", notebooks));
                // caBundle is the PEM, base64-encoded once more (a []byte in the API).
                w.getClientConfig().setCaBundle(Base64.getEncoder().encodeToString(
                        certs.caCrt().getBytes(StandardCharsets.US_ASCII)));
            }
        });
        return m.objects();
    }
}
