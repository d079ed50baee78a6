package io.jcharm.local;

import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a workload stand-in decides from: one unit's containers (plans and started services) and
 * the application's Kubernetes Service (its loopback cluster IP and ports), if it has one.
 *
 * <pre>{@code
 * WorkloadView v = new WorkloadView("minio", "minio/0", Map.of("minio", container), kube.service("minio"));
 * }</pre>
 */
record WorkloadView(String app, String unit, Map<String, ContainerView> containers, Optional<JsonNode> service) {
    WorkloadView {
        containers = Map.copyOf(containers);
    }
}
