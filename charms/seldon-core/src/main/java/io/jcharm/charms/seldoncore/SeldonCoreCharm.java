package io.jcharm.charms.seldoncore;

import io.jcharm.core.ActionContext;
import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Gates;
import io.jcharm.core.Model;
import io.jcharm.core.PebbleLayerComponent;
import io.jcharm.core.Status;
import io.jcharm.kubernetes.ExposedPort;
import io.jcharm.kubernetes.KubeOptions;
import io.jcharm.kubernetes.Kubernetes;
import java.util.List;
import java.util.Set;

/**
 * Seldon Core model serving: runs the 1.17 manager under Pebble with certificates from a Juju
 * secret; the leader keeps the SeldonDeployment CRD, RBAC, validating webhook and seldon-config;
 * Istio routing follows the gateway-info relation; actions serve, list and remove models.
 *
 * <pre>{@code
 * juju deploy ./seldon-core_ubuntu-24.04-amd64.charm --trust --resource oci-image=docker.io/seldonio/seldon-core-operator:1.17.1
 * juju integrate seldon-core:gateway-info istio:gateway-info
 * juju run seldon-core/leader serve-model name=iris model-uri=gs://seldon-models/v1.17.1/sklearn/iris server=SKLEARN_SERVER
 * }</pre>
 */
public final class SeldonCoreCharm implements Charm {
    static final String CONTAINER = "seldon-core";
    /** The resource set of the operator's objects (CRD, RBAC, webhook, seldon-config). */
    static final String OPERATOR_SET = "operator";
    private final KubeOptions options;

    public SeldonCoreCharm() {
        this(KubeOptions.DEFAULT);
    }

    /** For tests: other Kubernetes options (short timeouts). */
    SeldonCoreCharm(KubeOptions options) {
        this.options = options;
    }

    @Override
    public List<Component> components(Model model) {
        HookFacts facts = new HookFacts();
        Kubernetes kube = Kubernetes.of(model, options);
        return List.of(
                Component.of("config", m -> m.config(SeldonConfig.class)),
                Gates.leader(),
                // Every unit needs the certificates; only the leader makes them.
                new WebhookCertsComponent(facts),
                Component.of(Publishers.GATEWAY_INFO, m -> facts.gateway = Publishers.gateway(m)),
                // On remove the certificates are not read (no reconcile runs): the set's inventory
                // lists its kinds, so nothing needs to be built then.
                kube.componentIn("kubernetes", OPERATOR_SET, ns -> facts.certs == null ? List.of()
                        : OperatorObjects.desired(config(model), model.app().name(), ns, facts.certs))
                        .dependingOn("leader", "config", "certs"),
                kube.servicePorts("service", () -> List.of(
                        ExposedPort.tcp("metrics-port", config(model).metricsPort()),
                        ExposedPort.tcp("webhook-port", config(model).webhookPort()))).dependingOn("leader", "config"),
                Gates.container(CONTAINER),
                new CertFilesComponent(facts),
                // Not started while gateway-info waits: the manager would run without Istio, then restart.
                new PebbleLayerComponent(CONTAINER, CONTAINER,
                        m -> ManagerLayer.layer(config(m), m.name(), facts.gateway), m -> m.container(CONTAINER))
                        .dependingOn("config", Publishers.GATEWAY_INFO, "cert-files"),
                Component.of(Publishers.METRICS_ENDPOINT, Set.of("config"),
                        m -> Publishers.metrics(m, config(m).metricsPort())));
    }

    @Override
    public void onAction(ActionContext action, Model model) {
        try (Kubernetes kube = Kubernetes.of(model, options)) {
            new ModelActions(model, kube).run(action);
        }
    }

    /**
     * When the application goes (not when one unit of several does), the leader deletes the
     * models it served, then the operator's objects (CRD last, which takes any other
     * SeldonDeployment with it), then the manager's leader-election lock.
     */
    @Override
    public void onRemove(Model model) {
        if (!model.isLeader()) {
            model.log().info("not the leader: the leader removes Seldon's objects when the application goes");
            return;
        }
        int remaining = model.app().plannedUnits();
        if (remaining > 0) {
            model.log().info(remaining + " unit(s) of " + model.app().name() + " remain: Seldon's objects stay");
            return;
        }
        model.unit().setStatus(Status.maintenance("removing served models and Seldon's Kubernetes objects"));
        try (Kubernetes kube = Kubernetes.of(model, options)) {
            Teardown.models(model, kube);
            Charm.super.onRemove(model);
            Teardown.leaderElection(model, kube);
        }
    }

    private static SeldonConfig config(Model model) {
        return model.config(SeldonConfig.class);
    }
}
