package io.jcharm.charms.seldoncore;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jcharm.core.ActionContext;
import io.jcharm.core.InvalidConfigException;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.KubernetesApiException;
import io.jcharm.kubernetes.KubernetesConfigException;
import io.jcharm.kubernetes.Kubernetes;
import io.jcharm.kubernetes.ManagedResources;
import io.jcharm.kubernetes.Manifest;
import io.jcharm.kubernetes.ObjectRef;
import io.jcharm.kubernetes.ResourceLabels;
import io.jcharm.relations.GatewayInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The serve-model, list-models and remove-model actions: SeldonDeployments in the model's
 * namespace, applied one at a time as members of this application's resource set {@value #SET},
 * so that list and remove only ever touch what serve made, and the remove hook finds them all.
 * Apply mode, retries and the 403 rule are the Kubernetes library's.
 *
 * <pre>{@code
 * new ModelActions(model, Kubernetes.of(model)).run(action);
 * }</pre>
 */
final class ModelActions {
    static final String SET = "models";
    static final String API_VERSION = "machinelearning.seldon.io/v1";
    static final String KIND = "SeldonDeployment";
    private final Model model;
    private final Kubernetes kube;

    ModelActions(Model model, Kubernetes kube) {
        this.model = model;
        this.kube = kube;
    }

    /** Runs the named action; bad parameters and API refusals or failures fail the action with the reason. */
    void run(ActionContext action) {
        try {
            switch (action.name()) {
                case "serve-model" -> serve(action);
                case "list-models" -> list(action);
                case "remove-model" -> remove(action);
                default -> action.fail("unknown action " + action.name());
            }
        } catch (IllegalArgumentException | InvalidConfigException | KubernetesConfigException | KubernetesApiException e) {
            action.fail(e.getMessage());
        } catch (StatusException e) {
            action.fail(e.status().message());
        }
    }

    private void serve(ActionContext action) throws StatusException {
        // Bound like config: model-uri to modelUri, replicas defaulting to actions.yaml's 1.
        ServeRequest asked = action.params(ServeRequest.class);
        ServeRequest req = ServeRequest.of(asked.name(), asked.modelUri(), asked.server(), asked.replicas(),
                asked.secret(), asked.modelName());
        ManagedResources models = kube.resources(SET);
        requireCrd(models);
        String ns = kube.namespace();
        InstallScope scope = InstallScope.of(model.config(SeldonConfig.class));
        if (!scope.watchNamespace().isEmpty() && !scope.watchNamespace().equals(ns)) {
            throw new IllegalArgumentException("this install watches only namespace " + scope.watchNamespace()
                    + " (watch-namespace), and serve-model serves in the model's namespace " + ns
                    + "; deploy seldon-core in a model named " + scope.watchNamespace() + " or clear watch-namespace");
        }
        String protocol = ServerImages.defaults().primaryProtocol(req.server());
        Optional<GenericKubernetesResource> live = models.get(ref(req.name()));
        if (live.isPresent() && !models.labels().selects(live.get().getMetadata().getLabels())) {
            throw new IllegalArgumentException("SeldonDeployment " + req.name() + " already exists in " + ns
                    + " and was not served by " + model.app().name() + "; choose another name");
        }
        ModelSource source = new ModelSources(model).of(req, action);
        ObjectRef secretRef = StorageSecret.ref(req.name());
        Optional<GenericKubernetesResource> liveSecret = models.get(secretRef);
        if (liveSecret.isPresent() && !models.labels().selects(liveSecret.get().getMetadata().getLabels())) {
            throw new IllegalArgumentException("Secret " + secretRef.name() + " already exists in " + ns + " and was not"
                    + " made by " + model.app().name() + "; choose another name");
        }
        Optional<String> envSecret = Optional.empty();
        if (!source.env().isEmpty()) {
            models.applyOne(StorageSecret.of(req.name(), source.env()));
            envSecret = Optional.of(secretRef.name());
        } else if (liveSecret.isPresent()) {
            models.deleteOne(secretRef); // served before from a source that needed one
        }
        action.log("applying SeldonDeployment " + req.name() + " (" + req.server() + ", " + source.modelUri() + ")");
        GenericKubernetesResource sd = seldonDeployment(req, protocol, source.modelUri(), envSecret);
        // Where list-models finds the name Triton serves the model under.
        req.modelName().ifPresent(n -> sd.getMetadata().setAnnotations(Map.of(SeldonDeploymentView.MODEL_NAME, n)));
        if (!scope.controllerId().isEmpty()) {
            // The manager reconciles only SeldonDeployments carrying its CONTROLLER_ID.
            sd.getMetadata().setLabels(Map.of(InstallScope.LABEL, scope.controllerId()));
        }
        models.applyOne(sd);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("name", req.name());
        results.put("namespace", ns);
        results.put("server", req.server());
        results.put("protocol", protocol);
        results.put("replicas", req.replicas());
        results.put("model-uri", source.modelUri());
        results.put("endpoint", req.endpoint(ns, protocol, gateway()));
        results.put("result", live.isEmpty() ? "created" : "updated");
        if ("TRITON_SERVER".equals(req.server()) && req.modelName().isEmpty()) {
            results.put("note", "the endpoint assumes Triton's model repository names the model " + req.name()
                    + "; if the repository at " + source.modelUri() + " names it otherwise, serve again with"
                    + " model-name=<its directory>");
        }
        action.setResults(results);
    }

