package io.jcharm.charms.kfp;

import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import io.jcharm.relations.DashboardLink;
import io.jcharm.relations.IngressRoute;
import io.jcharm.relations.K8sService;
import io.jcharm.relations.MetricsEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * What the charm tells related applications, as Charmed Kubeflow's kfp-api and kfp-ui do: the API
 * server on kfp-api and kfp-api-grpc ({@code <app>.<model>} and the port), the UI's ingress route
 * {@value #PREFIX}, the dashboard link, and the API server's scrape job.
 *
 * <pre>{@code
 * Publishers.kfpApi(model, cfg);  // service-name: kfp.my-model, service-port: "8888"
 * }</pre>
 */
final class Publishers {
    static final String KFP_API = "kfp-api";
    static final String KFP_API_GRPC = "kfp-api-grpc";
    static final String INGRESS = "ingress";
    static final String DASHBOARD_LINKS = "dashboard-links";
    static final String METRICS_ENDPOINT = "metrics-endpoint";
    static final String PREFIX = "/pipeline";

    private Publishers() {
    }

    static void kfpApi(Model model, KfpConfig cfg) throws StatusException {
        String host = model.app().name() + "." + model.name();
        for (Relation r : model.relations(KFP_API)) {
            K8sService.publish(r, new K8sService(host, cfg.httpPort()));
        }
        for (Relation r : model.relations(KFP_API_GRPC)) {
            K8sService.publish(r, new K8sService(host, cfg.grpcPort()));
        }
    }

    static void ingress(Model model, KfpConfig cfg) throws StatusException {
        Optional<Relation> r = model.relation(INGRESS);
        if (r.isPresent()) {
            IngressRoute.request(r.get(), new IngressRoute(model.app().name(), cfg.uiPortNumber(), PREFIX,
                    Optional.of(PREFIX), Optional.empty()));
        }
    }

    static void dashboardLinks(Model model) {
        for (Relation r : model.relations(DASHBOARD_LINKS)) {
            DashboardLink.send(r, List.of(
                    new DashboardLink("Pipelines", PREFIX + "/#/pipelines", "menu", "kubeflow:pipeline-centered", "item", ""),
                    new DashboardLink("Runs", PREFIX + "/#/runs", "menu", "maps:directions-run", "item", "")));
        }
    }

    static void metrics(Model model, KfpConfig cfg) {
        MetricsEndpoint.publishUnitAddress(model, METRICS_ENDPOINT);
        MetricsEndpoint.publish(model, METRICS_ENDPOINT, "/metrics", List.of("*:" + cfg.httpPort()));
    }
}
