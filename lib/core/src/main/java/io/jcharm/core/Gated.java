package io.jcharm.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A component that also waits for gates whose values it does not need ({@link Component#after}):
 * the same name, body and teardown as the component it wraps.
 */
final class Gated<T> implements Component<T> {
    private final Component<T> inner;
    private final List<Component<?>> dependsOn;

    Gated(Component<T> inner, List<Component<?>> gates) {
        this.inner = Objects.requireNonNull(inner, "component");
        List<Component<?>> all = new ArrayList<>(inner.dependsOn());
        for (Component<?> g : gates) {
            all.add(Objects.requireNonNull(g, () -> "component \"" + inner.name() + "\" is gated by null"));
        }
        this.dependsOn = List.copyOf(all);
    }

    /** The wrapped component: dependants may name it instead of this object. */
    Component<T> inner() {
        return inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public List<Component<?>> dependsOn() {
        return dependsOn;
    }

    @Override
    public T reconcile(Model model, Inputs inputs) throws StatusException {
        return inner.reconcile(model, inputs);
    }

    @Override
    public void remove(Model model) {
        inner.remove(model);
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
