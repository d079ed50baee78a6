package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Start-up cost: a hook that never touches Kubernetes must not load (or verify against) any
 * fabric8 class. The hook runs in a fresh class loader that records every class it defines.
 */
class LazyLoadingTest {

    /** Child-first over the test class path, so every class of ours and fabric8's is defined here. */
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

        List<String> fabric8() {
            synchronized (defined) {
                return defined.stream().filter(n -> n.startsWith("io.fabric8.")).toList();
            }
        }
    }

    private static RecordingLoader loader() throws MalformedURLException {
        // Surefire runs tests from a manifest-only jar; it passes the real class path separately.
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new RecordingLoader(urls.toArray(URL[]::new));
    }

    private static void run(RecordingLoader l, String className) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(l); // fabric8 finds its model classes through the context loader
        try {
            Runnable r = (Runnable) l.loadClass(className).getDeclaredConstructor().newInstance();
            r.run();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    @Test
    void aHookThatDoesNotTouchKubernetesLoadsNoFabric8Class() throws Exception {
        try (RecordingLoader l = loader()) {
            run(l, NoKubernetesHook.class.getName());

            assertTrue(l.defined.contains(Kubernetes.class.getName()), "the probe ran in the recording loader");
            assertTrue(l.defined.contains(ResourcesComponent.class.getName()));
            assertEquals(List.of(), l.fabric8());

            // The control: touching the API types does load fabric8 in this same loader.
            run(l, NoKubernetesHook.Touch.class.getName());
            assertTrue(l.fabric8().size() > 50, "fabric8 classes seen once used: " + l.fabric8().size());
        }
    }
}
