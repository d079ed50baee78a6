package io.jcharm.kubernetes;

import java.util.Map;
import java.util.Set;

/**
 * The order kinds are applied in (and removed in reverse): what others refer to comes first,
 * admission webhooks after the workloads that serve them, custom resources last.
 *
 * <pre>{@code
 * KindOrder.tier("apiextensions.k8s.io", "CustomResourceDefinition");  // CUSTOM_RESOURCE_DEFINITIONS
 * KindOrder.tier("machinelearning.seldon.io", "SeldonDeployment");     // CUSTOM_RESOURCES
 * }</pre>
 */
public final class KindOrder {

    /** Apply tiers, first to last. */
    public enum Tier {
        CUSTOM_RESOURCE_DEFINITIONS,
        NAMESPACES,
        SERVICE_ACCOUNTS,
        ROLES,
        ROLE_BINDINGS,
        /** Config maps, secrets, and what pods need to be admitted (claims, priority classes). */
        CONFIG,
        SERVICES,
        WORKLOADS,
        /** Other built-in kinds (ingresses, disruption budgets, autoscalers, network policies). */
        OTHER_BUILT_IN,
        /** After workloads: a webhook whose backend is not up yet would refuse everything. */
        WEBHOOKS,
        CUSTOM_RESOURCES
    }

    private static final Map<String, Tier> BY_GROUP_KIND = Map.ofEntries(
            Map.entry("apiextensions.k8s.io/CustomResourceDefinition", Tier.CUSTOM_RESOURCE_DEFINITIONS),
            Map.entry("/Namespace", Tier.NAMESPACES),
            Map.entry("/ServiceAccount", Tier.SERVICE_ACCOUNTS),
            Map.entry("rbac.authorization.k8s.io/Role", Tier.ROLES),
            Map.entry("rbac.authorization.k8s.io/ClusterRole", Tier.ROLES),
            Map.entry("rbac.authorization.k8s.io/RoleBinding", Tier.ROLE_BINDINGS),
            Map.entry("rbac.authorization.k8s.io/ClusterRoleBinding", Tier.ROLE_BINDINGS),
            Map.entry("/ConfigMap", Tier.CONFIG),
            Map.entry("/Secret", Tier.CONFIG),
            Map.entry("/PersistentVolume", Tier.CONFIG),
            Map.entry("/PersistentVolumeClaim", Tier.CONFIG),
            Map.entry("/ResourceQuota", Tier.CONFIG),
            Map.entry("/LimitRange", Tier.CONFIG),
            Map.entry("storage.k8s.io/StorageClass", Tier.CONFIG),
            Map.entry("scheduling.k8s.io/PriorityClass", Tier.CONFIG),
            Map.entry("node.k8s.io/RuntimeClass", Tier.CONFIG),
            Map.entry("/Service", Tier.SERVICES),
            Map.entry("apps/Deployment", Tier.WORKLOADS),
            Map.entry("apps/StatefulSet", Tier.WORKLOADS),
            Map.entry("apps/DaemonSet", Tier.WORKLOADS),
            Map.entry("apps/ReplicaSet", Tier.WORKLOADS),
            Map.entry("batch/Job", Tier.WORKLOADS),
            Map.entry("batch/CronJob", Tier.WORKLOADS),
            Map.entry("/Pod", Tier.WORKLOADS),
            Map.entry("/ReplicationController", Tier.WORKLOADS),
            Map.entry("admissionregistration.k8s.io/ValidatingWebhookConfiguration", Tier.WEBHOOKS),
            Map.entry("admissionregistration.k8s.io/MutatingWebhookConfiguration", Tier.WEBHOOKS));

    /** Groups served by Kubernetes itself; any other group is a custom resource. */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "rbac.authorization.k8s.io",
            "networking.k8s.io", "policy", "autoscaling", "storage.k8s.io", "scheduling.k8s.io", "node.k8s.io",
            "coordination.k8s.io", "discovery.k8s.io", "certificates.k8s.io", "events.k8s.io",
            "flowcontrol.apiserver.k8s.io", "apiregistration.k8s.io", "admissionregistration.k8s.io",
            "apiextensions.k8s.io", "resource.k8s.io", "storagemigration.k8s.io", "internal.apiserver.k8s.io");

    private KindOrder() {
    }

    /** The tier of a kind in an API group ({@code ""} for core). */
    public static Tier tier(String group, String kind) {
        Tier t = BY_GROUP_KIND.get(group + "/" + kind);
        if (t != null) {
            return t;
        }
        return BUILT_IN_GROUPS.contains(group) ? Tier.OTHER_BUILT_IN : Tier.CUSTOM_RESOURCES;
    }

    /** The tier of an object. */
    public static Tier tier(ObjectRef ref) {
        return tier(ref.group(), ref.kind());
    }
}
