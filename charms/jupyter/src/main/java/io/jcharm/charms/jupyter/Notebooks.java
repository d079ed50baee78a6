package io.jcharm.charms.jupyter;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Notebook objects as the spawner makes them (kubeflow/kubeflow v1.10.0 crud-web-apps/jupyter
 * backend: notebook_template.yaml and routes/post.py; the controller's stop annotation and
 * URL prefix from notebook_controller.go), and what the actions read back from them.
 *
 * <pre>{@code
 * GenericKubernetesResource nb = Notebooks.notebook(request, "kubeflow", Map.of("access-mlflow", "true"), "nvidia.com/gpu");
 * Notebooks.urlPath("kubeflow", "scratch");  // "/notebook/kubeflow/scratch/"
 * }</pre>
 */
final class Notebooks {
    static final String API_VERSION = "kubeflow.org/v1";
    static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup("kubeflow.org").withVersion("v1").withKind("Notebook").withPlural("notebooks")
            .withNamespaced(true).build();
    /** Set (to a timestamp) to stop a notebook: the controller scales its StatefulSet to 0. */
    static final String STOPPED = "kubeflow-resource-stopped";
    static final String HOME = "/home/jovyan";
    static final String CREATED_BY = "app.juju.is/created-by";

    private Notebooks() {
    }

    /** Where the controller's VirtualService routes the notebook on the gateway. */
    static String urlPath(String namespace, String name) {
        return "/notebook/" + namespace + "/" + name + "/";
    }

    /** The Notebook; {@code gpuKey} is the vendor's resource when GPUs are asked for. */
    static GenericKubernetesResource notebook(NotebookRequest r, String namespace, Map<String, String> labels,
                                              Optional<String> gpuKey, String app) {
        Map<String, String> meta = new LinkedHashMap<>(labels);
        meta.put("app", r.name());
        meta.put(CREATED_BY, app);
        GenericKubernetesResource nb = new GenericKubernetesResource();
        nb.setApiVersion(API_VERSION);
        nb.setKind("Notebook");
        nb.setMetadata(new ObjectMetaBuilder().withName(r.name()).withNamespace(namespace).withLabels(meta)
                .withAnnotations(Map.of("notebooks.kubeflow.org/server-type", "jupyter",
                        "notebooks.kubeflow.org/creator", app)).build());
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("cpu", r.cpu());
        requests.put("memory", r.memory());
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("cpu", r.cpuLimit());
        limits.put("memory", r.memoryLimit());
        gpuKey.ifPresent(k -> limits.put(k, r.gpu()));
        List<Object> mounts = new ArrayList<>();
        List<Object> volumes = new ArrayList<>();
        // The spawner's shm option (on by default): a memory-backed /dev/shm for PyTorch's data loaders.
        volumes.add(Map.of("name", "dshm", "emptyDir", Map.of("medium", "Memory")));
        mounts.add(Map.of("name", "dshm", "mountPath", "/dev/shm"));
        if (!r.workspaceSize().isEmpty()) {
            volumes.add(Map.of("name", r.workspaceClaim(), "persistentVolumeClaim", Map.of("claimName", r.workspaceClaim())));
            mounts.add(Map.of("name", r.workspaceClaim(), "mountPath", HOME));
        }
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", r.name());
        container.put("image", r.image());
        container.put("imagePullPolicy", "IfNotPresent");
        container.put("resources", Map.of("requests", requests, "limits", limits));
        container.put("volumeMounts", mounts);
        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("serviceAccountName", PlatformObjects.NOTEBOOK_SERVICE_ACCOUNT);
        podSpec.put("containers", List.of(container));
        podSpec.put("volumes", volumes);
        nb.setAdditionalProperty("spec", Map.of("template", Map.of("spec", podSpec)));
        return nb;
    }

    /** The workspace volume's claim, as the spawner makes it (ReadWriteOnce, default storage class). */
    static PersistentVolumeClaim workspace(NotebookRequest r, String namespace, String app) {
        return new PersistentVolumeClaimBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(r.workspaceClaim()).withNamespace(namespace)
                        .withLabels(Map.of(CREATED_BY, app)).build())
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().withRequests(Map.of("storage", new Quantity(r.workspaceSize()))).endResources()
                .endSpec().build();
    }

    /** The claims of the notebook's persistent volumes (its workspace and data volumes). */
    static List<String> claims(GenericKubernetesResource nb) {
        List<String> out = new ArrayList<>();
        for (Object v : list(path(nb, "spec", "template", "spec").get("volumes"))) {
            Object pvc = map(v).get("persistentVolumeClaim");
            if (pvc != null && map(pvc).get("claimName") != null) {
                out.add(String.valueOf(map(pvc).get("claimName")));
            }
        }
        return out;
    }

    /** The first container's image. */
    static String image(GenericKubernetesResource nb) {
        List<Object> containers = list(path(nb, "spec", "template", "spec").get("containers"));
        return containers.isEmpty() ? "" : String.valueOf(map(containers.get(0)).getOrDefault("image", ""));
    }

    /** stopped, ready (the controller reports a ready replica) or starting. */
    static String state(GenericKubernetesResource nb) {
        Map<String, String> annotations = nb.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey(STOPPED)) {
            return "stopped";
        }
        Object ready = map(nb.getAdditionalProperties().get("status")).get("readyReplicas");
        return ready instanceof Number n && n.intValue() > 0 ? "ready" : "starting";
    }

    private static Map<String, Object> path(GenericKubernetesResource nb, String first, String... rest) {
        Map<String, Object> m = map(nb.getAdditionalProperties().get(first));
        for (String k : rest) {
            m = map(m.get(k));
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
