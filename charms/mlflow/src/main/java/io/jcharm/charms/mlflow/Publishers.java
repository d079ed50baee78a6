package io.jcharm.charms.mlflow;

import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.Secret;
import io.jcharm.core.StatusException;
import io.jcharm.relations.DashboardLink;
import io.jcharm.relations.IngressRoute;
import io.jcharm.relations.KubernetesManifests;
import io.jcharm.relations.MetricsEndpoint;
import io.jcharm.relations.ObjectStorage;
import io.jcharm.relations.TrackingEndpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the charm tells related applications: the ingress route and dashboard link Charmed MLflow
 * asks for, the manifests for resource-dispatcher, the scrape job, and the tracking endpoint
 * (its S3 credentials in an application-owned Juju secret, labelled {@value #TRACKING_SECRET},
 * granted to each consumer).
 *
 * <pre>{@code
 * Publishers.ingress(model, 5000);
 * Publishers.tracking(model, config, s3);
 * }</pre>
 */
final class Publishers {
    static final String INGRESS = "ingress";
    static final String DASHBOARD_LINKS = "dashboard-links";
    static final String SECRETS = "secrets";
    static final String POD_DEFAULTS = "pod-defaults";
    static final String TRACKING = "tracking";
    static final String METRICS_ENDPOINT = "metrics-endpoint";
    static final String PREFIX = "/mlflow/";
    static final String TRACKING_SECRET = "tracking-s3-credentials";
    /** Where the server proxies artifacts when there is no object storage. */
    static final String PROXIED_ARTIFACT_ROOT = "mlflow-artifacts:/";

    private Publishers() {
    }

    /** {@code http://<app>.<model>.svc.cluster.local:<port>}, as Charmed MLflow's PodDefault gives it. */
    static String trackingUri(Model model, int port) {
        return "http://" + model.app().name() + "." + model.name() + ".svc.cluster.local:" + port;
    }

    static void ingress(Model model, int port) throws StatusException {
        Optional<Relation> r = model.relation(INGRESS);
        if (r.isPresent()) {
            IngressRoute.request(r.get(), new IngressRoute(model.app().name(), port, PREFIX, Optional.of("/"),
                    Optional.empty()));
        }
    }

    static void dashboardLinks(Model model) {
        for (Relation r : model.relations(DASHBOARD_LINKS)) {
            DashboardLink.send(r, List.of(new DashboardLink("MLflow", PREFIX, "external", "device:data-usage", "item", "")));
        }
    }

    static void manifests(Model model, int port, Optional<ObjectStorage> s3) {
        String app = model.app().name();
        for (Relation r : model.relations(SECRETS)) {
            KubernetesManifests.send(r, Manifests.secrets(app, s3));
        }
        for (Relation r : model.relations(POD_DEFAULTS)) {
            KubernetesManifests.send(r, Manifests.podDefaults(app, s3, trackingUri(model, port)));
        }
    }

    static void tracking(Model model, MlflowConfig cfg, Optional<ObjectStorage> s3) {
        List<Relation> consumers = model.relations(TRACKING);
        if (consumers.isEmpty() || !model.isLeader()) {
            return;
        }
        Optional<Secret> credentials = s3.map(o -> credentialsSecret(model, o));
        TrackingEndpoint endpoint = new TrackingEndpoint(trackingUri(model, cfg.mlflowPort()),
                s3.isPresent() ? "s3://" + cfg.defaultArtifactRoot() + "/" : PROXIED_ARTIFACT_ROOT,
                s3.map(ObjectStorage::endpointUrl), Optional.empty());
        for (Relation r : consumers) {
            TrackingEndpoint.publish(r, endpoint, credentials);
        }
    }

    /** The secret with the current S3 credentials: created once, a new revision when they change. */
    private static Secret credentialsSecret(Model model, ObjectStorage s3) {
        Map<String, String> wanted = new TrackingEndpoint.S3Credentials(s3.accessKey(), s3.secretKey()).content();
        Optional<Secret> kept = model.secrets().byLabel(TRACKING_SECRET);
        if (kept.isEmpty()) {
            return model.secrets().addForApp(wanted, TRACKING_SECRET);
        }
        if (!wanted.equals(kept.get().peek())) {
            kept.get().setContent(wanted);
            model.log().info("the S3 credentials changed: published them to tracking consumers as a new revision");
        }
        return kept.get();
    }

    static void metrics(Model model, int port) {
        MetricsEndpoint.publishUnitAddress(model, METRICS_ENDPOINT);
        MetricsEndpoint.publish(model, METRICS_ENDPOINT, "/metrics", List.of("*:" + port));
    }
}
