package io.jcharm.testing;

import io.jcharm.core.ActionContext;
import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.Event;
import io.jcharm.core.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** A test charm whose components and action handler each test chooses; it logs the event it got. */
final class DemoCharm implements Charm {
    static final Path DIR = Path.of("src/test/resources/demo");

    private final List<Component<?>> components;
    private final Consumer<ActionContext> action;

    DemoCharm(List<Component<?>> components, Consumer<ActionContext> action) {
        this.components = components;
        this.action = action;
    }

    /** A context running a charm with these components. */
    static Context with(Component<?>... components) {
        return Context.of(() -> new DemoCharm(List.of(components), a -> a.fail("no handler")), DIR);
    }

    /** A context running a charm with this action handler. */
    static Context withAction(Consumer<ActionContext> action) {
        return Context.of(() -> new DemoCharm(List.of(), action), DIR);
    }

    @Override
    public Components components(Model model) {
        model.log().info("event " + Event.from(model.context(), model.metadata()).orElseThrow());
        return Components.of(components);
    }

    @Override
    public void onAction(ActionContext action, Model model) {
        this.action.accept(action);
    }
}
