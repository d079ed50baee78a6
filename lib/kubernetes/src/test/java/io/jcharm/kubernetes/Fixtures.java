package io.jcharm.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Objects of every tier, and a stand-in for the API server's CRD controller. */
final class Fixtures {
    private Fixtures() {
    }

    static CustomResourceDefinition crd(String group, String kind, String plural, String scope) {
        return new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + "." + group).endMetadata()
                .withNewSpec().withGroup(group).withScope(scope)
                .withNewNames().withKind(kind).withPlural(plural).withSingular(kind.toLowerCase()).endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion().endSpec().build();
    }

    static GenericKubernetesResource custom(String apiVersion, String kind, String name, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind)
                .withNewMetadata().withName(name).endMetadata().withAdditionalProperties(Map.of("spec", spec)).build();
    }

    /** One object of every tier, deliberately out of order. */
    static List<HasMetadata> everyTierShuffled() {
        return List.of(
                custom("networking.istio.io/v1", "Gateway", "gw", Map.of("selector", Map.of("istio", "ingressgateway"))),
                new DeploymentBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec()
                        .withNewSelector().addToMatchLabels("app", "web").endSelector()
                        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                        .withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer().endSpec()
                        .endTemplate().endSpec().build(),
                new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName("validate").endMetadata().build(),
                new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata().addToData("k", "v").build(),
                custom("machinelearning.seldon.io/v1", "SeldonDeployment", "model", Map.of("replicas", 1)),
                new ClusterRoleBindingBuilder().withNewMetadata().withName("crb").endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cr").build(),
                new ServiceBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec()
                        .addNewPort().withPort(80).endPort().endSpec().build(),
                new ServiceAccountBuilder().withNewMetadata().withName("sa").endMetadata().build(),
                crd("machinelearning.seldon.io", "SeldonDeployment", "seldondeployments", "Namespaced"),
                new StatefulSetBuilder().withNewMetadata().withName("db").endMetadata().withNewSpec().endSpec().build(),
                new RoleBindingBuilder().withNewMetadata().withName("rb").endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "Role", "role").build(),
                new NamespaceBuilder().withNewMetadata().withName("extra").endMetadata().build(),
                new SecretBuilder().withNewMetadata().withName("creds").endMetadata().addToStringData("p", "x").build(),
                new MutatingWebhookConfigurationBuilder().withNewMetadata().withName("mutate").endMetadata().build(),
                new ClusterRoleBuilder().withNewMetadata().withName("cr").endMetadata().build(),
                crd("networking.istio.io", "Gateway", "gateways", "Namespaced"),
                new DaemonSetBuilder().withNewMetadata().withName("agent").endMetadata().withNewSpec().endSpec().build(),
                new RoleBuilder().withNewMetadata().withName("role").endMetadata().build());
    }

    /**
     * Marks CRDs Established as they appear, as the API server's controller would (the mock
     * never does). Stops after {@code limit}.
     */
    static Thread establishCrds(KubernetesClient admin, Duration limit) {
        Set<String> done = ConcurrentHashMap.newKeySet();
        Thread t = new Thread(() -> {
            long end = System.nanoTime() + limit.toNanos();
            try {
                loop(admin, done, end);
            } catch (RuntimeException e) {
                // The test closed the client: the controller's work is over.
            }
        }, "crd-controller");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void loop(KubernetesClient admin, Set<String> done, long end) {
        while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
            for (CustomResourceDefinition c : admin.apiextensions().v1().customResourceDefinitions().list().getItems()) {
                if (done.add(c.getMetadata().getName())) {
                    c.setStatus(new CustomResourceDefinitionStatusBuilder().addNewCondition().withType("Established")
                            .withStatus("True").endCondition().build());
                    admin.apiextensions().v1().customResourceDefinitions().resource(c).updateStatus();
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
