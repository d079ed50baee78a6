package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jcharm.kubernetes.slf4j.JujuLogServiceProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @TempDir
    Path tmp;

    @Test
    void fabric8sUnstableVersionWarningStaysOutOfJujuLogOtherWarningsDoNot() {
        try (MockApi api = new MockApi(tmp)) {
            TestModel hook = new TestModel("jupyter", "kubeflow", api.env());
            Kubernetes kube = Kubernetes.of(hook.model);
            // A kind no other test asks for: fabric8 warns once per JVM for each unstable type and version.
            ResourceDefinitionContext probes = new ResourceDefinitionContext.Builder().withGroup("probes.jcharm.io")
                    .withVersion("v1alpha1").withKind("SilenceProbe").withPlural("silenceprobes").withNamespaced(true).build();
            assertTrue(kube.client().genericKubernetesResources(probes).inNamespace("kubeflow").list().getItems().isEmpty());
            // fabric8's own call, as its VersionUsageUtils makes it for a kind first used in this JVM.
            LoggerFactory.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils").warn(
                    "The client is using resource type '{}' with unstable version '{}'", "poddefaults", "v1alpha1");
            LoggerFactory.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils").warn("something else {}", "x");
            LoggerFactory.getLogger("io.fabric8.kubernetes.client.Config").warn("Found multiple Kubernetes config files");

            assertEquals(List.of("WARNING io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils: something else x",
                    "WARNING io.fabric8.kubernetes.client.Config: Found multiple Kubernetes config files"), hook.logs("WARNING"));
        }
    }
}
