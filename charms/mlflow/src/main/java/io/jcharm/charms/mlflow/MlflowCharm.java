package io.jcharm.charms.mlflow;

import io.jcharm.core.ActionContext;
import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.Container;
import io.jcharm.core.Gates;
import io.jcharm.core.Model;
import io.jcharm.core.PebbleLayerComponent;
import io.jcharm.core.Reconciler;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.KubeOptions;
import io.jcharm.kubernetes.Kubernetes;
import io.jcharm.relations.GrafanaDashboards;
import io.jcharm.relations.LogForwarding;
import io.jcharm.relations.MysqlClient;
import io.jcharm.relations.ObjectStorage;
import java.util.Optional;

/**
 * The MLflow tracking server: alone, sqlite and proxied artifacts on Juju storage; related to
 * MySQL and object storage, Charmed MLflow's setup; guarded backend moves, schema upgrades on a
 * new image, the Service, and Charmed MLflow's relations plus the tracking endpoint.
 *
 * <pre>{@code
 * juju deploy ./mlflow-server_ubuntu-24.04-amd64.charm mlflow-server --trust --resource oci-image=docker.io/charmedkubeflow/mlflow:2.22.0-5be7a7a
 * juju integrate mlflow-server:object-storage minio:object-storage
 * juju run mlflow-server/leader get-tracking-uri
 * }</pre>
 */
public final class MlflowCharm implements Charm {
    static final String CONTAINER = "mlflow-server";
    private final KubeOptions options;

    public MlflowCharm() {
        this(KubeOptions.DEFAULT);
    }

    /** For tests: other Kubernetes options (short timeouts). */
    MlflowCharm(KubeOptions options) {
        this.options = options;
    }

    @Override
    public Components components(Model model) {
        Kubernetes kube = Kubernetes.of(model, options);
        Component<MlflowConfig> config = Component.config(MlflowConfig.class);
        Component<Optional<ObjectStorage>> objectStorage = new ObjectStorageComponent();
        Component<Optional<MysqlClient>> database = new DatabaseComponent();
        Component<Container> container = Gates.container(CONTAINER);
        Component<BackendChoice.Choice> choice = new BackendChoice(database, container);
        Component<Void> dbCredentials = new DbCredentialsComponent(choice, container);
        Component<Void> schema = new SchemaUpgradeComponent(choice, container, dbCredentials);
        Component<Void> leader = Gates.leader();
        return Components.of(
                config,
                objectStorage,
                database,
                container,
                choice,
                dbCredentials,
                schema,
                PebbleLayerComponent.of(CONTAINER, CONTAINER, objectStorage, choice,
                        (m, s3, ch) -> ServerLayer.layer(m.config(MlflowConfig.class), ch.store(), s3)).after(config, schema),
                // Not a prerequisite of the server: tracking works while the bucket is sorted out.
                new ArtifactBucketComponent(config, objectStorage),
                leader,
                new ServiceComponent(kube, config).after(leader),
                Component.of(Publishers.INGRESS, config, (m, cfg) -> Publishers.ingress(m, cfg.mlflowPort())).after(leader),
                Component.of(Publishers.DASHBOARD_LINKS, Publishers::dashboardLinks).after(leader),
                Component.of("manifests", config, objectStorage,
                        (m, cfg, s3) -> Publishers.manifests(m, cfg.mlflowPort(), s3)).after(leader),
                Component.of(Publishers.TRACKING, config, objectStorage,
                        (m, cfg, s3) -> Publishers.tracking(m, cfg, s3)).after(leader),
                Component.of(Publishers.METRICS_ENDPOINT, config, (m, cfg) -> Publishers.metrics(m, cfg.mlflowPort())),
                GrafanaDashboards.component("grafana-dashboard", MlflowCharm.class, "grafana_dashboards/mlflow.json"),
                LogForwarding.component("logging", container),
                // Last: a refused backend move is reported without stopping anything above.
                Component.of("backend-store", choice, (m, ch) -> {
                    if (ch.refusal().isPresent()) {
                        throw StatusException.blocked(ch.refusal().get());
                    }
                }));
    }

    @Override
    public void onAction(ActionContext action, Model model) {
        new MlflowActions(model, () -> new Reconciler().run(components(model), model)).run(action);
    }

}
