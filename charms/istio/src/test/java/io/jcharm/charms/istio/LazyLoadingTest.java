package io.jcharm.charms.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.kubernetes.testing.RecordingLoader;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.State;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hook latency on non-leader units: their hooks stop at the leader gate, so they must not load
 * fabric8 at all. The hook runs in a child-first class loader that records what it defines.
 */
class LazyLoadingTest {

    /** A non-leader's config-changed; run inside the recording loader. */
    public static final class NonLeaderHook implements Runnable {
        @Override
        public void run() {
            State out = Context.of(IstioCharm::new).run(Events.configChanged(), State.empty());
            if (!out.unitStatus().equals(Status.waiting("[leader] waiting for leadership"))) {
                throw new AssertionError("unexpected status " + out.unitStatus());
            }
        }
    }

    /** The control: a leader's hook reaches for the API (and finds none), so fabric8 loads. */
    public static final class LeaderHook implements Runnable {
        @Override
        public void run() {
            State out = Context.of(IstioCharm::new).run(Events.configChanged(), State.empty().withLeader(true));
            if (!out.unitStatus().message().startsWith("[istio-owner] no Kubernetes API")) {
                throw new AssertionError("unexpected status " + out.unitStatus());
            }
        }
    }

    @Test
    void aNonLeaderHookLoadsNoFabric8Class() throws Exception {
        try (RecordingLoader l = RecordingLoader.overTestClassPath()) {
            l.run(NonLeaderHook.class.getName());
            assertTrue(l.loaded(IstioCharm.class.getName()), "the hook ran in the recording loader");
            assertEquals(List.of(), l.defined("io.fabric8."));

            l.run(LeaderHook.class.getName());
            // Only a handful: with no API to talk to, the leader stops before fabric8 builds a client.
            assertFalse(l.defined("io.fabric8.").isEmpty(), "the detector sees fabric8 once it is used");
        }
    }
}
