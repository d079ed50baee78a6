package io.jcharm.charms.istio;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jcharm.core.Component;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.KubernetesConfigException;
import io.jcharm.kubernetes.Kubernetes;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A component owning one resource set whose objects depend on the namespace they go to:
 * reconcile applies them (pruning the rest) and then runs {@code afterApply}; remove deletes the
 * set, last kinds first, when {@code removeWhen} says so.
 *
 * <p>Unlike {@link io.jcharm.kubernetes.ResourcesComponent}, the desired objects are built
 * inside the component's error handling, with the namespace the client resolved, so a missing
 * Kubernetes API is a Blocked status rather than a failed hook.
 *
 * <pre>{@code
 * new ResourceSetComponent("gateway", Set.of("control-plane"), kube, "gateway",
 *         ns -> GatewayObjects.desired(cfg, ns, tls), () -> facts.gatewayApplied = true, () -> true);
 * }</pre>
 */
final class ResourceSetComponent implements Component {
    private final String name;
    private final Set<String> dependsOn;
    private final Kubernetes kube;
    private final String set;
    private final Function<String, Collection<? extends HasMetadata>> desired;
    private final Runnable afterApply;
    private final BooleanSupplier removeWhen;

    ResourceSetComponent(String name, Set<String> dependsOn, Kubernetes kube, String set,
                         Function<String, Collection<? extends HasMetadata>> desired, Runnable afterApply,
                         BooleanSupplier removeWhen) {
        this.name = name;
        this.dependsOn = Set.copyOf(dependsOn);
        this.kube = kube;
        this.set = set;
        this.desired = desired;
        this.afterApply = afterApply;
        this.removeWhen = removeWhen;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> dependsOn() {
        return dependsOn;
    }

    @Override
    public void reconcile(Model model) throws StatusException {
        try {
            kube.resources(set).apply(desired.apply(kube.namespace()));
        } catch (KubernetesConfigException e) {
            throw StatusException.blocked(e.getMessage());
        }
        afterApply.run();
    }

    /** Deletes the set; a refusal or missing API is logged, since failing remove would strand the app. */
    @Override
    public void remove(Model model) {
        if (!removeWhen.getAsBoolean()) {
            return;
        }
        try {
            Collection<? extends HasMetadata> last;
            try {
                last = desired.apply(kube.namespace());
            } catch (RuntimeException e) {
                // Config or relations may be gone by now; the set's inventory still lists its kinds.
                last = List.of();
            }
            kube.resources(set).remove(last);
        } catch (StatusException | KubernetesConfigException e) {
            String why = e instanceof StatusException se ? se.status().message() : e.getMessage();
            model.log().warning("could not delete the " + set + " objects of " + model.app().name() + ": " + why
                    + "; delete them by hand: kubectl delete <kind> -A -l jcharm.io/resource-set=" + set
                    + ",app.juju.is/created-by=" + model.app().name());
        }
    }
}
