package io.jcharm.local;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The embedded Kubernetes API: fabric8's mock server in CRUD mode on loopback (plain HTTP),
 * reached by the charms through a kubeconfig; its objects are restored from and saved to
 * the model's one state file ({@code model.json}, key {@code kubernetes}), so they live as long as
 * the model and are saved with it, atomically. It also holds what Juju itself creates
 * for a Kubernetes application (its Service, ServiceAccount, StatefulSet and Pods, labelled
 * {@code app.kubernetes.io/managed-by: juju}), removed with the application.
 *
 * <pre>{@code
 * try (KubeApi api = KubeApi.start(dirs, "edge", List.of(), app -> true)) {
 *     api.ensureApp("seldon-core", List.of("seldon-core/0"));
 *     doc.kubernetes = api.objects();
 * }
 * }</pre>
 */
final class KubeApi implements AutoCloseable {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String NAME = "app.kubernetes.io/name";
    /**
     * The mock server logs every request at INFO through java.util.logging, which would flood a
     * command's output; held here because java.util.logging keeps loggers only weakly.
     */
    private final java.util.logging.Logger mockLog;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final KubernetesMockServer server;
    private final LocalCrudDispatcher dispatcher;
    private final KubernetesClient client;
    private final StateDir dirs;
    private final String namespace;

    private KubeApi(KubernetesMockServer server, LocalCrudDispatcher dispatcher, StateDir dirs, String namespace,
                    java.util.logging.Logger mockLog) {
        this.mockLog = mockLog;
        this.server = server;
        this.dispatcher = dispatcher;
        this.client = server.createClient();
        this.dirs = dirs;
        this.namespace = namespace;
    }

    /**
     * Starts the API, restores the {@code saved} objects and makes sure the model's namespace exists;
     * {@code trusted} says which applications were deployed with trust (the others get 403s).
     */
    static KubeApi start(StateDir dirs, String namespace, List<JsonNode> saved, java.util.function.Predicate<String> trusted) {
        return start(dirs, namespace, saved, trusted, (app, nanos) -> { });
    }

