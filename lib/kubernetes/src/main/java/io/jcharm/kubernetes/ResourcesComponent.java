package io.jcharm.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jcharm.core.Component;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A component owning one resource set: reconcile applies what the supplier returns (pruning
 * the rest), remove deletes the set in reverse kind order.
 *
 * <pre>{@code
 * Component k8s = Kubernetes.of(model)
 *         .component("resources", "control-plane", () -> SeldonResources.desired(model, config))
 *         .dependingOn("leader");
 * }</pre>
 */
public final class ResourcesComponent implements Component {
    private final String name;
    private final Kubernetes kube;
    private final String set;
    private final Supplier<? extends Collection<? extends HasMetadata>> desired;
    private final Set<String> dependsOn;

    ResourcesComponent(String name, Kubernetes kube, String set, Supplier<? extends Collection<? extends HasMetadata>> desired,
                       Set<String> dependsOn) {
        this.name = name;
        this.kube = kube;
        this.set = set;
        this.desired = desired;
        this.dependsOn = Set.copyOf(dependsOn);
    }

    /** The same component, run only when these earlier components proceeded (e.g. "leader"). */
    public ResourcesComponent dependingOn(String... names) {
        return new ResourcesComponent(name, kube, set, desired, Set.of(names));
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
        Collection<? extends HasMetadata> objects = desired.get();
        try {
            kube.resources(set).apply(objects);
        } catch (KubernetesConfigException e) {
            throw StatusException.blocked(e.getMessage());
        }
    }

    /**
     * Deletes the set. A refusal (no trust) or a missing API is logged, not thrown: failing the
     * remove hook would keep the application from going away.
     */
    @Override
    public void remove(Model model) {
        Collection<? extends HasMetadata> last;
        try {
            last = desired.get();
        } catch (RuntimeException e) {
            // The desired set may need relations or config that are gone by now.
            last = List.of();
        }
        try {
            kube.resources(set).remove(last);
        } catch (StatusException | KubernetesConfigException e) {
            String why = e instanceof StatusException se ? se.status().message() : e.getMessage();
            String selector = String.join(",", new ResourceLabels(model.app().name(), model.name(), set).selector()
                    .entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).toList());
            kube.log().warning("kubernetes[" + set + "]: could not delete the set's objects: " + why
                    + "; delete them by hand: kubectl delete <kind> -A -l " + selector);
        }
    }
}
