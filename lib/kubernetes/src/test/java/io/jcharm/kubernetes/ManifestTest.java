package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestTest {

    @Test
    void loadsEveryDocumentOfAClasspathYamlAsTypedObjects() {
        List<HasMetadata> objs = Manifest.load(ManifestTest.class, "/manifests/control-plane.yaml").objects();

        assertEquals(List.of("CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
                "Deployment", "SeldonDeployment"), objs.stream().map(HasMetadata::getKind).toList());
        assertInstanceOf(CustomResourceDefinition.class, objs.get(0));
        assertInstanceOf(Deployment.class, objs.get(4));
        GenericKubernetesResource sd = assertInstanceOf(GenericKubernetesResource.class, objs.get(5));
        assertEquals("machinelearning.seldon.io/v1", sd.getApiVersion());
        assertEquals(List.of(Map.of("name", "default", "replicas", 1)),
                ((Map<?, ?>) sd.getAdditionalProperties().get("spec")).get("predictors"));
    }

    @Test
    void namesNamespaceLabelsAndImagesAreSetInCode() {
        Manifest m = Manifest.load(ManifestTest.class, "/manifests/control-plane.yaml")
                .rename("controller", "seldon-controller")
                .namespace("kubeflow")
                .labels(Map.of("app.kubernetes.io/part-of", "kubeflow"))
                .annotations(Map.of("jcharm.io/revision", "7"))
                .image("manager", "docker.io/seldonio/seldon-core-operator:1.17.1")
                .edit(ClusterRoleBinding.class, "seldon-controller",
                        b -> b.getSubjects().get(0).setName("seldon-controller"))
                .edit(Deployment.class, "seldon-controller", d -> d.getSpec().setReplicas(2));

        Deployment d = m.find(Deployment.class, "seldon-controller").orElseThrow();
        assertEquals(2, d.getSpec().getReplicas());
        assertEquals("kubeflow", d.getMetadata().getNamespace());
        assertEquals(Map.of("app.kubernetes.io/component", "controller", "app.kubernetes.io/part-of", "kubeflow"),
                d.getMetadata().getLabels());
        assertEquals("7", d.getMetadata().getAnnotations().get("jcharm.io/revision"));
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        assertEquals("docker.io/seldonio/seldon-core-operator:1.17.1", containers.get(0).getImage());
        assertEquals("example.com/sidecar:0.1", containers.get(1).getImage(), "other containers keep theirs");
        assertEquals("docker.io/seldonio/seldon-core-operator:1.17.1",
                d.getSpec().getTemplate().getSpec().getInitContainers().get(0).getImage());
        assertEquals("app", d.getSpec().getSelector().getMatchLabels().keySet().iterator().next(), "selectors untouched");
        assertEquals("seldon-controller", m.find(ServiceAccount.class, "seldon-controller").orElseThrow().getMetadata().getName());
        assertEquals("seldon-controller", m.find(ClusterRoleBinding.class, "seldon-controller").orElseThrow()
                .getSubjects().get(0).getName());
    }

    @Test
    void aListDocumentIsFlattenedAndAPathIsRelativeToTheAnchor() {
        Manifest m = Manifest.load(ManifestTest.class, "relative.yaml");
        assertEquals(List.of("one", "two"), m.objects().stream().map(o -> o.getMetadata().getName()).toList());
        assertInstanceOf(ConfigMap.class, m.objects().get(1));
    }

    @Test
    void singleAndAdd() {
        ConfigMap one = Manifest.parse("inline", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n").single(ConfigMap.class);
        assertEquals("x", one.getMetadata().getName());
        Manifest m = Manifest.parse("inline", "---\n").add(one);
        assertEquals(1, m.objects().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Manifest.load(ManifestTest.class, "/manifests/control-plane.yaml").single(Deployment.class));
        assertTrue(e.getMessage().contains("should hold one Deployment"), e.getMessage());
    }

    @Test
    void mistakesAreReportedWithTheirSource() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Manifest.load(ManifestTest.class, "/manifests/nope.yaml"));
        assertTrue(missing.getMessage().contains("/manifests/nope.yaml") && missing.getMessage().contains("src/main/resources"),
                missing.getMessage());

        IllegalArgumentException notK8s = assertThrows(IllegalArgumentException.class,
                () -> Manifest.parse("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\njust: data\n"));
        assertEquals("manifest bad.yaml, document 2: not a Kubernetes object (needs apiVersion and kind)", notK8s.getMessage());

        IllegalArgumentException badYaml = assertThrows(IllegalArgumentException.class,
                () -> Manifest.parse("broken.yaml", "kind: [unclosed\n"));
        assertTrue(badYaml.getMessage().startsWith("manifest broken.yaml, document 1: "), badYaml.getMessage());

        IllegalArgumentException noContainer = assertThrows(IllegalArgumentException.class,
                () -> Manifest.load(ManifestTest.class, "/manifests/control-plane.yaml").image("managr", "x"));
        assertTrue(noContainer.getMessage().contains("no container named \"managr\""));

        IllegalArgumentException noObject = assertThrows(IllegalArgumentException.class,
                () -> Manifest.load(ManifestTest.class, "/manifests/control-plane.yaml").edit(Deployment.class, "ctrl", d -> { }));
        assertTrue(noObject.getMessage().contains("has no Deployment named \"ctrl\""), noObject.getMessage());
    }
}