    private void list(ActionContext action) throws StatusException {
        String ns = kube.namespace();
        Optional<GatewayInfo> gw = gateway();
        Map<String, Object> models = new LinkedHashMap<>();
        List<GenericKubernetesResource> items = kube.resources(SET).list(API_VERSION, KIND);
        for (GenericKubernetesResource sd : items) {
            SeldonDeploymentView v = SeldonDeploymentView.of(sd);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("server", v.server());
            m.put("replicas", v.replicas());
            m.put("state", v.state());
            m.put("model-uri", v.modelUri());
            m.put("endpoint", new ServeRequest(v.name(), v.modelUri(), v.server(), v.replicas(), Optional.empty(),
                    v.modelName())
                    .endpoint(ns, v.protocol(), gw));
            models.put(v.name(), m);
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("count", items.size());
        if (!models.isEmpty()) {
            results.put("models", models);
        }
        action.setResults(results);
    }

    private void remove(ActionContext action) throws StatusException {
        String name = action.param("name").orElseThrow();
        String ns = kube.namespace();
        ManagedResources models = kube.resources(SET);
        Optional<GenericKubernetesResource> live = models.get(ref(name));
        if (live.isEmpty()) {
            throw new IllegalArgumentException("no SeldonDeployment " + name + " in " + ns
                    + "; list-models shows the ones " + model.app().name() + " serves");
        }
        if (!models.labels().selects(live.get().getMetadata().getLabels())) {
            throw new IllegalArgumentException("SeldonDeployment " + name + " in " + ns + " was not served by "
                    + model.app().name() + " (it lacks label " + ResourceLabels.CREATED_BY + "=" + model.app().name()
                    + "); delete it yourself: kubectl delete sdep " + name + " -n " + ns);
        }
        models.deleteOne(ref(name));
        action.log("deleted SeldonDeployment " + name);
        if (models.get(StorageSecret.ref(name)).filter(o -> models.labels().selects(o.getMetadata().getLabels()))
                .isPresent()) {
            models.deleteOne(StorageSecret.ref(name));
        }
        action.setResults(Map.of("removed", name, "namespace", ns));
    }

    /**
     * Deletes every SeldonDeployment this application served (the remove hook).
     *
     * @return what was deleted
     * @throws StatusException Blocked without trust
     */
    List<ObjectRef> removeAll() throws StatusException {
        // The stand-in names the kind even if the set's inventory were lost: remove lists it too.
        GenericKubernetesResource kind = new GenericKubernetesResource();
        kind.setApiVersion(API_VERSION);
        kind.setKind(KIND);
        GenericKubernetesResource secrets = new GenericKubernetesResource();
        secrets.setApiVersion("v1");
        secrets.setKind("Secret");
        return kube.resources(SET).remove(List.of(kind, secrets));
    }

    /** The SeldonDeployment; the library adds the set's labels and the model's namespace. */
    private static GenericKubernetesResource seldonDeployment(ServeRequest req, String protocol, String modelUri,
                                                              Optional<String> envSecret) {
        GenericKubernetesResource sd = Manifest.load(ModelActions.class, "seldon-deployment.yaml")
                .single(GenericKubernetesResource.class);
        sd.getMetadata().setName(req.name());
        Map<String, Object> spec = map(sd.getAdditionalProperties().get("spec"));
        spec.put("name", req.name());
        spec.put("protocol", protocol);
        Map<String, Object> predictor = map(((List<?>) spec.get("predictors")).get(0));
        predictor.put("name", ServeRequest.PREDICTOR);
        predictor.put("replicas", req.replicas());
        Map<String, Object> graph = map(predictor.get("graph"));
        graph.put("name", req.name());
        graph.put("implementation", req.server());
        graph.put("modelUri", modelUri);
        // The storage initializer takes its RCLONE_CONFIG_* variables from this Secret (envFrom).
        envSecret.ifPresent(n -> graph.put("envSecretRefName", n));
        return sd;
    }

    private void requireCrd(ManagedResources models) throws StatusException {
        if (models.get(new ObjectRef("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", OperatorObjects.CRD)).isEmpty()) {
            throw new IllegalArgumentException("the SeldonDeployment CRD is not installed yet: wait until "
                    + model.app().name() + " is active (its leader installs it)");
        }
    }

    private Optional<GatewayInfo> gateway() {
        try {
            return Publishers.gateway(model);
        } catch (StatusException e) {
            return Optional.empty(); // no usable gateway yet: the in-cluster address still works
        }
    }

    private static ObjectRef ref(String name) {
        return new ObjectRef(API_VERSION, KIND, "", name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
