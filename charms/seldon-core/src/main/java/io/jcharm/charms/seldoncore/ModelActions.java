package io.jcharm.charms.seldoncore;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jcharm.core.ActionContext;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.ApplyMode;
import io.jcharm.kubernetes.KubernetesConfigException;
import io.jcharm.kubernetes.Kubernetes;
import io.jcharm.kubernetes.Manifest;
import io.jcharm.kubernetes.ResourceLabels;
import io.jcharm.relations.GatewayInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The serve-model, list-models and remove-model actions: SeldonDeployments in the model's
 * namespace, labelled as this application's resource set {@value #SET}, so that list and
 * remove only ever touch what serve made.
 *
 * <pre>{@code
 * new ModelActions(model, Kubernetes.of(model)).run(action);
 * }</pre>
 */
final class ModelActions {
    static final String SET = "models";
    static final ResourceDefinitionContext SELDON_DEPLOYMENT = new ResourceDefinitionContext.Builder()
            .withGroup("machinelearning.seldon.io").withVersion("v1").withKind("SeldonDeployment")
            .withPlural("seldondeployments").withNamespaced(true).build();
    private final Model model;
    private final Kubernetes kube;

    ModelActions(Model model, Kubernetes kube) {
        this.model = model;
        this.kube = kube;
    }

    /** Runs the named action; bad parameters and API refusals fail the action with the reason. */
    void run(ActionContext action) {
        try {
            switch (action.name()) {
                case "serve-model" -> serve(action);
                case "list-models" -> list(action);
                case "remove-model" -> remove(action);
                default -> action.fail("unknown action " + action.name());
            }
        } catch (IllegalArgumentException | KubernetesConfigException e) {
            action.fail(e.getMessage());
        } catch (KubernetesClientException e) {
            action.fail(explain(action.name(), e));
        }
    }

    private void serve(ActionContext action) {
        ServeRequest req = ServeRequest.of(action.param("name").orElseThrow(), action.param("model-uri").orElseThrow(),
                action.param("server").orElseThrow(), Integer.parseInt(action.param("replicas").orElse("1")));
        requireCrd();
        String ns = kube.namespace();
        String protocol = ServerImages.defaults().primaryProtocol(req.server());
        GenericKubernetesResource wanted = seldonDeployment(req, ns, protocol);
        GenericKubernetesResource live = models(ns).withName(req.name()).get();
        if (live != null && !ours(live)) {
            throw new IllegalArgumentException("SeldonDeployment " + req.name() + " already exists in " + ns
                    + " and was not served by " + model.app().name() + "; choose another name");
        }
        action.log("applying SeldonDeployment " + req.name() + " (" + req.server() + ", " + req.modelUri() + ")");
        if (kube.applyMode() == ApplyMode.SERVER_SIDE) {
            models(ns).resource(wanted).fieldManager(model.app().name()).forceConflicts().serverSideApply();
        } else if (live == null) {
            models(ns).resource(wanted).create();
        } else {
            live.getMetadata().setLabels(wanted.getMetadata().getLabels());
            live.setAdditionalProperty("spec", wanted.getAdditionalProperties().get("spec"));
            models(ns).resource(live).update();
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("name", req.name());
        results.put("namespace", ns);
        results.put("server", req.server());
        results.put("protocol", protocol);
        results.put("replicas", req.replicas());
        results.put("endpoint", req.endpoint(ns, protocol, gateway()));
        results.put("result", live == null ? "created" : "updated");
        action.setResults(results);
    }

    private void list(ActionContext action) {
        String ns = kube.namespace();
        Optional<GatewayInfo> gw = gateway();
        Map<String, Object> models = new LinkedHashMap<>();
        List<GenericKubernetesResource> items = models(ns).withLabels(labels().selector()).list().getItems();
        for (GenericKubernetesResource sd : items) {
            SeldonDeploymentView v = SeldonDeploymentView.of(sd);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("server", v.server());
            m.put("replicas", v.replicas());
            m.put("state", v.state());
            m.put("model-uri", v.modelUri());
            m.put("endpoint", new ServeRequest(v.name(), v.modelUri(), v.server(), v.replicas())
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

    private void remove(ActionContext action) {
        String name = action.param("name").orElseThrow();
        String ns = kube.namespace();
        GenericKubernetesResource live = models(ns).withName(name).get();
        if (live == null) {
            throw new IllegalArgumentException("no SeldonDeployment " + name + " in " + ns
                    + "; list-models shows the ones " + model.app().name() + " serves");
        }
        if (!ours(live)) {
            throw new IllegalArgumentException("SeldonDeployment " + name + " in " + ns + " was not served by "
                    + model.app().name() + " (it lacks label " + ResourceLabels.CREATED_BY + "=" + model.app().name()
                    + "); delete it yourself: kubectl delete sdep " + name + " -n " + ns);
        }
        models(ns).withName(name).delete();
        action.log("deleted SeldonDeployment " + name);
        action.setResults(Map.of("removed", name, "namespace", ns));
    }

    /** Deletes every SeldonDeployment this application served (the remove hook); returns how many. */
    int removeAll() {
        String ns = kube.namespace();
        List<GenericKubernetesResource> items = models(ns).withLabels(labels().selector()).list().getItems();
        for (GenericKubernetesResource sd : items) {
            models(ns).withName(sd.getMetadata().getName()).delete();
        }
        return items.size();
    }

    private GenericKubernetesResource seldonDeployment(ServeRequest req, String ns, String protocol) {
        GenericKubernetesResource sd = Manifest.load(ModelActions.class, "seldon-deployment.yaml")
                .single(GenericKubernetesResource.class);
        sd.getMetadata().setName(req.name());
        sd.getMetadata().setNamespace(ns);
        sd.getMetadata().setLabels(labels().all());
        Map<String, Object> spec = map(sd.getAdditionalProperties().get("spec"));
        spec.put("name", req.name());
        spec.put("protocol", protocol);
        Map<String, Object> predictor = map(((List<?>) spec.get("predictors")).get(0));
        predictor.put("name", ServeRequest.PREDICTOR);
        predictor.put("replicas", req.replicas());
        Map<String, Object> graph = map(predictor.get("graph"));
        graph.put("name", req.name());
        graph.put("implementation", req.server());
        graph.put("modelUri", req.modelUri());
        return sd;
    }

    private void requireCrd() {
        if (kube.client().apiextensions().v1().customResourceDefinitions().withName(OperatorObjects.CRD).get() == null) {
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

    private ResourceLabels labels() {
        return new ResourceLabels(model.app().name(), model.name(), SET);
    }

    private boolean ours(GenericKubernetesResource sd) {
        Map<String, String> l = sd.getMetadata().getLabels();
        return l != null && l.entrySet().containsAll(labels().selector().entrySet());
    }

    private NonNamespaceOperation<GenericKubernetesResource, io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> models(String ns) {
        return kube.client().genericKubernetesResources(SELDON_DEPLOYMENT).inNamespace(ns);
    }

    private static String explain(String action, KubernetesClientException e) {
        String detail = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : String.valueOf(e.getMessage());
        if (e.getCode() == 403) {
            return "Kubernetes API refused " + action + " (" + detail + "): deploy with --trust";
        }
        return action + ": the Kubernetes API answered " + (e.getCode() > 0 ? e.getCode() + " " : "") + detail;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
