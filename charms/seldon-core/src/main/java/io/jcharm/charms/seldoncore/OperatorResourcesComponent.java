package io.jcharm.charms.seldoncore;

import io.jcharm.core.Component;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.KubernetesConfigException;
import io.jcharm.kubernetes.Kubernetes;
import java.util.List;
import java.util.Set;

/**
 * Keeps the operator's Kubernetes objects ({@link OperatorObjects}) as resource set
 * {@value #SET} on the leader, and deletes them on remove.
 *
 * <p>Unlike {@link io.jcharm.kubernetes.ResourcesComponent}, the objects are built inside the
 * component's error handling with the namespace the client resolved (the webhook and the RBAC
 * subjects name it), so no usable Kubernetes API is a Blocked status, not a failed hook.
 *
 * <pre>{@code
 * new OperatorResourcesComponent(Kubernetes.of(model), facts);  // depends on leader, config, certs
 * }</pre>
 */
final class OperatorResourcesComponent implements Component {
    static final String SET = "operator";
    private final Kubernetes kube;
    private final HookFacts facts;

    OperatorResourcesComponent(Kubernetes kube, HookFacts facts) {
        this.kube = kube;
        this.facts = facts;
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of("leader", "config", "certs");
    }

    @Override
    public void reconcile(Model model) throws StatusException {
        try {
            SeldonConfig config = model.config(SeldonConfig.class);
            kube.resources(SET).apply(OperatorObjects.desired(config, model.app().name(), kube.namespace(), facts.certs));
        } catch (KubernetesConfigException e) {
            throw StatusException.blocked(e.getMessage());
        }
    }

    /** Deletes the set, CRD last; a refusal is logged, since failing remove would strand the application. */
    @Override
    public void remove(Model model) {
        try {
            kube.resources(SET).remove(List.of());
        } catch (StatusException | KubernetesConfigException e) {
            String why = e instanceof StatusException se ? se.status().message() : e.getMessage();
            model.log().warning("could not delete the Kubernetes objects of " + model.app().name() + ": " + why
                    + "; delete them by hand: kubectl delete <kind> -A -l jcharm.io/resource-set=" + SET
                    + ",app.juju.is/created-by=" + model.app().name());
        }
    }
}
