package io.jcharm.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jcharm.core.Component;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A component owning one resource set: reconcile builds the desired objects for the model's
 * namespace and applies them (pruning the rest), then runs the after-apply callback; remove
 * deletes the set in reverse kind order, when the remove condition holds.
 *
 * <p>The desired objects are built inside the component's error handling: no usable Kubernetes
 * API (no KUBECONFIG, no service account) is Blocked with the reason, and a 403 is Blocked with
 * "deploy with --trust", rather than a failed hook.
 *
 * <pre>{@code
 * Component crds = kube.component("crds", "crds", ControlPlaneObjects::crds)
 *         .dependingOn("config")
 *         .removeOnlyIf(() -> purgeOnRemove(model));            // users' objects live in CRDs
 * Component cp = kube.componentIn("control-plane", "control-plane", ns -> ControlPlaneObjects.of(cfg, ns))
 *         .dependingOn("crds")
 *         .afterApply(result -> model.unit().setWorkloadVersion(cfg.tag()));
 * }</pre>
 */
public final class ResourcesComponent implements Component {
    private final String name;
    private final Kubernetes kube;
    private final String set;
    private final Function<String, ? extends Collection<? extends HasMetadata>> desired;
    private final Set<String> dependsOn;
    private final Consumer<ApplyResult> afterApply;
    private final BooleanSupplier removeWhen;

    ResourcesComponent(String name, Kubernetes kube, String set,
                       Function<String, ? extends Collection<? extends HasMetadata>> desired) {
        this(name, kube, set, desired, Set.of(), r -> { }, () -> true);
    }

    private ResourcesComponent(String name, Kubernetes kube, String set,
                               Function<String, ? extends Collection<? extends HasMetadata>> desired, Set<String> dependsOn,
                               Consumer<ApplyResult> afterApply, BooleanSupplier removeWhen) {
        this.name = Objects.requireNonNull(name, "name");
        this.kube = Objects.requireNonNull(kube, "kube");
        this.set = Objects.requireNonNull(set, "set");
        this.desired = Objects.requireNonNull(desired, "desired");
        this.dependsOn = Set.copyOf(dependsOn);
        this.afterApply = Objects.requireNonNull(afterApply, "afterApply");
        this.removeWhen = Objects.requireNonNull(removeWhen, "removeWhen");
    }

    /** The same component, run only when these earlier components proceeded (e.g. "leader"). */
    public ResourcesComponent dependingOn(String... names) {
        return new ResourcesComponent(name, kube, set, desired, Set.of(names), afterApply, removeWhen);
    }

    /**
     * The same component, calling {@code callback} after each successful apply (not when the
     * component stops with a status): for what later components or the unit need to know.
     */
    public ResourcesComponent afterApply(Consumer<ApplyResult> callback) {
        return new ResourcesComponent(name, kube, set, desired, dependsOn, callback, removeWhen);
    }

    /** The same component, deleting its set on remove only when {@code condition} holds then. */
    public ResourcesComponent removeOnlyIf(BooleanSupplier condition) {
        return new ResourcesComponent(name, kube, set, desired, dependsOn, afterApply, condition);
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
        ApplyResult result;
        try {
            result = kube.resources(set).apply(desired.apply(kube.namespace()));
        } catch (KubernetesConfigException e) {
            throw StatusException.blocked(e.getMessage());
        } catch (RuntimeException e) {
            // A 403 from the charm's own reads while building the objects means the same as ours.
            Optional<StatusException> refused = ApiCalls.refusal(e, "building resource set " + set);
            if (refused.isPresent()) {
                throw refused.get();
            }
            throw e;
        }
        afterApply.accept(result);
    }

    /**
     * Deletes the set. A refusal (no trust) or a missing API is logged, not thrown: failing the
     * remove hook would keep the application from going away.
     */
    @Override
    public void remove(Model model) {
        if (!removeWhen.getAsBoolean()) {
            return;
        }
        Collection<? extends HasMetadata> last;
        try {
            last = desired.apply(kube.namespace());
        } catch (RuntimeException e) {
            // The desired set may need relations, config or facts that are gone by now; the
            // set's inventory still lists its kinds.
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
