package io.jcharm.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jcharm.core.Log;
import io.jcharm.core.StatusException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Waits, bounded, until applied CustomResourceDefinitions are Established: custom resources of
 * a kind the API does not serve yet would be refused.
 */
final class CrdWaiter {
    private final KubernetesClient client;
    private final ApiCalls calls;
    private final KubeOptions options;
    private final Log log;

    CrdWaiter(KubernetesClient client, ApiCalls calls, KubeOptions options, Log log) {
        this.client = client;
        this.calls = calls;
        this.options = options;
        this.log = log;
    }

    /**
     * @throws StatusException Blocked when the API server rejected a CRD's names
     * @throws KubernetesApiException when one is not Established within the timeout
     */
    void waitEstablished(List<String> names) throws StatusException {
        long deadline = System.nanoTime() + options.crdTimeout().toNanos();
        for (String name : names) {
            while (true) {
                CustomResourceDefinition crd = calls.call("get", "CustomResourceDefinition", name,
                        a -> client.apiextensions().v1().customResourceDefinitions().withName(name).get());
                if (condition(crd, "Established").filter(c -> "True".equals(c.getStatus())).isPresent()) {
                    break;
                }
                Optional<CustomResourceDefinitionCondition> rejected = condition(crd, "NamesAccepted")
                        .filter(c -> "False".equals(c.getStatus()));
                if (rejected.isPresent()) {
                    throw StatusException.blocked("CustomResourceDefinition " + name + " refused: "
                            + rejected.get().getMessage());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    String msg = "Kubernetes API: CustomResourceDefinition " + name + " is not Established after "
                            + options.crdTimeout().toMillis() + " ms; " + calls.giveUp();
                    log.error(msg);
                    throw new KubernetesApiException(msg, 0, null);
                }
                options.sleeper().sleep(Duration.ofNanos(Math.min(left, options.pollInterval().toNanos())));
            }
        }
    }

    private static Optional<CustomResourceDefinitionCondition> condition(CustomResourceDefinition crd, String type) {
        if (crd == null || crd.getStatus() == null || crd.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return crd.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
