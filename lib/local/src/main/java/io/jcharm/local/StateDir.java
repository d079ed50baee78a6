package io.jcharm.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The layout of a rehearsal's state directory (default {@code ./.jcharm/model}).
 *
 * <pre>
 * model.json                 the model: applications, units, relations, secrets, ..., Kubernetes objects
 * debug.log                  the model's log (jcharm debug-log)
 * lock                       serialises concurrent jcharm commands
 * tools/                     the hook-tool client and its symlinks (first on every hook's PATH)
 * kubeconfigs/&lt;app&gt;.yaml     the embedded Kubernetes API as each application's service account sees it
 * charms/&lt;app&gt;-r&lt;rev&gt;.charm   each deployed archive, copied (deleted once no application deploys it)
 * charms/unpacked/&lt;sha256&gt;/  each archive unpacked once (deleted once no unit links to it)
 * units/&lt;app&gt;-&lt;n&gt;/charm-r&lt;rev&gt;/ the unit's charm (JUJU_CHARM_DIR): hard links to charms/unpacked
 * units/&lt;app&gt;-&lt;n&gt;/pebble/    each workload container's saved Pebble state
 * units/&lt;app&gt;-&lt;n&gt;/sandbox/   machine charms: fake system tools (bin/), their call log, root/
 * units/&lt;app&gt;-&lt;n&gt;/home, tmp   HOME and TMPDIR of its hooks
 * workloads/&lt;app&gt;/          what a workload stand-in keeps (a minio application's buckets and objects)
 * hosts                      the model's Services on loopback addresses, for hook JVMs
 * hook-timings.log           per hook: preparing, running, tool calls, API requests, saving (milliseconds)
 * </pre>
 *
 * <pre>{@code
 * StateDir dir = new StateDir(Path.of(".jcharm/model"));
 * dir.charmDir("hello/0", 1);   // .jcharm/model/units/hello-0/charm-r1
 * }</pre>
 */
record StateDir(Path root) {

    StateDir {
        root = root.toAbsolutePath().normalize();
    }

    Path modelJson() {
        return root.resolve("model.json");
    }

    /** Where older versions kept the Kubernetes objects; read once, then folded into model.json. */
    Path legacyKubeJson() {
        return root.resolve("kube.json");
    }

    /** One line per hook: where its time went (bench/local-model sums it up). */
    Path hookTimings() {
        return root.resolve("hook-timings.log");
    }

    Path debugLog() {
        return root.resolve("debug.log");
    }

    Path lockFile() {
        return root.resolve("lock");
    }

    Path tools() {
        return root.resolve("tools");
    }

    /** The hosts file of the model's Kubernetes Services, which hook JVMs resolve names from. */
    Path hosts() {
        return root.resolve("hosts");
    }

    /** The kubeconfig an application's hooks use: the embedded API, with its service account's token. */
    Path kubeconfig(String app) {
        return root.resolve("kubeconfigs").resolve(app + ".yaml");
    }

    Path charmArchive(String app, int revision) {
        return root.resolve("charms").resolve(app + "-r" + revision + ".charm");
    }

    /** Where every unit's directory is. */
    Path units() {
        return root.resolve("units");
    }

    Path unitDir(String unit) {
        return units().resolve(unit.replace('/', '-'));
    }

    Path charmDir(String unit, int revision) {
        return unitDir(unit).resolve("charm-r" + revision);
    }

    Path pebbleDir(String unit) {
        return unitDir(unit).resolve("pebble");
    }

    Path sandbox(String unit) {
        return unitDir(unit).resolve("sandbox");
    }

    /** Where a workload stand-in keeps an application's data (MinIO's buckets); removed with the application. */
    Path workloadData(String app) {
        return root.resolve("workloads").resolve(app);
    }

    Path resources(String app) {
        return root.resolve("resources").resolve(app);
    }

    /** Deletes a file or a directory tree; used for units, charm revisions and applications that are gone. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
