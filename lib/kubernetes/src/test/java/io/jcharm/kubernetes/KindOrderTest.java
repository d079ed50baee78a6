package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcharm.kubernetes.KindOrder.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kind tiers, label values and retry delays: the small rules everything else relies on. */
class KindOrderTest {

    @Test
    void tiers() {
        assertEquals(Tier.CUSTOM_RESOURCE_DEFINITIONS, KindOrder.tier("apiextensions.k8s.io", "CustomResourceDefinition"));
        assertEquals(Tier.ROLES, KindOrder.tier("rbac.authorization.k8s.io", "ClusterRole"));
        assertEquals(Tier.CONFIG, KindOrder.tier("", "PersistentVolumeClaim"));
        assertEquals(Tier.WORKLOADS, KindOrder.tier("batch", "CronJob"));
        assertEquals(Tier.OTHER_BUILT_IN, KindOrder.tier("networking.k8s.io", "Ingress"));
        assertEquals(Tier.WEBHOOKS, KindOrder.tier("admissionregistration.k8s.io", "MutatingWebhookConfiguration"));
        assertEquals(Tier.CUSTOM_RESOURCES, KindOrder.tier("networking.istio.io", "VirtualService"));
        assertEquals(Tier.CUSTOM_RESOURCES, KindOrder.tier("machinelearning.seldon.io", "SeldonDeployment"));
        assertEquals(Tier.OTHER_BUILT_IN, KindOrder.tier("", "Endpoints"), "an unlisted core kind is built-in");
        assertEquals(Tier.SERVICES, KindOrder.tier(new ObjectRef("v1", "Service", "ns", "s")));
    }

    @Test
    void objectRefs() {
        ObjectRef r = new ObjectRef("apps/v1", "Deployment", "kubeflow", "mlflow");
        assertEquals("Deployment kubeflow/mlflow", r.toString());
        assertEquals("apps", r.group());
        assertEquals("ClusterRole x", new ObjectRef("rbac.authorization.k8s.io/v1", "ClusterRole", null, "x").toString());
    }

    @Test
    void labels() {
        ResourceLabels l = new ResourceLabels("seldon-core", "kubeflow", "control-plane");
        assertEquals(Map.of("app.kubernetes.io/managed-by", "jcharm", "app.juju.is/created-by", "seldon-core",
                "jcharm.io/model", "kubeflow", "jcharm.io/resource-set", "control-plane"), l.selector());
        assertEquals("seldon-core", l.all().get("app.kubernetes.io/name"));
        assertThrows(IllegalArgumentException.class, () -> new ResourceLabels("a", "m", "Control Plane"));
        assertThrows(IllegalArgumentException.class, () -> new ResourceLabels("a".repeat(64), "m", "s"));
    }

    @Test
    void retryDelaysGrowAndAreCapped() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(750), Duration.ofMillis(2250)),
                List.of(p.delayBefore(2), p.delayBefore(3), p.delayBefore(4)));
        assertEquals(Duration.ofSeconds(3), p.delayBefore(9));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, 1, Duration.ZERO));
    }

    @Test
    void mergeKeepsServerFieldsAndReplacesLists() {
        Map<String, Object> live = Map.of("spec", Map.of("clusterIP", "10.0.0.1", "ports", List.of(1, 2)), "status", Map.of("a", 1));
        Map<String, Object> want = Map.of("spec", Map.of("ports", List.of(3)));
        assertEquals(Map.of("spec", Map.of("clusterIP", "10.0.0.1", "ports", List.of(3)), "status", Map.of("a", 1)),
                ObjectMerge.merge(live, want));
    }
}
