package io.jcharm.charms.istio;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.KubernetesConfigException;
import io.jcharm.kubernetes.Kubernetes;
import io.jcharm.kubernetes.ManagedResources;
import io.jcharm.kubernetes.ObjectRef;
import java.util.List;
import java.util.Optional;

/**
 * Refuses to share the ingress gateway with another manager. Charmed Kubeflow's istio-gateway
 * charm (kind ingress; it meets istio-pilot, and so this charm, on the {@code istio-pilot}
 * k8s-service endpoint) applies a ServiceAccount, Deployment, Service, Role and RoleBinding
 * with the very names this charm uses, by server-side apply as field manager {@code lightkube},
 * and its remove hook deletes them by name. Two managers of one Deployment overwrite each other,
 * so before the gateway is applied this check looks at those objects: one that lacks this
 * application's labels, or that another manager has server-side applied, blocks the gateway
 * (it is then not applied, so nothing is forced over the other's fields) with a status naming
 * the manager, the applications related on {@code istio-pilot}, and what to run. An egress
 * istio-gateway uses other names and never trips it.
 *
 * <pre>{@code
 * Component<Void> owner = Component.of(GatewayOwner.COMPONENT, m -> GatewayOwner.check(m, kube)).after(config);
 * kube.componentIn("gateway", "gateway", ...).after(controlPlane, owner);
 * }</pre>
 */
final class GatewayOwner {
    static final String COMPONENT = "gateway-owner";

    private GatewayOwner() {
    }

    /**
     * Passes when the gateway's objects are absent or this application's alone.
     *
     * @throws StatusException Blocked naming the other manager and what to run
     */
    static void check(Model model, Kubernetes kube) throws StatusException {
        String app = model.app().name();
        ManagedResources gateway;
        try {
            gateway = kube.resources("gateway");
        } catch (KubernetesConfigException e) {
            throw StatusException.blocked(e.getMessage());
        }
        for (ObjectRef ref : sharedNames()) {
            Optional<GenericKubernetesResource> live = gateway.get(ref);
            if (live.isEmpty()) {
                continue;
            }
            Optional<String> other = otherManager(live.get(), app);
            boolean ours = gateway.labels().selects(live.get().getMetadata().getLabels());
            if (ours && other.isEmpty()) {
                continue;
            }
            String by = other.map(m -> "is also applied by field manager " + m)
                    .orElse("was not created by " + app + " (it lacks our labels)");
            throw StatusException.blocked(ref.kind() + " " + ref.name() + " " + by + ": two charms would manage one"
                    + " ingress gateway. " + app + " runs the gateway itself; " + advice(model, app));
        }
    }

    /** The gateway objects whose names Charmed Kubeflow's istio-gateway (kind ingress) also uses. */
    private static List<ObjectRef> sharedNames() {
        return List.of(
                new ObjectRef("v1", "ServiceAccount", "", GatewayObjects.SERVICE_ACCOUNT),
                new ObjectRef("apps/v1", "Deployment", "", GatewayObjects.WORKLOAD),
                new ObjectRef("v1", "Service", "", GatewayObjects.WORKLOAD),
                new ObjectRef("rbac.authorization.k8s.io/v1", "Role", "", GatewayObjects.SDS_ROLE),
                new ObjectRef("rbac.authorization.k8s.io/v1", "RoleBinding", "", GatewayObjects.SDS_ROLE));
    }

    /**
     * Another declarative owner: a server-side apply by any manager but us. Controllers' writes
     * (replica counts, status) are updates, not applies, and do not count.
     */
    private static Optional<String> otherManager(GenericKubernetesResource live, String app) {
        List<ManagedFieldsEntry> fields = live.getMetadata().getManagedFields();
        if (fields == null) {
            return Optional.empty();
        }
        return fields.stream().filter(f -> "Apply".equals(f.getOperation()) && f.getManager() != null
                && !f.getManager().equals(app)).map(ManagedFieldsEntry::getManager).findFirst();
    }

    private static String advice(Model model, String app) {
        List<String> related = model.relations("istio-pilot").stream().map(Relation::remoteAppName)
                .flatMap(Optional::stream).sorted().toList();
        if (related.isEmpty()) {
            return "remove whatever else manages it (for Charmed Kubeflow's istio-gateway charm: juju remove-application"
                    + " <its name>); this charm applies the gateway at its next hook";
        }
        return "remove " + String.join(" and ", related) + " (related on istio-pilot; Charmed Kubeflow's istio-gateway"
                + " charm): juju remove-application " + String.join(" ", related)
                + "; its remove hook deletes these objects, and this charm applies its own at its next hook";
    }
}
