package io.jcharm.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jcharm.core.Component;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A component owning one resource set: reconcile builds the desired objects for the model's
 * namespace (from the values of the components it depends on) and applies them, pruning the
 * rest; what was applied is its value for dependants. Remove deletes the set in reverse kind
 * order, when the remove condition holds.
 *
 * <p>The desired objects are built inside the component's error handling: no usable Kubernetes
 * API (no KUBECONFIG, no service account) is Blocked with the reason, and a 403 is Blocked with
 * "deploy with --trust", rather than a failed hook.
 *
 * <pre>{@code
 * ResourcesComponent crds = kube.component("crds", "crds", ControlPlaneObjects::crds)
 *         .removeOnlyIf(() -> purgeOnRemove(model));            // users' objects live in CRDs
 * ResourcesComponent cp = kube.componentIn("control-plane", "control-plane", config,
 *         (ns, cfg) -> ControlPlaneObjects.of(cfg, ns));
 * Components.of(config, crds.after(config), cp.after(crds));
 * }</pre>
 */
public final class ResourcesComponent implements Component<ApplyResult> {
    private final String name;
    private final Kubernetes kube;
    private final String set;
    private final Build build;
    private final List<Component<?>> dependsOn;
    private final Optional<Function<String, ? extends Collection<? extends HasMetadata>>> withoutInputs;
    private final BooleanSupplier removeWhen;

    /** The desired objects for a namespace; may stop with a status. */
    @FunctionalInterface
    public interface Desired {
        Collection<? extends HasMetadata> objects(String namespace) throws StatusException;
    }

    /** The desired objects for a namespace, from one dependency's value. */
    @FunctionalInterface
    public interface Desired1<A> {
        Collection<? extends HasMetadata> objects(String namespace, A a) throws StatusException;
    }

    /** The desired objects for a namespace, from two dependencies' values. */
    @FunctionalInterface
    public interface Desired2<A, B> {
        Collection<? extends HasMetadata> objects(String namespace, A a, B b) throws StatusException;
    }

    /** How the objects are built from the namespace and the inputs. */
    @FunctionalInterface
    private interface Build {
        Collection<? extends HasMetadata> objects(String namespace, Inputs inputs) throws StatusException;
    }

    static ResourcesComponent of(String name, Kubernetes kube, String set, Desired desired) {
        Objects.requireNonNull(desired, "desired");
        return new ResourcesComponent(name, kube, set, (ns, in) -> desired.objects(ns), List.of(),
                Optional.of(ns -> {
                    try {
                        return desired.objects(ns);
                    } catch (StatusException e) {
                        return List.of(); // on remove, the set's inventory is enough
                    }
                }), () -> true);
    }

    static <A> ResourcesComponent of(String name, Kubernetes kube, String set, Component<A> a, Desired1<A> desired) {
        Objects.requireNonNull(desired, "desired");
        return new ResourcesComponent(name, kube, set, (ns, in) -> desired.objects(ns, in.get(a)), List.of(a),
                Optional.empty(), () -> true);
    }

    static <A, B> ResourcesComponent of(String name, Kubernetes kube, String set, Component<A> a, Component<B> b,
                                        Desired2<A, B> desired) {
        Objects.requireNonNull(desired, "desired");
        return new ResourcesComponent(name, kube, set, (ns, in) -> desired.objects(ns, in.get(a), in.get(b)),
                List.of(a, b), Optional.empty(), () -> true);
    }

    private ResourcesComponent(String name, Kubernetes kube, String set, Build build, List<Component<?>> dependsOn,
                               Optional<Function<String, ? extends Collection<? extends HasMetadata>>> withoutInputs,
                               BooleanSupplier removeWhen) {
        this.name = Objects.requireNonNull(name, "name");
        this.kube = Objects.requireNonNull(kube, "kube");
        this.set = Objects.requireNonNull(set, "set");
        this.build = build;
        this.dependsOn = List.copyOf(dependsOn);
        this.withoutInputs = withoutInputs;
        this.removeWhen = Objects.requireNonNull(removeWhen, "removeWhen");
    }

    /**
     * The same component, deleting its set on remove only when {@code condition} holds then;
     * otherwise the objects stay and only the set's inventory ConfigMap goes with the application.
     */
    public ResourcesComponent removeOnlyIf(BooleanSupplier condition) {
        return new ResourcesComponent(name, kube, set, build, dependsOn, withoutInputs, condition);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Component<?>> dependsOn() {
        return dependsOn;
    }

    @Override
    public ApplyResult reconcile(Model model, Inputs inputs) throws StatusException {
        try {
            return kube.resources(set).apply(build.objects(kube.namespace(), inputs));
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
    }

    /**
     * Deletes the set, or, when the remove condition does not hold, only its inventory ConfigMap
     * (the kept objects need no record of ours once the application is gone). A refusal (no
     * trust) or a missing API is logged, not thrown: failing the remove hook would keep the
     * application from going away.
     */
    @Override
    public void remove(Model model) {
        if (!removeWhen.getAsBoolean()) {
            removeInventoryOnly(model);
            return;
        }
        Collection<? extends HasMetadata> last = List.of();
        try {
            // Objects built from other components' values cannot be built here (nothing
            // reconciles on remove); the set's inventory still lists their kinds.
            if (withoutInputs.isPresent()) {
                last = withoutInputs.get().apply(kube.namespace());
            }
        } catch (RuntimeException e) {
            // The desired set may need relations or config that are gone by now: as above.
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

    private void removeInventoryOnly(Model model) {
        try {
            kube.resources(set).removeInventoryOnly();
        } catch (StatusException | KubernetesConfigException e) {
            String why = e instanceof StatusException se ? se.status().message() : e.getMessage();
            String name = Inventory.name(new ResourceLabels(model.app().name(), model.name(), set));
            kube.log().warning("kubernetes[" + set + "]: could not delete the set's inventory ConfigMap " + name + ": " + why
                    + "; delete it by hand: kubectl -n " + model.name() + " delete configmap " + name);
        }
    }
}
