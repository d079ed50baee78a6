package io.jcharm.local;

import io.jcharm.controller.HookRun;
import io.jcharm.controller.Jujuc;
import io.jcharm.controller.ToolCall;
import io.jcharm.controller.ToolHandler;
import io.jcharm.controller.ToolReply;
import io.jcharm.local.ModelDoc.FaultDoc;
import java.util.Iterator;

/**
 * Answers one hook tool for one hook run: checks the injected faults, then hands the call to
 * jcharm-controller's {@link Jujuc}, which owns Juju's rules. Everything happens under the
 * controller's lock, so a tool sees the model as one consistent state.
 *
 * <pre>{@code
 * ToolHandler handler = new ToolRouter(controller, ctx, dirs)::handle;
 * }</pre>
 */
final class ToolRouter {
    private final Controller controller;
    private final HookContext ctx;
    private final Jujuc jujuc;

    ToolRouter(Controller controller, HookContext ctx, StateDir dirs) {
        this.controller = controller;
        this.ctx = ctx;
        this.jujuc = new Jujuc(controller.doc, new LocalHost(controller, dirs));
    }

    ToolReply handle(ToolCall call) {
        synchronized (controller) {
            ToolReply fault = injectedFault(call);
            return fault != null ? fault : jujuc.run((HookRun) ctx, call);
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
}
