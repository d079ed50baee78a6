package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jcharm.core.StatusException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials and namespace, from the hook environment only. */
class ClientFactoryTest {
    @TempDir
    Path tmp;

    @Test
    void kubeconfigWithoutANamespaceUsesTheModelName() throws Exception {
        try (MockApi api = new MockApi(tmp)) {
            Kubernetes k = Kubernetes.of(new TestModel("app", "my-model", api.env()).model);
            assertEquals("my-model", k.namespace());
            k.client().configMaps().inNamespace(k.namespace()).list();
            assertEquals(List.of("GET /api/v1/namespaces/my-model/configmaps"), api.requests(),
                    "the kubeconfig's server and token are used");
            k.close();
        }
    }

    @Test
    void everyClientAndManifestOfTheJvmSharesOneSerialization() throws Exception {
        try (MockApi api = new MockApi(tmp)) {
            Kubernetes first = Kubernetes.of(new TestModel("app", "my-model", api.env()).model);
            Kubernetes second = Kubernetes.of(new TestModel("app", "my-model", api.env()).model);
            // What a mapper learnt about a class (its deserializer) is kept for the next hook of a warm runtime.
            assertSame(SharedSerialization.INSTANCE, first.client().getKubernetesSerialization());
            assertSame(SharedSerialization.INSTANCE, second.client().getKubernetesSerialization());
            first.close();
            second.close();
        }
    }

    @Test
    void theKubeconfigContextsNamespaceWins() throws Exception {
        try (MockApi api = new MockApi(tmp)) {
            String text = Files.readString(api.kubeconfig).replace("    user: charm\n",
                    "    user: charm\n    namespace: elsewhere\n");
            Path other = Files.writeString(tmp.resolve("other-kubeconfig"), text);
            // A KUBECONFIG list: the first file that exists is used.
            Map<String, String> env = Map.of("KUBECONFIG", tmp.resolve("missing") + ":" + other);
            assertEquals("elsewhere", Kubernetes.of(new TestModel("app", "my-model", env).model).namespace());
        }
    }

    @Test
    void inAPodTheServiceAccountIsUsedOverVerifiedTls() throws Exception {
        try (MockApi api = new MockApi(tmp, true)) {
            Path sa = Files.createDirectories(tmp.resolve("serviceaccount"));
            Files.copy(Path.of(api.server.getSelfSignedCertificate().certificatePath()), sa.resolve("ca.crt"));
            Files.writeString(sa.resolve("token"), "token-1\n");
            Files.writeString(sa.resolve("namespace"), "juju-model-ns");
            Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", api.server.getHostName(),
                    "KUBERNETES_SERVICE_PORT", String.valueOf(api.server.getPort()));
            Kubernetes k = Kubernetes.of(new TestModel("app", "model", env).model, KubeOptions.DEFAULT.withServiceAccountDir(sa));

            assertEquals("juju-model-ns", k.namespace());
            k.client().configMaps().inNamespace(k.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("c").endMetadata().build()).create();
            // Projected tokens rotate: the next request reads the file again.
            Files.writeString(sa.resolve("token"), "token-2\n");
            k.client().configMaps().inNamespace(k.namespace()).withName("c").get();

            List<RecordedRequest> reqs = api.drain().stream().filter(r -> r.getPath().contains("/configmaps")).toList();
            assertEquals(List.of("Bearer token-1", "Bearer token-2"), reqs.stream().map(r -> r.getHeader("Authorization")).toList());
            k.close();
        }
    }

    @Test
    void aPodWithoutATokenIsExplained() {
        Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "10.152.183.1", "KUBERNETES_SERVICE_PORT", "443");
        Kubernetes k = Kubernetes.of(new TestModel("app", "m", env).model, KubeOptions.DEFAULT.withServiceAccountDir(tmp));
        KubernetesConfigException e = assertThrows(KubernetesConfigException.class, k::namespace);
        assertTrue(e.getMessage().contains("no service account token at " + tmp.resolve("token")), e.getMessage());
    }

    @Test
    void aMissingKubeconfigIsExplained() {
        Map<String, String> env = Map.of("KUBECONFIG", tmp.resolve("nope").toString());
        KubernetesConfigException e = assertThrows(KubernetesConfigException.class,
                () -> Kubernetes.of(new TestModel("app", "m", env).model).client());
        assertTrue(e.getMessage().startsWith("KUBECONFIG=" + tmp.resolve("nope") + " names no existing file"), e.getMessage());
    }

    @Test
    void aBrokenKubeconfigIsExplained() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad"), "clusters: [unclosed\n");
        KubernetesConfigException e = assertThrows(KubernetesConfigException.class,
                () -> Kubernetes.of(new TestModel("app", "m", Map.of("KUBECONFIG", bad.toString())).model).client());
        assertTrue(e.getMessage().startsWith("KUBECONFIG=" + bad + " cannot be used: "), e.getMessage());
    }

    @Test
    void outsideKubernetesTheComponentIsBlocked() {
        // System.getenv is never consulted: this JVM's own environment does not matter.
        TestModel hook = new TestModel("app", "m", Map.of());
        var component = Kubernetes.of(hook.model).component("resources", "s", List::of);
        StatusException e = assertThrows(StatusException.class, () -> component.reconcile(hook.model, io.jcharm.core.Inputs.none("resources")));
        assertEquals("blocked", e.status().name());
        assertTrue(e.status().message().startsWith("no Kubernetes API to talk to: KUBECONFIG is not set"), e.status().message());
    }

    @Test
    void theApplyModeComesFromTheHookEnvironment() {
        assertEquals(ApplyMode.SERVER_SIDE, ApplyMode.fromEnvironment(Map.of()));
        assertEquals(ApplyMode.CREATE_OR_REPLACE, ApplyMode.fromEnvironment(Map.of(ApplyMode.ENV, "create-or-replace")));
        assertEquals(ApplyMode.SERVER_SIDE, ApplyMode.fromEnvironment(Map.of(ApplyMode.ENV, "Server-Side")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApplyMode.fromEnvironment(Map.of(ApplyMode.ENV, "replace")));
        assertTrue(e.getMessage().startsWith("JCHARM_KUBE_APPLY=\"replace\" is not an apply mode"));
        assertEquals(ApplyMode.CREATE_OR_REPLACE, Kubernetes.of(new TestModel("a", "m", Map.of()).model,
                KubeOptions.DEFAULT.withMode(ApplyMode.CREATE_OR_REPLACE)).applyMode(), "options win over the environment");
    }
}
