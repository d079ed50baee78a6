package io.jcharm.charms.kfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.testing.Events;
import io.jcharm.testing.State;
import io.jcharm.testing.ToolCalls;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hook-tool calls of a kfp hook that changes nothing in the cluster: each is a process in a
 * real unit, so the Kubernetes library logs one line for the connection and nothing for resource
 * sets that are unchanged.
 */
class KfpHookCallsTest extends KfpTestBase {
    @Test
    void aHookThatChangesNothingLogsOneKubernetesLine() {
        State first = f.ctx.run(Events.configChanged(), f.related());
        assertTrue(first.logs().stream().anyMatch(l -> l.startsWith("INFO kubernetes[") && l.contains("(created ")),
                "the first hook names what it created: " + first.logs());
        ToolCalls calls = new ToolCalls();

        State again = f.ctx.recordingCalls(calls).run(Events.configChanged(), first.withContainersCarriedOver());

        List<String> kube = again.logs().stream().filter(l -> l.contains("kubernetes")).toList();
        assertEquals(1, kube.size(), "one line for the connection, none for unchanged sets: " + kube);
        assertEquals(again.logs().size(), calls.count("juju-log"), "every line is a juju-log call");
        assertTrue(kube.get(0).startsWith("DEBUG kubernetes: kubeconfig ") && kube.get(0).endsWith(
                "apply mode create-or-replace (JCHARM_KUBE_APPLY; server-side apply is off)"), kube.get(0));
        assertEquals(first.unitStatus(), again.unitStatus());
    }
}
