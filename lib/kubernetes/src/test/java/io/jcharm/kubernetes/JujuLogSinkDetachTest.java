package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcharm.core.Log;
import io.jcharm.kubernetes.slf4j.JujuLogSink;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** In a warm runtime hooks share the SLF4J sink: a hook's juju-log must not get the next hook's records. */
class JujuLogSinkDetachTest {
    @Test
    void recordsAfterDetachDoNotReachTheHookBefore() {
        TestModel first = new TestModel("app", "m", Map.of());
        Log hookLog = first.model.log();
        JujuLogSink.attach(hookLog);
        LoggerFactory.getLogger("io.fabric8.test").warn("during the hook");
        JujuLogSink.detach(hookLog);
        LoggerFactory.getLogger("io.fabric8.test").warn("after the hook");
        assertEquals(List.of("WARNING io.fabric8.test: during the hook"), first.logs("WARNING"));
    }

    @Test
    void detachingAnotherHooksLogLeavesTheCurrentOneAttached() {
        TestModel old = new TestModel("app", "m", Map.of());
        TestModel current = new TestModel("app", "m", Map.of());
        Log currentLog = current.model.log();
        JujuLogSink.attach(currentLog);
        JujuLogSink.detach(old.model.log());
        LoggerFactory.getLogger("io.fabric8.test").warn("still here");
        JujuLogSink.detach(currentLog);
        assertEquals(List.of("WARNING io.fabric8.test: still here"), current.logs("WARNING"));
    }
}
