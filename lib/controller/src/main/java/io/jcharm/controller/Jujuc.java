package io.jcharm.controller;

import java.util.List;
import java.util.Set;

/**
 * The controller's end of every hook tool: answers one call (tool name, argv, stdin) for one
 * hook run with Juju's stdout, stderr and exit code, and commits a successful run's changes.
 * Not thread-safe: the host calls it under the one lock that guards its model.
 *
 * <pre>{@code
 * Jujuc jujuc = new Jujuc(model, host);
 * HookRun run = new HookRun("hello/0", "config-changed");
 * ToolReply r = jujuc.run(run, ToolCall.of("status-set", "--application=False", "active"));
 * List<Notice> heard = Jujuc.commit(model, run);
 * }</pre>
 */
public final class Jujuc {
    /** Hook tools of Juju 3.6 that this controller refuses: deprecated, or for podspec charms only. */
    private static final Set<String> UNSUPPORTED = Set.of("leader-get", "leader-set", "pod-spec-get", "pod-spec-set",
            "k8s-spec-get", "k8s-spec-set", "k8s-raw-get", "k8s-raw-set");

    final ModelState<?> model;
    final Host host;
    final ToolOutput output = new ToolOutput();

    public Jujuc(ModelState<?> model, Host host) {
        this.model = model;
        this.host = host;
    }

    /** Answers one tool call made by {@code run}'s hook. */
    public ToolReply run(HookRun run, ToolCall call) {
        String tool = call.tool();
        try {
            if (tool.startsWith("relation-") || tool.equals("network-get")) {
                return new RelationTools(this, run).handle(call);
            }
            if (tool.startsWith("secret-")) {
                return new SecretTools(this, run).handle(call);
            }
            if (UNSUPPORTED.contains(tool)) {
                return ToolReply.error(1, tool + " is not supported by jcharm's controller (deprecated or podspec-only"
                        + " in Juju 3); use relation data, Juju secrets or Pebble instead");
            }
            return new UnitTools(this, run).handle(call);
        } catch (Flags.UsageException e) {
            return e.reply();
        } catch (ToolError e) {
            return ToolReply.error(e.exit, e.getMessage());
        }
    }

    /**
     * Applies a successful hook's changes to the model.
     *
     * @return who hears of them (relation-changed, secret-changed), for the host to queue
     * @throws IllegalStateException when the unit is no longer in the model
     */
    public static List<Notice> commit(ModelState<?> model, HookRun run) {
        UnitState u = model.unitState(run.unit).orElseThrow(
                () -> new IllegalStateException("unit " + run.unit + " is not in the model: nothing to commit"));
        return new Commit(model).apply(run, u);
    }

    /** Go's strconv.ParseBool, as Juju's tools read booleans; for hosts that parse user input the same way. */
    public static java.util.Optional<Boolean> parseBool(String s) {
        return Flags.parseBool(s);
    }
}
