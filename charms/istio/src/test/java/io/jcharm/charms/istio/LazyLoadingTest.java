package io.jcharm.charms.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.State;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
            if (!out.unitStatus().message().startsWith("[crds] no Kubernetes API")) {
                throw new AssertionError("unexpected status " + out.unitStatus());
            }
        }
    }

    static final class RecordingLoader extends URLClassLoader {
        final List<String> defined = Collections.synchronizedList(new ArrayList<>());

        RecordingLoader(URL[] urls) {
            super("recording", urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try {
                        c = findClass(name);
                        defined.add(name);
                    } catch (ClassNotFoundException e) {
                        c = super.loadClass(name, false);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    @Test
    void aNonLeaderHookLoadsNoFabric8Class() throws Exception {
        // Surefire runs tests from a manifest-only jar; it passes the real class path separately.
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        try (RecordingLoader l = new RecordingLoader(urls.toArray(URL[]::new))) {
            run(l, NonLeaderHook.class);
            assertTrue(l.defined.contains(IstioCharm.class.getName()), "the hook ran in the recording loader");
            assertEquals(List.of(), fabric8(l));

            run(l, LeaderHook.class);
            // Only a handful: with no API to talk to, the leader stops before fabric8 builds a client.
            assertFalse(fabric8(l).isEmpty(), "the detector sees fabric8 once it is used");
        }
    }

    private static List<String> fabric8(RecordingLoader l) {
        synchronized (l.defined) {
            return l.defined.stream().filter(n -> n.startsWith("io.fabric8.")).toList();
        }
    }

    private static void run(RecordingLoader l, Class<? extends Runnable> hook) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(l); // fabric8 finds its model classes through the context loader
        try {
            ((Runnable) l.loadClass(hook.getName()).getDeclaredConstructor().newInstance()).run();
        } finally {
            t.setContextClassLoader(before);
        }
    }
}
