package io.jcharm.core.warm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the classes of the charm's own jar afresh (child first), and everything else (the SDK,
 * libraries, the JDK) from the parent, so that no static state of the charm survives a hook.
 *
 * <pre>{@code
 * try (CharmLoader loader = CharmLoader.of(Path.of("lib/hello.jar"), ClassLoader.getSystemClassLoader())) {
 *     Class<?> charm = Class.forName("io.jcharm.charms.hello.HelloCharm", true, loader);
 * }
 * }</pre>
 */
final class CharmLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** Binary names of the classes in the charm jar, read once per runtime. */
    private final Set<String> own;

    private CharmLoader(URL jar, Set<String> own, ClassLoader parent) {
        super("jcharm-charm", new URL[] {jar}, parent);
        this.own = own;
    }

    /** The class names in {@code jar}; read once, each hook's loader shares the set. */
    static Set<String> classNames(Path jar) {
        Set<String> names = new HashSet<>();
        try (JarFile f = new JarFile(jar.toFile())) {
            for (JarEntry e : java.util.Collections.list(f.entries())) {
                String n = e.getName();
                if (n.endsWith(".class") && !n.startsWith("META-INF/") && !n.equals("module-info.class")) {
                    names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the charm jar " + jar + ": " + e.getMessage(), e);
        }
        return Set.copyOf(names);
    }

    static CharmLoader of(Path jar, Set<String> own, ClassLoader parent) {
        try {
            return new CharmLoader(jar.toUri().toURL(), own, parent);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("the charm jar path " + jar + " is not a valid URL: " + e.getMessage(), e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!own.contains(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
