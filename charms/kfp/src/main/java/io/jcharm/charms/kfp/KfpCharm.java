package io.jcharm.charms.kfp;

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
import io.jcharm.pebble.PushOptions;
import io.jcharm.relations.MysqlClient;
import io.jcharm.relations.ObjectStorage;
import io.jcharm.relations.TrackingEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Kubeflow Pipelines v2 on Argo as one charm in a model of any name: the leader checks the
 * upgrade, reads MySQL and the object storage, creates the buckets, applies the CRDs and the
 * namespace's objects, then plans the API server first (it migrates the database) and the other
 * workloads after it, and tells related applications where the API server and the UI are.
 *
 * <pre>{@code
 * juju deploy ./kfp_ubuntu-24.04-amd64.charm --trust   # with every --resource from charmcraft.yaml
 * juju integrate kfp:relational-db mysql-k8s:database
 * juju integrate kfp:object-storage minio:object-storage
 * juju run kfp/leader list-pipelines
 * }</pre>
 */
public final class KfpCharm implements Charm {
    /** The argo option the application was deployed with (an {@link AppRecords} key). */
    static final String ARGO_MODE = "argo-mode";
    private final KubeOptions options;

    public KfpCharm() {
        this(KubeOptions.DEFAULT);
    }

    /** For tests: other Kubernetes options (short timeouts). */
    KfpCharm(KubeOptions options) {
        this.options = options;
    }

    @Override
    public Components components(Model model) {
        Kubernetes kube = Kubernetes.of(model, options);
        Component<Void> leader = Gates.leader();
        Component<KfpConfig> config = Component.config(KfpConfig.class).after(leader);
        Component<Void> version = Component.of("version", KfpVersion::check).after(config);
        Component<Void> argoMode = Component.of("argo", config, KfpCharm::checkArgoMode);
        Component<MysqlClient> database = Component.providing(Inputs.RELATIONAL_DB, Inputs::database).after(leader);
        Component<ObjectStorage> storage = Component.providing(Inputs.OBJECT_STORAGE, Inputs::objectStorage).after(leader);
        Component<Optional<TrackingEndpoint>> tracking = Component.providing(Inputs.MLFLOW, Inputs::tracking).after(leader);
        Component<Settings> settings = Component.providing("settings", config, database, storage,
                (m, cfg, db, s3) -> new Settings(cfg, db, s3));
        // CRDs hold users' workflows and recurring runs: removed only with purge-on-remove.
        Component<ApplyResult> crds = kube.componentIn("crds", "crds", config, (ns, cfg) -> Crds.of(cfg.managedArgo()))
                .removeOnlyIf(() -> purgeOnRemove(model)).after(version, argoMode);
        Component<PipelineObjects.Wanted> wanted = Component.providing("wanted", config, storage, tracking,
                (m, cfg, s3, t) -> new PipelineObjects.Wanted(m.app().name(), m.name(), cfg, s3, t));
        Component<ApplyResult> objects = kube.componentIn("pipelines", "pipelines", wanted, (ns, w) -> PipelineObjects.of(w))
                .after(crds);
        Component<Void> servicePorts = kube.servicePorts("service", config, cfg -> List.of(
                ExposedPort.tcp("http", cfg.httpPortNumber()), ExposedPort.tcp("grpc", cfg.grpcPortNumber()),
                ExposedPort.tcp("ui", cfg.uiPortNumber())));
        Component<Void> apiServer = PebbleLayerComponent.of(Workloads.API_SERVER, Workloads.API_SERVER, settings,
                (m, s) -> Workloads.apiServer(s.config(), m.name(), s.db(), s.s3())).after(objects, version);
        Component<Container> mlmd = Gates.container(Workloads.MLMD);
        Component<Container> persistence = Gates.container(Workloads.PERSISTENCE_AGENT);
        Component<Container> scheduled = Gates.container(Workloads.SCHEDULED_WORKFLOW);
        Component<Void> mlmdConfig = Component.of("mlmd-config", mlmd, database, (m, c, db) -> pushMlmdConfig(m, c, db));
        Component<Void> tokens = new TokensComponent(kube, persistence, scheduled).after(objects);
        return Components.of(
                leader,
                config,
                version,
                argoMode,
                database,
                storage,
                tracking,
                settings,
                new BucketsComponent(config, storage),
                crds,
                wanted,
                objects,
                servicePorts,
                // First: the API server migrates the database before the controllers use it.
                apiServer,
                Component.of("workload-version", KfpVersion::record).after(apiServer),
                mlmd,
                persistence,
                scheduled,
                mlmdConfig,
                tokens,
                PebbleLayerComponent.of(Workloads.MLMD, Workloads.MLMD, database, (m, db) -> Workloads.mlmd(db))
                        .after(mlmdConfig, apiServer),
                PebbleLayerComponent.of(Workloads.ENVOY, Workloads.ENVOY, config, (m, cfg) -> Workloads.envoy())
                        .after(objects),
                PebbleLayerComponent.of(Workloads.PERSISTENCE_AGENT, Workloads.PERSISTENCE_AGENT, config,
                        (m, cfg) -> Workloads.persistenceAgent(cfg, m.name())).after(tokens, apiServer),
                PebbleLayerComponent.of(Workloads.SCHEDULED_WORKFLOW, Workloads.SCHEDULED_WORKFLOW, config,
                        (m, cfg) -> Workloads.scheduledWorkflow(cfg, m.name())).after(tokens, apiServer),
                PebbleLayerComponent.of(Workloads.UI, Workloads.UI, settings,
                        (m, s) -> Workloads.ui(s.config(), m.name(), s.s3())).after(apiServer),
                PebbleLayerComponent.of(Workloads.ARGO, Workloads.ARGO, config,
                        (m, cfg) -> Workloads.argo(cfg, m.name(), m.unit().name())).after(objects),
                Component.of(Publishers.KFP_API, config, Publishers::kfpApi),
                Component.of(Publishers.INGRESS, config, Publishers::ingress),
                Component.of(Publishers.DASHBOARD_LINKS, Publishers::dashboardLinks).after(leader),
                Component.of(Publishers.METRICS_ENDPOINT, config, Publishers::metrics));
    }

