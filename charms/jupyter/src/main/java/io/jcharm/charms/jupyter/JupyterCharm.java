package io.jcharm.charms.jupyter;

import io.jcharm.core.ActionContext;
import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.Container;
import io.jcharm.core.Gates;
import io.jcharm.core.Model;
import io.jcharm.core.PebbleLayerComponent;
import io.jcharm.core.Status;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.ApplyResult;
import io.jcharm.kubernetes.ExposedPort;
import io.jcharm.kubernetes.KubeOptions;
import io.jcharm.kubernetes.Kubernetes;
import io.jcharm.kubernetes.certs.CertFilesComponent;
import io.jcharm.kubernetes.certs.WebhookCerts;
import io.jcharm.kubernetes.certs.WebhookCertsComponent;
import io.jcharm.relations.GatewayInfo;
import java.util.List;
import java.util.Optional;

/**
 * Kubeflow notebooks in one charm: the notebook controller, the Jupyter web app and the
 * PodDefault webhook under Pebble (its certificate from an application-owned Juju secret); the
 * leader keeps the CRDs, RBAC and webhook, and the PodDefaults that give notebooks MLflow, S3
 * and Pipelines access from the relations; notebooks are routed on the gateway-info gateway.
 *
 * <pre>{@code
 * juju deploy ./jupyter_ubuntu-24.04-amd64.charm --trust \
 *     --resource notebook-controller-image=docker.io/kubeflownotebookswg/notebook-controller:v1.10.0 \
 *     --resource jupyter-web-app-image=docker.io/kubeflownotebookswg/jupyter-web-app:v1.10.0 \
 *     --resource poddefaults-webhook-image=docker.io/kubeflownotebookswg/poddefaults-webhook:v1.10.0
 * juju integrate jupyter:gateway-info istio:gateway-info
 * juju run jupyter/leader create-notebook name=scratch
 * }</pre>
 */
public final class JupyterCharm implements Charm {
    /** The resource set of the CRDs, RBAC and webhook. */
    static final String PLATFORM_SET = "platform";
    /** The resource set of the PodDefaults and the S3 Secret. */
    static final String ACCESS_SET = "notebook-access";
    private final KubeOptions options;

    public JupyterCharm() {
        this(KubeOptions.DEFAULT);
    }

    /** For tests: other Kubernetes options (short timeouts). */
    JupyterCharm(KubeOptions options) {
        this.options = options;
    }

    @Override
    public Components components(Model model) {
        Kubernetes kube = Kubernetes.of(model, options);
        String app = model.app().name();
        Component<JupyterConfig> config = Component.config(JupyterConfig.class);
        Component<Void> leader = Gates.leader();
        Component<WebhookCerts> certs = new WebhookCertsComponent(PlatformObjects.WEBHOOK_CA, PlatformObjects.webhookService(app));
        Component<Optional<GatewayInfo>> gateway = Component.providing(Publishers.GATEWAY_INFO, Publishers::gateway);
        Component<NotebookAccess> access = Component.providing("notebook-access-relations", Publishers::access);
        Component<ApplyResult> platform = kube.componentIn("kubernetes", PLATFORM_SET, config, certs,
                (ns, cfg, c) -> PlatformObjects.desired(app, ns, existing(kube, cfg.notebookNamespace(ns), ns),
                        cfg.webhookPort(), c)).after(leader);
        Component<Container> ui = Gates.container(Layers.UI);
        Component<Container> webhook = Gates.container(Layers.WEBHOOK);
        Component<Void> spawner = new SpawnerFileComponent(config, ui);
        Component<Void> certFiles = new CertFilesComponent(certs, webhook, Layers.WEBHOOK_CERTS, Layers.WEBHOOK);
        return Components.of(
                config,
                leader,
                certs,
                gateway,
                access,
                platform,
                kube.componentIn(ACCESS_SET, ACCESS_SET, config, access,
                        (ns, cfg, a) -> AccessObjects.desired(app, cfg.notebookNamespace(ns), a)).after(platform),
                kube.servicePorts("service", config, cfg -> List.of(
                        ExposedPort.tcp("http", cfg.port()), ExposedPort.tcp("metrics", Layers.METRICS_PORT))).after(leader),
                // Not started while gateway-info waits: the controller would run without Istio, then restart.
                PebbleLayerComponent.of(Layers.CONTROLLER, Layers.CONTROLLER, config, gateway,
                        (m, cfg, gw) -> Layers.controller(cfg, m.name(), gw)),
                ui,
                spawner,
                PebbleLayerComponent.of(Layers.UI, Layers.UI, config, (m, cfg) -> Layers.webApp(cfg)).after(spawner),
                webhook,
                certFiles,
                PebbleLayerComponent.of(Layers.WEBHOOK, Layers.WEBHOOK, config, (m, cfg) -> Layers.webhook(cfg)).after(certFiles),
                Component.of(Publishers.INGRESS, config, Publishers::ingress).after(leader),
                Component.of(Publishers.DASHBOARD_LINKS, config, Publishers::dashboardLinks).after(leader),
                Component.of(Publishers.METRICS_ENDPOINT, Publishers::metrics),
                // Last: says in the Active message who can reach the UI and the notebooks.
                Component.of("security", gateway, (m, gw) -> m.setActiveMessage(GatewayAuth.message(kube, gw)))
                        .after(platform));
    }

    /**
     * The notebooks' namespace, checked to exist when it is not the model's: else the objects of
     * the model's namespace would be moved out (pruned) before the API refused the new ones.
     */
    private static String existing(Kubernetes kube, String notebooks, String model) throws StatusException {
        if (!notebooks.equals(model) && kube.read("get", "Namespace", notebooks,
                c -> c.namespaces().withName(notebooks).get()) == null) {
            throw StatusException.blocked("namespace " + notebooks + " (config namespace) does not exist: create it"
                    + " (kubectl create namespace " + notebooks + ") or leave namespace empty for the model's");
        }
        return notebooks;
    }

    /**
     * When the application goes (not when one unit of several does), the leader deletes its
     * objects: PodDefaults and the S3 Secret, then the webhook, RBAC and CRDs. Deleting the
     * Notebook CRD deletes every Notebook with it; workspace volumes (PVCs) stay.
     */
    @Override
    public void onRemove(Model model) {
        if (!model.app().isGoing("the notebook CRDs, webhook and PodDefaults")) {
            return;
        }
        model.unit().setStatus(Status.maintenance("removing notebooks' Kubernetes objects (workspace volumes stay)"));
        Charm.super.onRemove(model);
    }

    @Override
    public void onAction(ActionContext action, Model model) {
        try (Kubernetes kube = Kubernetes.of(model, options)) {
            new NotebookActions(model, kube).run(action);
        }
    }
}
