package io.jcharm.core;

import java.util.Optional;

/**
 * A dependency that does not skip its dependant ({@link Component#ifProceeded}): it stands for
 * its source in a dependant's list and is never listed or reconciled itself.
 */
final class IfProceeded<T> implements Component<Optional<T>> {
    private final Component<T> source;

    IfProceeded(Component<T> source) {
        this.source = source;
    }

    Component<T> source() {
        return source;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public Optional<T> reconcile(Model model, Inputs inputs) {
        throw new IllegalStateException("component \"" + source.name() + "\".ifProceeded() is a dependency, not a"
                + " component: list \"" + source.name() + "\" itself");
    }

    @Override
    public String toString() {
        return "Component[" + source.name() + "].ifProceeded()";
    }
}
