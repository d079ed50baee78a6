package io.jcharm.kubernetes.testing;

import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's mock API server in CRUD mode (expectations, such as a 403, answer first), a
 * kubeconfig pointing at it, the hook environment a charm needs to use it, and a stand-in for
 * the API server's CRD controller (the mock never marks CRDs Established). Shared by the charms'
 * Kubernetes tests through jcharm-kubernetes's test-jar.
 *
 * <pre>{@code
 * try (MockCluster cluster = new MockCluster(tempDir)) {
 *     State out = ctx.run(Events.configChanged(), State.empty().withLeader(true).withEnvironment(cluster.env()));
 *     cluster.admin.apps().deployments().inNamespace("test-model").list();
 * }
 * }</pre>
 */
public final class MockCluster implements AutoCloseable {
    private static final java.util.logging.Logger QUIET = quiet();
    public final KubernetesMockServer server;
    public final KubernetesClient admin;
    private final Path kubeconfig;
    private final Thread crdController;

    private final KubernetesMixedDispatcher store;
    private final FaultingDispatcher faults;

    public MockCluster(Path dir) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        store = new KubernetesMixedDispatcher(responses);
        faults = new FaultingDispatcher(store);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, faults, false);
        server.init();
        kubeconfig = dir.resolve("kubeconfig");
        try {
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: mock
                      cluster: {server: "%s", insecure-skip-tls-verify: true}
                    users:
                    - name: charm
                      user: {token: charm-token}
                    contexts:
                    - name: mock
                      context: {cluster: mock, user: charm}
                    current-context: mock
                    """.formatted(server.url("/").replaceAll("/$", "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        admin = server.createClient();
        crdController = establishCrds(admin);
    }

    /** KUBECONFIG and the create-or-replace apply mode: the mock cannot do server-side apply. */
    public Map<String, String> env() {
        return Map.of("KUBECONFIG", kubeconfig.toString(), "JCHARM_KUBE_APPLY", "create-or-replace");
    }

    /** The charm's requests since the last call, as "METHOD path", in arrival order. */
    public List<String> charmRequests() {
        List<String> out = new ArrayList<>();
        try {
            RecordedRequest r;
            while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
                if ("Bearer charm-token".equals(r.getHeader("Authorization"))) {
                    out.add(r.getMethod() + " " + r.getPath());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** Injects a fault into the charm's requests, ahead of the expectations and the CRUD store. */
    public void inject(ApiFault fault) {
        faults.add(fault);
    }

    /** Removes every injected fault; an API server that stopped answering answers again, its objects intact. */
    public void heal() {
        faults.clear();
    }

    /**
     * Every object the API server stores, by {@code apiVersion/kind/namespace/name}, as JSON
     * without the fields every write changes (resourceVersion, generation, managedFields): two
     * snapshots are equal exactly when nothing was created, deleted or changed in between.
     */
    public Map<String, String> objects() {
        return ObjectStore.snapshot(store, admin);
    }

    /**
     * Creates {@code objects} (keyed and written as {@link #objects()} gives them, e.g. from another
     * revision's snapshot) as the administrator: CRDs first, then namespaces, then the rest, so
     * that a charm finds the cluster an earlier revision left.
     */
    public void restore(Map<String, String> objects) {
        List<GenericKubernetesResource> all = new ArrayList<>();
        objects.forEach((key, json) -> {
            try {
                all.add(admin.getKubernetesSerialization().unmarshal(json, GenericKubernetesResource.class));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("object " + key + " is not a Kubernetes object's JSON: " + e.getMessage(), e);
            }
        });
        all.sort(java.util.Comparator.comparingInt(MockCluster::restoreOrder));
        Map<String, String> plurals = new HashMap<>();
        for (GenericKubernetesResource r : all) {
            if (r.getKind().equals("CustomResourceDefinition")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> spec = (Map<String, Object>) r.getAdditionalProperties().get("spec");
                @SuppressWarnings("unchecked")
                Map<String, Object> names = (Map<String, Object>) spec.get("names");
                plurals.put(spec.get("group") + "/" + names.get("kind"), (String) names.get("plural"));
            }
        }
        for (GenericKubernetesResource r : all) {
            String apiVersion = r.getApiVersion();
            int slash = apiVersion.indexOf('/');
            String group = slash < 0 ? "" : apiVersion.substring(0, slash);
            String version = apiVersion.substring(slash + 1);
            String plural = plurals.getOrDefault(group + "/" + r.getKind(), Pluralize.toPlural(r.getKind().toLowerCase(java.util.Locale.ROOT)));
            String ns = r.getMetadata().getNamespace();
            ResourceDefinitionContext rdc = new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version)
                    .withKind(r.getKind()).withPlural(plural).withNamespaced(ns != null).build();
            r.getMetadata().setResourceVersion(null);
            var op = admin.genericKubernetesResources(rdc);
            // createOr: what the test made before (the Juju Service) is replaced by the revision's version.
            (ns == null ? op.resource(r) : op.inNamespace(ns).resource(r))
                    .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
        }
    }

    private static int restoreOrder(GenericKubernetesResource r) {
        return switch (r.getKind()) {
            case "CustomResourceDefinition" -> 0;
            case "Namespace" -> 1;
            default -> 2;
        };
    }

    /** The Service Juju creates for the application (the charm patches its ports). */
    public void jujuService(String namespace, String app) {
        admin.services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata().withName(app)
                .endMetadata().withNewSpec().addToSelector("app.kubernetes.io/name", app).addNewPort()
                .withName("placeholder").withPort(65535).endPort().endSpec().build())
                // Not create(): on a loaded machine the client can time out, retry a POST that had
                // succeeded and get 409 (seen in a full verify alongside other builds).
                .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
    }

    /** Marks CRDs Established as they appear (again, if re-created), for at most a minute. */
    private static Thread establishCrds(KubernetesClient admin) {
        Thread t = new Thread(() -> {
            long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            try {
                while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                    for (CustomResourceDefinition c : admin.apiextensions().v1().customResourceDefinitions().list().getItems()) {
                        boolean established = c.getStatus() != null && c.getStatus().getConditions() != null
                                && !c.getStatus().getConditions().isEmpty();
                        if (!established) {
                            c.setStatus(new CustomResourceDefinitionStatusBuilder().addNewCondition()
                                    .withType("Established").withStatus("True").endCondition().build());
                            admin.apiextensions().v1().customResourceDefinitions().resource(c).updateStatus();
                        }
                    }
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // The test closed the client: the controller's work is over.
            }
        }, "crd-controller");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    @Override
    public void close() {
        faults.clear(); // release requests held by a silent-server fault
        crdController.interrupt();
        try {
            crdController.join(2000); // its last request must not reach a server that is going away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close();
        server.destroy();
    }
}