    /** As {@link #start(StateDir, String, List, java.util.function.Predicate)}; {@code clock} hears of each application's request and the time it took. */
    static KubeApi start(StateDir dirs, String namespace, List<JsonNode> saved, java.util.function.Predicate<String> trusted,
                         java.util.function.ObjLongConsumer<String> clock) {
        java.util.logging.Logger log = quiet("io.fabric8.mockwebserver");
        // The mock server's libraries use SLF4J without a provider, which warns on stderr at
        // first use; the local model has nothing to log through it.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        LocalCrudDispatcher dispatcher = new LocalCrudDispatcher(new KubeAccess(namespace, trusted),
                new ServiceAddresses(ServiceAddresses.block(dirs.root().toAbsolutePath().toString())), clock);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        KubeApi api = new KubeApi(server, dispatcher, dirs, namespace, log);
        try {
            api.restore(saved);
            if (api.client.namespaces().withName(namespace).get() == null) {
                api.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                        .addToLabels(MANAGED_BY, "juju").addToLabels("model.juju.is/name", namespace).endMetadata().build()).create();
            }
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
        return api;
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /**
     * What Juju creates for a Kubernetes application: its Service, its ServiceAccount (the pods'
     * identity, which a charm may ask tokens for), StatefulSet and one Pod per unit, and the kubeconfig its hooks use (its own service account's token).
     */
    void ensureApp(String app, List<String> units) {
        writeKubeconfig(app);
        Map<String, String> labels = Map.of(NAME, app, MANAGED_BY, "juju");
        if (client.services().inNamespace(namespace).withName(app).get() == null) {
            client.services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata().withName(app)
                    .withLabels(labels).addToAnnotations("juju.is/version", "3.6.14").endMetadata()
                    .withNewSpec().withSelector(Map.of(NAME, app)).withType("ClusterIP").addNewPort().withName("placeholder")
                    .withPort(65535).endPort().endSpec().build()).create();
        }
        if (client.serviceAccounts().inNamespace(namespace).withName(app).get() == null) {
            // Juju runs a Kubernetes charm's pods as a service account named after the application.
            client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata().withName(app)
                    .withLabels(labels).endMetadata().build()).create();
        }
        if (client.apps().statefulSets().inNamespace(namespace).withName(app).get() == null) {
            client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder().withNewMetadata()
                    .withName(app).withLabels(labels).endMetadata().withNewSpec().withReplicas(units.size())
                    .withServiceName(app + "-endpoints").withNewSelector().withMatchLabels(Map.of(NAME, app)).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(Map.of(NAME, app)).endMetadata().withNewSpec()
                    .addNewContainer().withName("charm").withImage("simulated/jcharm-local").endContainer().endSpec()
                    .endTemplate().endSpec().build()).create();
        }
        for (String unit : units) {
            String pod = unit.replace('/', '-');
            if (client.pods().inNamespace(namespace).withName(pod).get() == null) {
                client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(pod)
                        .withLabels(Map.of(NAME, app, "apps.kubernetes.io/pod-index", unit.substring(unit.indexOf('/') + 1)))
                        .addToAnnotations("unit.juju.is/id", unit).endMetadata().withNewSpec().addNewContainer()
                        .withName("charm").withImage("simulated/jcharm-local").endContainer().endSpec().withNewStatus()
                        .withPhase("Running").withPodIP("127.0.0.1").endStatus().build()).create();
            }
        }
    }

    /** Juju removes what it created for the application; the charm's remove hook removes the rest. */
    void deleteApp(String app) {
        client.pods().inNamespace(namespace).withLabel(NAME, app).delete();
        client.apps().statefulSets().inNamespace(namespace).withLabel(NAME, app).withLabel(MANAGED_BY, "juju").delete();
        client.services().inNamespace(namespace).withLabel(NAME, app).withLabel(MANAGED_BY, "juju").delete();
        client.serviceAccounts().inNamespace(namespace).withLabel(NAME, app).withLabel(MANAGED_BY, "juju").delete();
    }

    /** A Service of the model's namespace, as JSON (for the workload stand-ins: its address and ports). */
    java.util.Optional<JsonNode> service(String name) {
        io.fabric8.kubernetes.api.model.Service s = client.services().inNamespace(namespace).withName(name).get();
        return s == null ? java.util.Optional.empty()
                : java.util.Optional.of(json.readTree(client.getKubernetesSerialization().asJson(s)));
    }

    /** Writes the hosts file hooks of this model's namespace resolve Services by ({@link ServiceAddresses}). */
    void writeHosts(Path file) {
        StateStore.writeAtomically(file, ServiceAddresses.hostsFile(objects(), namespace, ServiceAddresses.hostname())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Every stored object, as JSON. */
    List<JsonNode> objects() {
        List<JsonNode> out = new ArrayList<>();
        for (String s : dispatcher.objects()) {
            out.add(json.readTree(s));
        }
        out.sort(Comparator.comparing((JsonNode n) -> n.path("kind").asString(""))
                .thenComparing(n -> n.path("metadata").path("namespace").asString(""))
                .thenComparing(n -> n.path("metadata").path("name").asString("")));
        return out;
    }

    private void restore(List<JsonNode> saved) {
        Path file = dirs.modelJson();
        List<JsonNode> objects = new ArrayList<>(saved);
        // Definitions first (custom resources need them), then namespaces, then the rest.
        objects.sort(Comparator.comparingInt(KubeApi::restoreRank));
        for (JsonNode o : objects) {
            ObjectNode copy = (ObjectNode) o.deepCopy();
            ((ObjectNode) copy.path("metadata")).remove("resourceVersion");
            HasMetadata resource = client.getKubernetesSerialization().unmarshal(json.writeValueAsString(copy));
            try {
                if (resource instanceof GenericKubernetesResource g) {
                    client.genericKubernetesResources(g.getApiVersion(), g.getKind()).resource(g).create();
                } else {
                    client.resource(resource).create();
                }
            } catch (KubernetesClientException e) {
                throw new LocalModelException("cannot restore " + o.path("kind").asString("") + " "
                        + o.path("metadata").path("name").asString("") + " into the embedded Kubernetes API: " + e.getMessage(),
                        "the objects saved in " + file + " (key \"kubernetes\") are damaged; restore the file from a copy, or "
                                + "remove " + dirs.root() + " and deploy again", e);
            }
        }
    }

    private static int restoreRank(JsonNode o) {
        return switch (o.path("kind").asString("")) {
            case "CustomResourceDefinition" -> 0;
            case "Namespace" -> 1;
            default -> 2;
        };
    }

    private void writeKubeconfig(String app) {
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: jcharm-local
                  cluster:
                    server: %s
                contexts:
                - name: jcharm-local
                  context:
                    cluster: jcharm-local
                    user: jcharm-local
                    namespace: %s
                current-context: jcharm-local
                users:
                - name: jcharm-local
                  user:
                    token: %s
                """.formatted(url(), namespace, KubeAccess.token(app));
        StateStore.writeAtomically(dirs.kubeconfig(app), text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.destroy();
        }
    }
}
