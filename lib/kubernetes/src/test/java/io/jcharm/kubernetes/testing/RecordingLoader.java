package io.jcharm.kubernetes.testing;

import java.io.File;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A child-first class loader over the test class path that records every class it defines, so a
 * test can check what a hook loads (start-up cost: a hook that never touches Kubernetes must
 * not load fabric8). Shared through jcharm-kubernetes's test-jar.
 *
 * <pre>{@code
 * try (RecordingLoader l = RecordingLoader.overTestClassPath()) {
 *     l.run(MyNonLeaderHook.class.getName());
 *     assertEquals(List.of(), l.defined("io.fabric8."));
 * }
 * }</pre>
 */
public final class RecordingLoader extends URLClassLoader {
    private final List<String> defined = Collections.synchronizedList(new ArrayList<>());

    private RecordingLoader(URL[] urls) {
        super("recording", urls, ClassLoader.getPlatformClassLoader());
    }

    /** A loader over the class path Surefire runs the tests with. */
    public static RecordingLoader overTestClassPath() {
        // Surefire runs tests from a manifest-only jar; it passes the real class path separately.
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        try {
            for (String entry : cp.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
        return new RecordingLoader(urls.toArray(URL[]::new));
    }

    /** Every class this loader defined whose name starts with {@code prefix}, in order. */
    public List<String> defined(String prefix) {
        synchronized (defined) {
            return defined.stream().filter(n -> n.startsWith(prefix)).toList();
        }
    }

    /** Whether this loader defined the class named {@code className}. */
    public boolean loaded(String className) {
        return defined.contains(className);
    }

    /** Instantiates the {@link Runnable} named {@code className} in this loader and runs it. */
    public void run(String className) throws ReflectiveOperationException {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(this); // fabric8 finds its model classes through the context loader
        try {
            ((Runnable) loadClass(className).getDeclaredConstructor().newInstance()).run();
        } finally {
            t.setContextClassLoader(before);
        }
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