    @Override
    public void onAction(ActionContext action, Model model) {
        new KfpActions(model).run(action);
    }

    /**
     * Deletes what the charm applied (the CRDs only with purge-on-remove), but only when the
     * whole application goes: a unit removed by a scale-down must not take the pipelines away.
     */
    @Override
    public void onRemove(Model model) {
        if (!model.app().isGoing("Kubeflow Pipelines' objects")) {
            return;
        }
        model.unit().setStatus(Status.maintenance("removing Kubeflow Pipelines' Kubernetes objects"));
        Charm.super.onRemove(model);
    }

    private static void pushMlmdConfig(Model model, Container c, MysqlClient db) {
        String wanted = Workloads.mlmdConfig(db);
        if (!c.pullTextIfExists(Workloads.MLMD_CONFIG).filter(wanted::equals).isPresent()) {
            c.push(Workloads.MLMD_CONFIG, wanted.getBytes(StandardCharsets.UTF_8),
                    PushOptions.defaults().withMakeDirs().withPermissions(0600));
            model.log().info("wrote ML Metadata's MySQL connection to " + Workloads.MLMD_CONFIG);
        }
    }

    /**
     * argo is chosen once: from managed to external would prune Argo's CRDs (deleting every
     * workflow, and the CRDs the external Argo also uses); the other way would take them over.
     */
    private static void checkArgoMode(Model model, KfpConfig cfg) throws StatusException {
        Optional<String> chosen = AppRecords.get(model, ARGO_MODE);
        if (chosen.isEmpty() || chosen.get().equals(cfg.argo())) {
            AppRecords.keep(model, ARGO_MODE, cfg.argo());
        } else {
            throw StatusException.blocked("argo was " + chosen.get() + " when the charm was deployed and"
                    + " cannot change (it decides who owns Argo's CRDs and the workflows in them): set argo="
                    + chosen.get() + " again, or deploy a new application to change it");
        }
    }

    private static boolean purgeOnRemove(Model model) {
        // Read raw: a config mistake elsewhere must not decide whether users' runs are deleted.
        return Boolean.parseBoolean(String.valueOf(model.rawConfig().getOrDefault("purge-on-remove", false)));
    }
}
