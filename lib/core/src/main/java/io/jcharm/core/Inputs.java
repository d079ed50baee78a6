package io.jcharm.core;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The values a component's dependencies produced in this hook, handed to
 * {@link Component#reconcile}; a component reads only those it declared.
 *
 * <pre>{@code
 * public WebhookCerts reconcile(Model model, Inputs inputs) {
 *     SeldonConfig cfg = inputs.get(config);   // config is in dependsOn()
 * }
 * }</pre>
 */
public final class Inputs {
    private final String component;
    private final Map<Component<?>, Object> values;

    Inputs(String component, IdentityHashMap<Component<?>, Object> values) {
        this.component = component;
        this.values = values;
    }

    /** No inputs: for a component without dependencies (and for calling one directly in a test). */
    public static Inputs none(String component) {
        return new Inputs(component, new IdentityHashMap<>());
    }

    /**
     * The value {@code dependency} produced.
     *
     * @throws IllegalStateException when the component did not declare it in {@link Component#dependsOn}
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Component<T> dependency) {
        if (!values.containsKey(dependency)) {
            throw new IllegalStateException("component \"" + component + "\" reads \"" + dependency.name()
                    + "\", which it does not list in dependsOn()");
        }
        return (T) values.get(dependency);
    }
}
