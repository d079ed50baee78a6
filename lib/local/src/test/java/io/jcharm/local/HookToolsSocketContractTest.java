package io.jcharm.local;

import java.util.Map;

/**
 * The same contract, with the tools asked over the model's socket as the local model's hooks
 * ask them ({@code JCHARM_HOOK_TOOLS=socket}): every answer, error and side effect must be the
 * one the client script's process gives. The PATH has no hook tools, so a call that fell back to
 * a process would fail.
 */
class HookToolsSocketContractTest extends HookToolsContractTest {
    @Override
    Map<String, String> environment(String contextId) {
        return Map.of("PATH", "/nonexistent", "JUJU_CONTEXT_ID", contextId, "JUJU_AGENT_SOCKET_ADDRESS", server.address(),
                "TMPDIR", tmp.toString(), "JCHARM_HOOK_TOOLS", "socket");
    }
}
