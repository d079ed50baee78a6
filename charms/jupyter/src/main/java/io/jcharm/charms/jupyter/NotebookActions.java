package io.jcharm.charms.jupyter;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jcharm.core.ActionContext;
import io.jcharm.core.InvalidConfigException;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.KubernetesConfigException;
import io.jcharm.kubernetes.Kubernetes;
import io.jcharm.relations.GatewayInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The create-notebook, list-notebooks, stop-notebook and delete-notebook actions, on Notebooks
 * in the notebooks' namespace (whoever made them: the spawner or this action). Bad parameters,
 * a missing CRD and API refusals fail the action with the reason.
 *
 * <pre>{@code
 * new NotebookActions(model, Kubernetes.of(model)).run(action);
 * }</pre>
 */
final class NotebookActions {
    private final Model model;
    private final Kubernetes kube;

    NotebookActions(Model model, Kubernetes kube) {
        this.model = model;
        this.kube = kube;
    }

    void run(ActionContext action) {
        try {
            JupyterConfig cfg = model.config(JupyterConfig.class);
            String ns = cfg.notebookNamespace(model.name());
            switch (action.name()) {
                case "create-notebook" -> create(action, cfg, ns);
                case "list-notebooks" -> list(action, ns);
                case "stop-notebook" -> stop(action, ns);
                case "delete-notebook" -> delete(action, ns);
                default -> action.fail("action " + action.name() + " is declared but not implemented by this charm");
            }
        } catch (IllegalArgumentException | KubernetesConfigException e) {
            action.fail(e.getMessage());
        } catch (InvalidConfigException e) {
            action.fail("the charm's config is invalid (" + e.getMessage() + "); fix it first");
        } catch (KubernetesClientException e) {
            action.fail("the Kubernetes API refused: " + e.getCode() + " " + Optional.ofNullable(e.getStatus())
                    .map(s -> s.getMessage()).orElse(e.getMessage()));
        }
    }

