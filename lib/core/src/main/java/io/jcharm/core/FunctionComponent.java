package io.jcharm.core;

import java.util.List;
import java.util.Objects;

/**
 * A component from a function of the model and its inputs: what {@link Component#of} and
 * {@link Component#providing} build, so each body receives exactly the values it declared.
 */
final class FunctionComponent<T> implements Component<T> {
    private final String name;
    private final List<Component<?>> dependsOn;
    private final Fn<T> fn;

    /** The function behind a component. */
    @FunctionalInterface
    interface Fn<T> {
        T apply(Model model, Inputs inputs) throws StatusException;
    }

    FunctionComponent(String name, List<Component<?>> dependsOn, Fn<T> fn) {
        this.name = Objects.requireNonNull(name, "name");
        for (Component<?> d : dependsOn) {
            Objects.requireNonNull(d, () -> "component \"" + name + "\" names a null dependency");
        }
        this.dependsOn = List.copyOf(dependsOn);
        this.fn = Objects.requireNonNull(fn, "body");
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
    public T reconcile(Model model, Inputs inputs) throws StatusException {
        return fn.apply(model, inputs);
    }

    @Override
    public String toString() {
        return "Component[" + name + "]";
    }
}
