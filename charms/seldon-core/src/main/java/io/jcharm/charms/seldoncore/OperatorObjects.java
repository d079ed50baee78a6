package io.jcharm.charms.seldoncore;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.KubernetesConfigException;
import io.jcharm.kubernetes.Kubernetes;
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
    /** The webhook CA's common name, before {@code .<namespace>}. */
    static final String WEBHOOK_CA = "seldon-webhook-ca";
    static final String WEBHOOK_CONFIGURATION = "seldon-validating-webhook-configuration";
    /** Seldon's SeldonDeployment webhook, by which other installs are recognised too. */
    static final String WEBHOOK_NAME = "v1.vseldondeployment.kb.io";
    static final String CONFIG_MAP = "seldon-config";

    private OperatorObjects() {
    }

    /** The versions served, as upstream serves them; the first is stored. */
    static final List<String> VERSIONS = List.of("v1", "v1alpha2", "v1alpha3");

    /** The SeldonDeployment CRD: shared by every install, so kept in a set of its own. */
    static List<HasMetadata> crd() {
        CustomResourceDefinition crd = Manifest.load(OperatorObjects.class, "crd.yaml").single(CustomResourceDefinition.class);
        CustomResourceDefinitionVersion stored = crd.getSpec().getVersions().get(0);
        List<CustomResourceDefinitionVersion> versions = new ArrayList<>(List.of(stored));
        for (String v : VERSIONS.subList(1, VERSIONS.size())) {
            versions.add(new CustomResourceDefinitionVersionBuilder(stored).withName(v).withStorage(false).build());
        }
        crd.getSpec().setVersions(versions);
        return List.of(crd);
    }

    /**
     * Refuses to replace a live CRD that stores objects in a version this CRD would not list:
     * the API server rejects a CRD whose versions omit one of its status.storedVersions.
     *
     * @throws StatusException Blocked naming the versions and how to migrate
     */
    static void checkStoredVersions(Model model, Kubernetes kube) throws StatusException {
        CustomResourceDefinition live;
        try {
            live = kube.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get();
        } catch (KubernetesClientException | KubernetesConfigException e) {
            // The crd component, which applies next, reports an API that is absent or refuses.
            model.log().warning("cannot read CRD " + CRD + " to compare its stored versions: " + e.getMessage());
            return;
        }
        if (live == null || live.getStatus() == null || live.getStatus().getStoredVersions() == null) {
            return;
        }
        List<String> unknown = live.getStatus().getStoredVersions().stream().filter(v -> !VERSIONS.contains(v)).toList();
        if (!unknown.isEmpty()) {
            throw StatusException.blocked("CRD " + CRD + " has SeldonDeployments stored as " + String.join(", ", unknown)
                    + " (status.storedVersions), which Seldon Core 1.17 does not serve; rewrite them in v1 and drop"
                    + " those versions from status.storedVersions before this charm replaces the CRD");
        }
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