    private void create(ActionContext action, JupyterConfig cfg, String ns) {
        SpawnerOptions spawner = cfg.spawner();
        String image = action.param("image").filter(s -> !s.isEmpty()).orElseGet(() -> spawner.jupyterImages().stream()
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no image given and jupyter-images is empty")));
        int gpu = ((Number) action.params().getOrDefault("gpu", 0)).intValue();
        NotebookRequest r = NotebookRequest.of(action.param("name").orElse(""), image,
                action.param("cpu").orElse("0.5"), action.param("memory").orElse("1Gi"), gpu,
                action.param("workspace-size").orElse("5Gi"));
        KubernetesClient client = kube.client();
        requireCrd(client);
        if (client.genericKubernetesResources(Notebooks.CONTEXT).inNamespace(ns).withName(r.name()).get() != null) {
            throw new IllegalArgumentException("notebook " + r.name() + " already exists in " + ns
                    + "; choose another name or delete-notebook it first");
        }
        Optional<String> gpuKey = Optional.empty();
        if (r.gpu() > 0) {
            gpuKey = Optional.of(gpuKey(spawner));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        spawner.defaultPodDefaults().forEach(l -> labels.put(l, "true"));
        String app = model.app().name();
        if (!r.workspaceSize().isEmpty()) {
            if (client.persistentVolumeClaims().inNamespace(ns).withName(r.workspaceClaim()).get() == null) {
                client.persistentVolumeClaims().inNamespace(ns).resource(Notebooks.workspace(r, ns, app)).create();
                action.log("created workspace volume " + r.workspaceClaim() + " (" + r.workspaceSize() + ")");
            } else {
                action.log("reusing the existing workspace volume " + r.workspaceClaim());
            }
        }
        client.genericKubernetesResources(Notebooks.CONTEXT).inNamespace(ns)
                .resource(Notebooks.notebook(r, ns, labels, gpuKey, app)).create();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("name", r.name());
        results.put("namespace", ns);
        results.put("image", r.image());
        results.put("poddefaults", String.join(",", spawner.defaultPodDefaults()));
        results.putAll(where(client, ns, r.name(), cfg));
        action.setResults(results);
    }

    private static String gpuKey(SpawnerOptions spawner) {
        if (!spawner.gpuVendorDefault().isEmpty()) {
            return spawner.gpuVendorDefault();
        }
        return spawner.gpuVendors().stream().map(v -> String.valueOf(((Map<?, ?>) v).get("limitsKey"))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("gpu asked for but gpu-vendors lists no vendor"));
    }

    /** The notebook's path, the gateway and, when the gateway's Service has an external address, the URL. */
    private Map<String, Object> where(KubernetesClient client, String ns, String name, JupyterConfig cfg) {
        Map<String, Object> m = new LinkedHashMap<>();
        String path = Notebooks.urlPath(ns, name);
        m.put("url-path", path);
        Optional<GatewayInfo> gw = gateway();
        if (gw.isEmpty() || !cfg.useIstio()) {
            m.put("note", "no gateway (relate gateway-info): reach it with kubectl port-forward -n " + ns + " svc/" + name
                    + " 8888:80, then http://localhost:8888" + path);
            return m;
        }
        m.put("gateway", gw.get().qualifiedName());
        address(client, gw.get().namespace()).ifPresent(a -> m.put("url", "http://" + a + path));
        return m;
    }

    /** The external address of the gateway's Service (labelled istio=ingressgateway), if it has one. */
    private static Optional<String> address(KubernetesClient client, String gatewayNamespace) {
        for (Service s : client.services().inNamespace(gatewayNamespace).withLabel("istio", "ingressgateway").list().getItems()) {
            if (s.getStatus() == null || s.getStatus().getLoadBalancer() == null) {
                continue;
            }
            List<LoadBalancerIngress> ingress = s.getStatus().getLoadBalancer().getIngress();
            if (ingress != null && !ingress.isEmpty()) {
                LoadBalancerIngress i = ingress.get(0);
                return Optional.ofNullable(i.getIp() != null ? i.getIp() : i.getHostname());
            }
        }
        return Optional.empty();
    }

    private void list(ActionContext action, String ns) {
        KubernetesClient client = kube.client();
        requireCrd(client);
        List<GenericKubernetesResource> items = client.genericKubernetesResources(Notebooks.CONTEXT).inNamespace(ns)
                .list().getItems();
        Map<String, Object> notebooks = new LinkedHashMap<>();
        for (GenericKubernetesResource nb : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", Notebooks.image(nb));
            m.put("state", Notebooks.state(nb));
            m.put("url-path", Notebooks.urlPath(ns, nb.getMetadata().getName()));
            notebooks.put(nb.getMetadata().getName(), m);
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("namespace", ns);
        results.put("count", items.size());
        if (!notebooks.isEmpty()) {
            results.put("notebooks", notebooks);
        }
        action.setResults(results);
    }

    private void stop(ActionContext action, String ns) {
        KubernetesClient client = kube.client();
        GenericKubernetesResource nb = existing(client, ns, action.param("name").orElse(""));
        Map<String, String> annotations = nb.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey(Notebooks.STOPPED)) {
            action.setResults(Map.of("name", nb.getMetadata().getName(), "result", "already stopped"));
            return;
        }
        // What the spawner's stop button does: the annotation, with the time (RFC 3339).
        client.genericKubernetesResources(Notebooks.CONTEXT).inNamespace(ns).withName(nb.getMetadata().getName())
                .edit(n -> {
                    n.getMetadata().getAnnotations().put(Notebooks.STOPPED, Instant.now().toString());
                    return n;
                });
        action.setResults(Map.of("name", nb.getMetadata().getName(), "result", "stopped"));
    }

    private void delete(ActionContext action, String ns) {
        KubernetesClient client = kube.client();
        GenericKubernetesResource nb = existing(client, ns, action.param("name").orElse(""));
        String name = nb.getMetadata().getName();
        List<String> claims = Notebooks.claims(nb);
        boolean force = Boolean.TRUE.equals(action.params().get("force"));
        if (!claims.isEmpty() && !force) {
            throw new IllegalArgumentException("notebook " + name + " has volume(s) " + String.join(", ", claims)
                    + "; run again with force=true to delete the notebook and its volumes (their data is lost),"
                    + " or stop-notebook to keep them");
        }
        client.genericKubernetesResources(Notebooks.CONTEXT).inNamespace(ns).withName(name).delete();
        for (String claim : claims) {
            client.persistentVolumeClaims().inNamespace(ns).withName(claim).delete();
            action.log("deleted volume " + claim);
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("deleted", name);
        results.put("namespace", ns);
        if (!claims.isEmpty()) {
            results.put("volumes", String.join(",", claims));
        }
        action.setResults(results);
    }

    private GenericKubernetesResource existing(KubernetesClient client, String ns, String name) {
        requireCrd(client);
        GenericKubernetesResource nb = name.isEmpty() ? null
                : client.genericKubernetesResources(Notebooks.CONTEXT).inNamespace(ns).withName(name).get();
        if (nb == null) {
            throw new IllegalArgumentException("no notebook \"" + name + "\" in " + ns + "; list-notebooks shows them");
        }
        return nb;
    }

    private void requireCrd(KubernetesClient client) {
        if (client.apiextensions().v1().customResourceDefinitions().withName(PlatformObjects.NOTEBOOK_CRD).get() == null) {
            throw new IllegalArgumentException("the Notebook CRD is not installed yet: wait until " + model.app().name()
                    + " is active (its leader installs it)");
        }
    }

    private Optional<GatewayInfo> gateway() {
        try {
            return Publishers.gateway(model);
        } catch (StatusException e) {
            return Optional.empty();
        }
    }
}
