package io.jcharm.charms.seldoncore;

import io.jcharm.core.ActionContext;
import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.Container;
import io.jcharm.core.Gates;
import io.jcharm.core.Model;
import io.jcharm.core.PebbleLayerComponent;
import io.jcharm.core.Status;
import io.jcharm.kubernetes.ApplyResult;
import io.jcharm.kubernetes.ExposedPort;
import io.jcharm.kubernetes.KubeOptions;
import io.jcharm.kubernetes.Kubernetes;
import io.jcharm.kubernetes.certs.CertFilesComponent;
import io.jcharm.kubernetes.certs.CertLayout;
import io.jcharm.kubernetes.certs.WebhookCerts;
import io.jcharm.kubernetes.certs.WebhookCertsComponent;
import io.jcharm.relations.GatewayInfo;
import java.util.List;
import java.util.Optional;

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
    /** The resource set of the operator's objects (RBAC, the webhook's Service, seldon-config). */
    static final String OPERATOR_SET = "operator";
    /** The SeldonDeployment CRD's set. */
    static final String CRD_SET = "crd";
    /** The ValidatingWebhookConfiguration's set, applied once the manager serves. */
    static final String WEBHOOK_SET = "webhook";
    private final KubeOptions options;

    public SeldonCoreCharm() {
        this(KubeOptions.DEFAULT);
    }

    /** For tests: other Kubernetes options (short timeouts). */
    SeldonCoreCharm(KubeOptions options) {
        this.options = options;
    }

    @Override
    public Components components(Model model) {
        Kubernetes kube = Kubernetes.of(model, options);
        Component<SeldonConfig> config = Component.config(SeldonConfig.class);
        Component<Void> leader = Gates.leader();
        // Every unit needs the certificates; only the leader makes them.
        Component<WebhookCerts> certs = new WebhookCertsComponent(OperatorObjects.WEBHOOK_CA, OperatorObjects.WEBHOOK_SERVICE);
        Component<Optional<GatewayInfo>> gateway = Component.providing(Publishers.GATEWAY_INFO, Publishers::gateway);
        Component<Container> container = Gates.container(CONTAINER);
        Component<Void> certFiles = new CertFilesComponent(certs, container, CertLayout.CONTROLLER_RUNTIME, ManagerLayer.SERVICE);
        String app = model.app().name();
        // Installs sharing the cluster must not handle each other's SeldonDeployments: checked on
        // every unit, since every unit runs a manager.
        Component<Void> isolation = Component.of("isolation", config, (m, cfg) -> Installs.check(m, kube, cfg));
        // The CRD holds every install's and user's SeldonDeployments: deleted only with purge-on-remove
        // and when nothing else uses it.
        Component<Void> storedVersions = Component.of("crd-versions", m -> OperatorObjects.checkStoredVersions(m, kube))
                .after(leader);
        Component<ApplyResult> crd = kube.component("crd", CRD_SET, OperatorObjects::crd)
                .removeOnlyIf(() -> Installs.mayDeleteCrd(model, kube)).after(leader, isolation, storedVersions);
        // Not started while gateway-info waits: the manager would run without Istio, then restart.
        Component<Void> manager = PebbleLayerComponent.of(CONTAINER, CONTAINER, config, gateway,
                (m, cfg, gw) -> ManagerLayer.layer(cfg, m.name(), gw)).after(certFiles, isolation);
        return Components.of(
                config,
                leader,
                certs,
                gateway,
                isolation,
                storedVersions,
                crd,
                kube.componentIn("kubernetes", OPERATOR_SET, config, (ns, cfg) -> OperatorObjects.desired(cfg, app, ns))
                        .after(crd),
                kube.servicePorts("service", config, cfg -> List.of(
                        ExposedPort.tcp("metrics-port", cfg.metricsPort()),
                        ExposedPort.tcp("webhook-port", cfg.webhookPort()))).after(leader),
                container,
                certFiles,
                manager,
                // failurePolicy Fail: a webhook nobody serves would refuse every SeldonDeployment it selects.
                kube.componentIn("webhook", WEBHOOK_SET, config, certs,
                        (ns, cfg, c) -> List.of(OperatorObjects.webhookConfiguration(cfg, ns, c))).after(leader, manager),
                Component.of(Publishers.METRICS_ENDPOINT, config, (m, cfg) -> Publishers.metrics(m, cfg.metricsPort())));
    }

    @Override
    public void onAction(ActionContext action, Model model) {
        try (Kubernetes kube = Kubernetes.of(model, options)) {
            new ModelActions(model, kube).run(action);
        }
    }

    /**
     * When the application goes (not when one unit of several does), the leader deletes the
     * models it served, then the operator's objects (the CRD only with purge-on-remove and when
     * no other install or SeldonDeployment uses it), then the manager's leader-election lock.
     */
    @Override
    public void onRemove(Model model) {
        if (!model.app().isGoing("Seldon's objects")) {
            return;
        }
        model.unit().setStatus(Status.maintenance("removing served models and Seldon's Kubernetes objects"));
        try (Kubernetes kube = Kubernetes.of(model, options)) {
            Teardown.models(model, kube);
            Charm.super.onRemove(model);
            Teardown.leaderElection(model, kube);
        }
    }
}
