package io.jcharm.core;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.MetadataException;
import io.jcharm.core.tools.ExecHookTools;
import io.jcharm.core.tools.HookTools;
import io.jcharm.core.tools.LogLevel;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * The process entry point the packed {@code dispatch} execs: reads the hook context, the
 * charm's metadata and runs the charm class named by the first argument.
 *
 * <pre>{@code
 * exec "$CHARM_DIR/runtime/bin/java" ... io.jcharm.core.CharmMain io.jcharm.charms.hello.HelloCharm
 * }</pre>
 */
public final class CharmMain {
    private CharmMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    /** Runs one dispatch and returns the exit code (separate from main for tests). */
    static int run(String[] args, Map<String, String> env) {
        return run(args, env, new ExecHookTools(env), System.err);
    }

    /**
     * Runs one hook in a long-lived JVM (the warm runtime): the charm class comes from
     * {@code loader}, and the hook's own environment and stderr are used, never the process's.
     */
    public static int runHook(String charmClass, ClassLoader loader, Map<String, String> env, PrintStream stderr) {
        return run(new String[] {charmClass}, env, new ExecHookTools(env), stderr, loader);
    }

    /** As {@link #run(String[], Map)} with the hook tools and stderr given. */
    static int run(String[] args, Map<String, String> env, HookTools tools, PrintStream stderr) {
        return run(args, env, tools, stderr, CharmMain.class.getClassLoader());
    }

    private static int run(String[] args, Map<String, String> env, HookTools tools, PrintStream stderr,
                           ClassLoader loader) {
        if (args.length != 1) {
            return fail(tools, stderr, "usage: CharmMain <charm class>; the charm's dispatch passes it", null);
        }
        JujuContext context;
        CharmMetadata metadata;
        Charm charm;
        try {
            context = JujuContext.fromEnvironment(env);
            metadata = CharmMetadata.load(context.charmDir());
            charm = instantiate(args[0], loader);
        } catch (BadContextException | MetadataException | IllegalArgumentException e) {
            return fail(tools, stderr, e.getMessage(), null);
        } catch (RuntimeException e) {
            // Not a case we foresaw: still never a silent or log-less failure.
            return fail(tools, stderr, "cannot start charm " + args[0] + ": " + e, e);
        }
        return new Dispatcher(charm, context, metadata, tools, stderr).run();
    }

    private static Charm instantiate(String className, ClassLoader loader) {
        try {
            Class<?> cls = Class.forName(className, true, loader);
            if (!Charm.class.isAssignableFrom(cls)) {
                throw new IllegalArgumentException(className + " does not implement io.jcharm.core.Charm");
            }
            return (Charm) cls.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("charm class " + className + " is not in the charm's jar; repack the charm", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("the constructor of charm " + className + " threw " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create charm " + className
                    + ": it needs a public no-argument constructor (" + e + ")", e);
        } catch (LinkageError e) {
            throw new IllegalArgumentException("cannot load charm " + className + ": " + e
                    + "; the charm's jar or its runtime is incomplete, repack the charm", e);
        }
    }

    private static int fail(HookTools tools, PrintStream stderr, String message, Throwable trace) {
        stderr.println("ERROR " + message);
        if (trace != null) {
            trace.printStackTrace(stderr);
        }
        try {
            tools.jujuLog(LogLevel.ERROR, message);
        } catch (RuntimeException ignored) {
            // Already on stderr, which Juju also logs; outside a hook juju-log does not exist.
        }
        return 1;
    }
}
