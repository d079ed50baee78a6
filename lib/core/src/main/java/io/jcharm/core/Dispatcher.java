package io.jcharm.core;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.tools.HookTools;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;

/**
 * Runs one hook or action of a charm: turns the context into an event, reconciles (or runs the
 * action or teardown), then sends relation data. Returns the process exit code.
 *
 * <pre>{@code
 * int code = new Dispatcher(charm, ctx, meta, tools, System.err).run();
 * }</pre>
 */
public final class Dispatcher {
    private final Charm charm;
    private final JujuContext context;
    private final CharmMetadata metadata;
    private final HookTools tools;
    private final PrintStream stderr;

    public Dispatcher(Charm charm, JujuContext context, CharmMetadata metadata, HookTools tools, PrintStream stderr) {
        this.charm = charm;
        this.context = context;
        this.metadata = metadata;
        this.tools = tools;
        this.stderr = stderr;
    }

    /** Runs the event; 0 on success, 1 when Juju should mark the hook failed and retry. */
    public int run() {
        Model model = new Model(context, metadata, tools, stderr);
        Optional<Event> event;
        try {
            event = Event.from(context, metadata);
        } catch (BadContextException e) {
            model.log().fatal(e.getMessage());
            return 1;
        }
        if (event.isEmpty()) {
            model.log().debug("ignoring hook " + context.hookName() + ": charm " + metadata.name() + " does not handle it");
            return 0;
        }
        Event ev = event.get();
        try {
            // Java 17: no pattern switch, so a chain of instanceof.
            if (ev instanceof Event.Action a) {
                runAction(a, model);
            } else if (ev instanceof Event.Remove) {
                charm.onRemove(model);
            } else if (ev instanceof Event.Reconciling) {
                reconcile(model);
            } else {
                model.log().debug("nothing to do for " + ev.hookName());
            }
            model.commit();
            return 0;
        } catch (Exception e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            model.log().fatal("hook " + ev.hookName() + " failed: " + e + "\n" + trace);
            return 1;
        } finally {
            model.closeResources();
        }
    }

    private void reconcile(Model model) {
        Components components;
        try {
            components = charm.components(model);
        } catch (InvalidConfigException | RelationDataException e) {
            // A charm may bind its config while building components; a bad value is still the
            // user's to fix (Blocked), not Juju's to retry.
            Status blocked = Status.blocked(e.getMessage());
            model.log().debug("charm " + metadata.name() + " cannot build its components: " + e.getMessage());
            model.unit().setStatus(blocked);
            if (model.isLeader()) {
                model.app().setStatus(blocked);
            }
            return;
        }
        new Reconciler().run(components, model);
    }

    private void runAction(Event.Action a, Model model) throws Exception {
        ActionContext action = new ActionContext(a.name(), a.id(), metadata.actions().get(a.name()), tools,
                model.log());
        try {
            action.params();
            charm.onAction(action, model);
        } catch (ActionParamsException e) {
            action.fail(e.getMessage());
        }
    }
}
