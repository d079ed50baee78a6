package io.jcharm.charms.jupyter;

import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import io.jcharm.relations.DashboardLink;
import io.jcharm.relations.GatewayInfo;
import io.jcharm.relations.IngressRoute;
import io.jcharm.relations.K8sService;
import io.jcharm.relations.MetricsEndpoint;
import io.jcharm.relations.ObjectStorage;
import io.jcharm.relations.TrackingEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * The charm's relations: reads gateway-info, mlflow, object-storage and kfp-api (each optional:
 * empty when not related, Waiting while a related provider has not written its data), and
 * publishes the web app's ingress route and dashboard link as Charmed Kubeflow's jupyter-ui
 * does, and the controller's scrape job.
 *
 * <pre>{@code
 * Optional<GatewayInfo> gw = Publishers.gateway(model);
 * Publishers.ingress(model, cfg);  // prefix /jupyter/, rewrite /, port 5000
 * }</pre>
 */
final class Publishers {
    static final String INGRESS = "ingress";
    static final String GATEWAY_INFO = "gateway-info";
    static final String MLFLOW = "mlflow";
    static final String OBJECT_STORAGE = "object-storage";
    static final String KFP_API = "kfp-api";
    static final String DASHBOARD_LINKS = "dashboard-links";
    static final String METRICS_ENDPOINT = "metrics-endpoint";

    private Publishers() {
    }

    /** The gateway notebooks and the UI are reached through; empty when not related. */
    static Optional<GatewayInfo> gateway(Model model) throws StatusException {
        return GatewayInfo.fromEndpoint(model, GATEWAY_INFO, r -> waiting(r, "gateway info"));
    }

    /** What notebooks get from the mlflow, object-storage and kfp-api relations. */
    static NotebookAccess access(Model model) throws StatusException {
        Optional<TrackingEndpoint> tracking = Optional.empty();
        Optional<Relation> mlflow = model.relation(MLFLOW);
        if (mlflow.isPresent()) {
            tracking = Optional.of(TrackingEndpoint.read(model, mlflow.get())
                    .orElseThrow(() -> waiting(mlflow.get(), "the tracking endpoint")));
        }
        Optional<ObjectStorage> s3 = Optional.empty();
        Optional<Relation> storage = model.relation(OBJECT_STORAGE);
        if (storage.isPresent()) {
            s3 = Optional.of(ObjectStorage.read(storage.get()).orElseThrow(() -> waiting(storage.get(), "object-storage data")));
        }
        Optional<K8sService> kfp = Optional.empty();
        Optional<Relation> pipelines = model.relation(KFP_API);
        if (pipelines.isPresent()) {
            kfp = Optional.of(K8sService.read(pipelines.get()).orElseThrow(() -> waiting(pipelines.get(), "the kfp-api service")));
        }
        return new NotebookAccess(tracking, s3, kfp);
    }

    private static StatusException waiting(Relation r, String what) {
        return StatusException.waiting("waiting for " + what + " from " + r.remoteAppName().orElse("the " + r.endpoint() + " provider"));
    }

    /** The web app's route: {@code <url-prefix>/}, rewritten to {@code /} (the web app serves at its root). */
    static void ingress(Model model, JupyterConfig cfg) throws StatusException {
        Optional<Relation> r = model.relation(INGRESS);
        if (r.isPresent()) {
            IngressRoute.request(r.get(), new IngressRoute(model.app().name(), cfg.port(), cfg.urlPrefix() + "/",
                    Optional.of("/"), Optional.empty()));
        }
    }

    /** Charmed Kubeflow's jupyter-ui menu link: Notebooks, icon book. */
    static void dashboardLinks(Model model, JupyterConfig cfg) {
        for (Relation r : model.relations(DASHBOARD_LINKS)) {
            DashboardLink.send(r, List.of(new DashboardLink("Notebooks", cfg.urlPrefix() + "/", "menu", "book", "item", "")));
        }
    }

    /** The controller's metrics (controller-runtime's /metrics on {@value Layers#METRICS_PORT}). */
    static void metrics(Model model) {
        MetricsEndpoint.publishUnitAddress(model, METRICS_ENDPOINT);
        MetricsEndpoint.publish(model, METRICS_ENDPOINT, "/metrics", List.of("*:" + Layers.METRICS_PORT));
    }
}
