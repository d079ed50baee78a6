package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.kubernetes.testing.RecordingLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Start-up cost: a hook that never touches Kubernetes must not load (or verify against) any
 * fabric8 class. The hook runs in a fresh class loader that records every class it defines.
 */
class LazyLoadingTest {

    @Test
    void aHookThatDoesNotTouchKubernetesLoadsNoFabric8Class() throws Exception {
        try (RecordingLoader l = RecordingLoader.overTestClassPath()) {
            l.run(NoKubernetesHook.class.getName());

            assertTrue(l.loaded(Kubernetes.class.getName()), "the probe ran in the recording loader");
            assertTrue(l.loaded(ResourcesComponent.class.getName()));
            assertEquals(List.of(), l.defined("io.fabric8."));

            // The control: touching the API types does load fabric8 in this same loader.
            l.run(NoKubernetesHook.Touch.class.getName());
            assertTrue(l.defined("io.fabric8.").size() > 50, "fabric8 classes seen once used: " + l.defined("io.fabric8.").size());
        }
    }
}
