package io.jcharm.charms.istio;

import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.Status;
import io.jcharm.core.StatusException;
import io.jcharm.relations.GatewayInfo;
import io.jcharm.relations.K8sService;
import io.jcharm.relations.MetricsEndpoint;
import java.util.List;

/**
 * What the charm tells related applications (leader only; app bags): the gateway on
 * {@code gateway-info}, istiod's address on {@code istio-pilot}, and the scrape job on
 * {@code metrics-endpoint}.
 *
 * <pre>{@code
 * Publishers.istioPilot(model);  // service-name: istiod.<model>.svc, service-port: "15012"
 * }</pre>
 */
final class Publishers {
    static final String ISTIOD_XDS_PORT = "15012";
    static final int ISTIOD_MONITORING_PORT = 15014;

    private Publishers() {
    }

    /** gateway_name, gateway_namespace (the model) and gateway_up (applied in this hook). */
    static void gatewayInfo(Model model, String name, boolean gatewayUp) {
        for (Relation r : model.relations("gateway-info")) {
            GatewayInfo.publish(r, new GatewayInfo(name, model.name(), gatewayUp));
        }
    }

    /** istiod's xDS/CA address as k8s-service (SDI v1); each relation is served even if another waits. */
    static void istioPilot(Model model) throws StatusException {
        Status worst = null;
        for (Relation r : model.relations("istio-pilot")) {
            try {
                K8sService.publish(r, new K8sService(istiodHost(model), ISTIOD_XDS_PORT));
            } catch (StatusException e) {
                worst = worst == null || e.status().priority() > worst.priority() ? e.status() : worst;
            }
        }
        if (worst != null) {
            throw new StatusException(worst);
        }
    }

    /** The prometheus_scrape job for istiod's monitoring port. */
    static void metrics(Model model) {
        MetricsEndpoint.publish(model, "metrics-endpoint", "/metrics",
                List.of(istiodHost(model) + ":" + ISTIOD_MONITORING_PORT));
    }

    static String istiodHost(Model model) {
        return ControlPlaneObjects.ISTIOD + "." + model.name() + ".svc";
    }
}
