package io.jcharm.core;

import java.util.List;
import java.util.Optional;

/**
 * One part of a charm's desired state (a gate, Kubernetes objects, a Pebble layer, a relation
 * publisher), reconciled on every event in the order the charm lists them. A component may
 * produce a value; a dependant names the component it depends on (the object, not its name) and
 * receives that value. A component whose dependency did not proceed is skipped.
 *
 * <pre>{@code
 * Component<HelloConfig> config = Component.config(HelloConfig.class);
 * Component<Void> ports = Component.of("ports", config, (model, cfg) -> model.setPorts(List.of(Port.tcp(cfg.port()))));
 * return Components.of(config, ports);
 * }</pre>
 *
 * @param <T> what it produces for its dependants ({@link Void} when nothing)
 */
public interface Component<T> {

    /** A short name, shown as {@code [name] } before the status it causes; unique in a charm. */
    String name();

    /**
     * Brings this part in line with the model; idempotent.
     *
     * @param inputs the values of {@link #dependsOn()}, each proceeded in this hook
     * @return the value dependants receive ({@code null} for {@code Component<Void>})
     * @throws StatusException when it cannot proceed (components that depend on it are skipped)
     */
    T reconcile(Model model, Inputs inputs) throws StatusException;

    /** The earlier components this one needs: each must be listed before it. */
    default List<Component<?>> dependsOn() {
        return List.of();
    }

    /** Tears this part down on the remove hook; called in reverse order. */
    default void remove(Model model) {
    }

    /**
     * This component, run only once {@code gates} (listed before it) have proceeded too, as for
     * a leader gate whose value is not needed; dependants may name either object.
     */
    default Component<T> after(Component<?>... gates) {
        return new Gated<>(this, List.of(gates));
    }

    /**
     * A dependency on this component that never skips the dependant: it receives this
     * component's value when it proceeded in this hook, else empty (so it is meant for a
     * component that produces a value, such as a resource set's {@code ApplyResult}).
     */
    default Component<Optional<T>> ifProceeded() {
        return new IfProceeded<>(this);
    }

    /**
     * The built-in config component, named {@code config}: binds config-get to {@code type}
     * once per hook; a bad value stops it with Blocked "invalid config ...".
     */
    static <T extends Record> Component<T> config(Class<T> type) {
        return providing("config", model -> model.config(type));
    }

    /** A component that does something and produces nothing. */
    static Component<Void> of(String name, Body body) {
        return new FunctionComponent<>(name, List.of(), (m, in) -> {
            body.run(m);
            return null;
        });
    }

    /** As {@link #of(String, Body)}, with one dependency whose value it receives. */
    static <A> Component<Void> of(String name, Component<A> a, Body1<A> body) {
        return new FunctionComponent<>(name, List.of(a), (m, in) -> {
            body.run(m, in.get(a));
            return null;
        });
    }

    /** As {@link #of(String, Body)}, with two dependencies. */
    static <A, B> Component<Void> of(String name, Component<A> a, Component<B> b, Body2<A, B> body) {
        return new FunctionComponent<>(name, List.of(a, b), (m, in) -> {
            body.run(m, in.get(a), in.get(b));
            return null;
        });
    }

    /** As {@link #of(String, Body)}, with three dependencies. */
    static <A, B, C> Component<Void> of(String name, Component<A> a, Component<B> b, Component<C> c,
            Body3<A, B, C> body) {
        return new FunctionComponent<>(name, List.of(a, b, c), (m, in) -> {
            body.run(m, in.get(a), in.get(b), in.get(c));
            return null;
        });
    }

    /** A component that produces a value for its dependants. */
    static <T> Component<T> providing(String name, Source<T> body) {
        return new FunctionComponent<>(name, List.of(), (m, in) -> body.get(m));
    }

    /** As {@link #providing(String, Source)}, with one dependency whose value it receives. */
    static <A, T> Component<T> providing(String name, Component<A> a, Source1<A, T> body) {
        return new FunctionComponent<>(name, List.of(a), (m, in) -> body.get(m, in.get(a)));
    }

    /** As {@link #providing(String, Source)}, with two dependencies. */
    static <A, B, T> Component<T> providing(String name, Component<A> a, Component<B> b, Source2<A, B, T> body) {
        return new FunctionComponent<>(name, List.of(a, b), (m, in) -> body.get(m, in.get(a), in.get(b)));
    }

    /** As {@link #providing(String, Source)}, with three dependencies. */
    static <A, B, C, T> Component<T> providing(String name, Component<A> a, Component<B> b, Component<C> c,
            Source3<A, B, C, T> body) {
        return new FunctionComponent<>(name, List.of(a, b, c), (m, in) -> body.get(m, in.get(a), in.get(b), in.get(c)));
    }

    /** The body of a component that produces nothing. */
    @FunctionalInterface
    interface Body {
        void run(Model model) throws StatusException;
    }

    /** The body of a component with one dependency. */
    @FunctionalInterface
    interface Body1<A> {
        void run(Model model, A a) throws StatusException;
    }

    /** The body of a component with two dependencies. */
    @FunctionalInterface
    interface Body2<A, B> {
        void run(Model model, A a, B b) throws StatusException;
    }

    /** The body of a component with three dependencies. */
    @FunctionalInterface
    interface Body3<A, B, C> {
        void run(Model model, A a, B b, C c) throws StatusException;
    }

    /** The body of a component that produces a value. */
    @FunctionalInterface
    interface Source<T> {
        T get(Model model) throws StatusException;
    }

    /** The body of a component that produces a value from one dependency's. */
    @FunctionalInterface
    interface Source1<A, T> {
        T get(Model model, A a) throws StatusException;
    }

    /** The body of a component that produces a value from two dependencies'. */
    @FunctionalInterface
    interface Source2<A, B, T> {
        T get(Model model, A a, B b) throws StatusException;
    }

    /** The body of a component that produces a value from three dependencies'. */
    @FunctionalInterface
    interface Source3<A, B, C, T> {
        T get(Model model, A a, B b, C c) throws StatusException;
    }
}
