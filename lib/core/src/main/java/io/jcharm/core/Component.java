package io.jcharm.core;

import java.util.Set;

/**
 * One part of a charm's desired state (a gate, Kubernetes objects, a Pebble layer, a relation
 * publisher), reconciled on every event in the order the charm lists them.
 *
 * <pre>{@code
 * Component publish = Component.of("gateway-info", Set.of("leader"), model -> {
 *     model.relation("gateway-info").ifPresent(r -> r.localApp().put("gateway_up", "true"));
 * });
 * }</pre>
 */
public interface Component {

    /** A short name, shown as {@code [name] } before the status it causes. */
    String name();

    /**
     * Brings this part in line with the model; idempotent.
     *
     * @throws StatusException when it cannot proceed (components that depend on it are skipped)
     */
    void reconcile(Model model) throws StatusException;

    /** Names of earlier components that must have proceeded before this one runs. */
    default Set<String> dependsOn() {
        return Set.of();
    }

    /** Tears this part down on the remove hook; called in reverse order. */
    default void remove(Model model) {
    }

    /** The body of a lambda component. */
    @FunctionalInterface
    interface Body {
        void reconcile(Model model) throws StatusException;
    }

    /** A component from a lambda. */
    static Component of(String name, Set<String> dependsOn, Body body) {
        Set<String> deps = Set.copyOf(dependsOn);
        return new Component() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void reconcile(Model model) throws StatusException {
                body.reconcile(model);
            }

            @Override
            public Set<String> dependsOn() {
                return deps;
            }
        };
    }

    /** A component with no dependencies. */
    static Component of(String name, Body body) {
        return of(name, Set.of(), body);
    }
}
