package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.kubernetes.slf4j.JujuLogServiceProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes client's SLF4J logging reaches the hook's juju-log at the matching level, found
 * by SLF4J itself through the shipped provider (not the "no providers" notice and stderr).
 */
class ClientLoggingTest {

    @Test
    void slf4jRecordsBecomeJujuLogRecordsAtTheMatchingLevel() {
        TestModel hook = new TestModel("seldon-core", "edge", Map.of());
        Kubernetes.of(hook.model); // attaches the hook's log, as every charm's first Kubernetes use does
        Logger log = LoggerFactory.getLogger("io.fabric8.kubernetes.client.Config");
        assertTrue(LoggerFactory.getILoggerFactory().getClass().getName().startsWith(JujuLogServiceProvider.class.getName()),
                "SLF4J found the provider: " + LoggerFactory.getILoggerFactory().getClass());
        log.warn("Found multiple Kubernetes config files [{}], using the first one", "a,b");
        log.error("request failed", new IllegalStateException("boom"));
        log.info("using namespace {}", "edge");
        log.debug("chatty {}", "detail");
        assertEquals(List.of("WARNING io.fabric8.kubernetes.client.Config: Found multiple Kubernetes config files [a,b], "
                + "using the first one"), hook.logs("WARNING"));
        assertEquals(List.of("ERROR io.fabric8.kubernetes.client.Config: request failed: java.lang.IllegalStateException: boom"),
                hook.logs("ERROR"));
        assertEquals(List.of("INFO io.fabric8.kubernetes.client.Config: using namespace edge"), hook.logs("INFO"));
        assertTrue(hook.logs("DEBUG").isEmpty(), "debug is off: each juju-log call is a process");
        assertFalse(log.isDebugEnabled());
    }
}
