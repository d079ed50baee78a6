package io.jcharm.local;

import io.jcharm.controller.HookRun;

/**
 * One hook run of the local model: the controller's {@link HookRun} (who runs what, and the
 * changes that become visible to others only if the hook succeeds) plus the local model's own
 * bookkeeping: the queued hook it came from and its run number.
 *
 * <pre>{@code
 * HookContext ctx = controller.claim().orElseThrow();
 * ctx.unitWrites.computeIfAbsent(3, k -> new TreeMap<>()).put("greeting", "Hello");
 * }</pre>
 */
final class HookContext extends HookRun {
    final HookSpec hook;
    final long seq;
    /** Set by the runner once the tool server has registered the run. */
    String contextId = "";
    /** Set by the runner: where this hook's time went. */
    HookTimings.Hook timing;

    HookContext(String unit, HookSpec hook, long seq) {
        super(unit, hook.name(), hook.relationId(), hook.remoteUnit(), hook.action() ? hook.actionId() : null);
        this.hook = hook;
        this.seq = seq;
    }
}
