package io.jcharm.core;

import java.util.List;

/**
 * A charm: the components it reconciles on every event, plus its actions and teardown.
 *
 * <pre>{@code
 * public final class HelloCharm implements Charm {
 *     public Components components(Model model) {
 *         Component<HelloConfig> config = Component.config(HelloConfig.class);
 *         return Components.of(config,
 *                 Component.of("greeting", config, (m, cfg) -> publish(m, cfg.greeting())));
 *     }
 * }
 * }</pre>
 */
public interface Charm {

    /** The components to reconcile, in order; built fresh for every hook. */
    Components components(Model model);

    /**
     * Runs an action. Parameter errors and {@link ActionContext#fail} fail the action without
     * failing the hook.
     */
    default void onAction(ActionContext action, Model model) throws Exception {
        action.fail("action " + action.name() + " is declared but not implemented by this charm");
    }

    /**
     * The remove hook: by default every component's {@link Component#remove}, last first. If any
     * failed, the hook fails after trying them all, so that Juju retries the removal. A charm
     * whose components own application-wide things guards this with
     * {@link App#isGoing(String)}.
     */
    default void onRemove(Model model) {
        List<Exception> failures = new Reconciler().remove(components(model), model);
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException(failures.size() + " component(s) could not be removed; "
                    + "first: " + failures.get(0).getMessage(), failures.get(0));
            failures.subList(1, failures.size()).forEach(e::addSuppressed);
            throw e;
        }
    }
}
