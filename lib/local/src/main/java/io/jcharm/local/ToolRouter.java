package io.jcharm.local;

import io.jcharm.local.ModelDoc.FaultDoc;
import java.util.Iterator;
import java.util.Set;

/**
 * Answers one hook tool for one hook run: checks the injected faults, then hands the call to the
 * family that implements it. Everything happens under the controller's lock, so a tool sees
 * the model as one consistent state.
 *
 * <pre>{@code
 * ToolHandler handler = new ToolRouter(controller, ctx, charmDirs)::handle;
 * }</pre>
 */
final class ToolRouter {
    private static final Set<String> UNSUPPORTED = Set.of("leader-get", "leader-set", "pod-spec-get", "pod-spec-set",
            "k8s-spec-get", "k8s-spec-set", "k8s-raw-get", "k8s-raw-set");

    private final Controller controller;
    private final HookContext ctx;
    private final RelationTools relations;
    private final UnitTools unit;
    private final SecretTools secrets;

    ToolRouter(Controller controller, HookContext ctx, StateDir dirs) {
        this.controller = controller;
        this.ctx = ctx;
        this.relations = new RelationTools(controller, ctx);
        this.unit = new UnitTools(controller, ctx, dirs);
        this.secrets = new SecretTools(controller, ctx);
    }

    ToolReply handle(ToolCall call) {
        synchronized (controller) {
            ToolReply fault = injectedFault(call);
            if (fault != null) {
                return fault;
            }
            String tool = call.tool();
            try {
                if (tool.startsWith("relation-") || tool.equals("network-get")) {
                    return relations.handle(call);
                }
                if (tool.startsWith("secret-")) {
                    return secrets.handle(call);
                }
                if (UNSUPPORTED.contains(tool)) {
                    return ToolReply.error(1, tool + " is not supported by the jcharm local model (deprecated or podspec-only"
                            + " in Juju 3); use relation data, Juju secrets or Pebble instead");
                }
                return unit.handle(call);
            } catch (Flags.UsageException e) {
                return e.reply();
            } catch (ToolError e) {
                return ToolReply.error(e.exit, e.getMessage());
            }
        }
    }

    private ToolReply injectedFault(ToolCall call) {
        for (Iterator<FaultDoc> it = controller.doc.faults.iterator(); it.hasNext(); ) {
            FaultDoc f = it.next();
            boolean unitMatches = f.unit.equals("*") || f.unit.equals(ctx.unit) || f.unit.equals(ctx.app);
            if (unitMatches && f.tool.equals(call.tool()) && call.args().containsAll(f.args) && f.remaining > 0) {
                f.remaining--;
                if (f.remaining == 0) {
                    it.remove();
                }
                controller.log.append(ctx.unit, "WARNING", "jcharm.local.fault", "injected fault: " + String.join(" ", call.argv())
                        + " fails (" + f.remaining + " more to come)");
                return ToolReply.error(1, call.tool() + ": injected fault (jcharm local model fault injection for "
                        + ctx.unit + ")");
            }
        }
        return null;
    }

    /** A tool that refuses, with Juju's exit code (2 for usage and relation-not-found, else 1). */
    static final class ToolError extends RuntimeException {
        final int exit;

        ToolError(int exit, String message) {
            super(message);
            this.exit = exit;
        }
    }
}
