package io.jcharm.relations;

import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code k8s-service} interface (SDI v1): a service name and port, as strings.
 *
 * <pre>{@code
 * K8sService.publish(relation, new K8sService("istiod.kubeflow.svc", "15012"));
 * }</pre>
 */
public record K8sService(String serviceName, String servicePort) {
    static final SdiSchema V1 = SdiSchema.builder().require("service-name", "string")
            .require("service-port", "string").build();

    /** Provider side (leader): versions and data. */
    public static void publish(Relation relation, K8sService service) throws StatusException {
        new Sdi(List.of("v1")).send(relation,
                Map.of("service-name", service.serviceName(), "service-port", service.servicePort()), V1);
    }

    /** Requirer side: the provider's service, empty until sent. */
    public static Optional<K8sService> read(Relation relation) throws StatusException {
        return new Sdi(List.of("v1")).receive(relation, V1).map(d -> new K8sService((String) d.get("service-name"),
                (String) d.get("service-port")));
    }
}
