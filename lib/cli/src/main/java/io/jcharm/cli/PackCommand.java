package io.jcharm.cli;

import io.jcharm.pack.CharmPacker;
import io.jcharm.pack.CharmProject;
import io.jcharm.pack.CharmcraftReader;
import io.jcharm.pack.PackException;
import io.jcharm.pack.PackMain;
import io.jcharm.pack.PackRequest;
import io.jcharm.pack.PackResult;
import io.jcharm.pack.Platform;
import io.jcharm.process.ProcessRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jcharm pack}: validates a charm's charmcraft.yaml with Juju's rules and packs the
 * built charm module into a {@code .charm} that carries its own Java runtime.
 *
 * <pre>{@code
 * jcharm pack charms/hello                 # -> charms/hello/target/hello_ubuntu-24.04-amd64.charm
 * jcharm pack charms/hello --validate-only # every problem in charmcraft.yaml, with its line
 * }</pre>
 */
@Command(name = "pack", mixinStandardHelpOptions = true,
        description = {"Validate <charm-dir>/charmcraft.yaml with Juju's rules, then pack the charm module built in"
                + " <charm-dir>/target (its jar and target/charm-lib) into <name>_<base>-<arch>.charm: metadata,"
                + " config and actions split as charmcraft does, a jlinked Java runtime, a startup archive trained"
                + " on the charm's own dispatch, and a POSIX sh dispatch.",
            "Build the module first (mvn -B -pl <charm-dir> -am package does both steps)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:charmcraft.yaml is invalid (every problem is listed with file:line) or bad input",
            "2:usage error", "3:a build step failed (jdeps, jlink, a training run of the charm's hooks)"})
public final class PackCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<charm-dir>", description = "The charm module: a directory with charmcraft.yaml.")
    Path charmDir;

    @Option(names = "--jar", paramLabel = "<jar>", description = "The charm's jar (default: the one jar in <charm-dir>/target).")
    Path jar;

    @Option(names = "--libs", paramLabel = "<dir>", description = "Its runtime dependency jars (default: <charm-dir>/target/charm-lib).")
    Path libs;

    @Option(names = {"-o", "--output"}, paramLabel = "<dir>", description = "Where the .charm goes (default: <charm-dir>/target).")
    Path output;

    @Option(names = "--jdk", paramLabel = "<home>",
            description = "The JDK to link the runtime from (default: the newest under /usr/lib/jvm, else this one).")
    Path jdk;

    @Option(names = "--archive", paramLabel = "aot|cds",
            description = "Startup archive: aot (JDK 25 AOT cache, fastest; the default on JDK 25) or cds (AppCDS, byte-reproducible).")
    String archive;

    @Option(names = "--charm-version", paramLabel = "<version>", description = "Written to the charm's version file.")
    String charmVersion;

    @Option(names = "--extra-modules", split = ",", paramLabel = "<module>",
            description = "JDK modules to add to what jdeps finds (for reflection jdeps cannot see).")
    List<String> extraModules = List.of();

    @Option(names = "--jvm-option", paramLabel = "<option>",
            description = "Replaces dispatch's JVM options (repeat it; default: the measured set in PackRequest).")
    List<String> jvmOptions = List.of();

    @Option(names = "--warm-idle", paramLabel = "<seconds>",
            description = "Seconds the unit's warm runtime waits for the next hook before it exits (default: 60;"
                    + " JCHARM_WARM_IDLE on a unit overrides it).")
    Integer warmIdle;

    @Option(names = "--validate-only", description = "Only check charmcraft.yaml; build nothing.")
    boolean validateOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = charmDir.toAbsolutePath().normalize();
        CharmProject project;
        try {
            project = CharmcraftReader.load(dir);
        } catch (PackException e) {
            e.problems().forEach(p -> err.println(dir.resolve(p.file()) + (p.line() > 0 ? ":" + p.line() : "") + ": error: "
                    + p.message()));
            err.println("    fix: correct the " + e.problems().size() + " problem(s) above in " + dir.resolve("charmcraft.yaml")
                    + ", then run jcharm pack again");
            return 1;
        }
        if (validateOnly) {
            out.println(dir.resolve("charmcraft.yaml") + " is valid: charm " + project.name() + " for "
                    + project.platforms().stream().map(Platform::name).collect(Collectors.joining(", ")));
            return 0;
        }
        try {
            Path target = dir.resolve("target");
            PackRequest req = PackRequest.of(dir, jar != null ? jar.toAbsolutePath() : charmJar(target),
                    dependencies(libs != null ? libs.toAbsolutePath() : target.resolve("charm-lib"), target),
                    output != null ? output.toAbsolutePath() : target);
            // Share linked runtimes and archives with the Maven build when packing a module of this repo.
            if (Files.isRegularFile(dir.getParent().resolve("pom.xml"))) {
                req = req.withCacheDir(dir.getParent().resolve("target/jcharm-pack-cache"));
            }
            if (jdk != null) {
                req = req.withJdk(jdk.toAbsolutePath());
            }
            if (archive != null) {
                req = req.withArchiveKind(PackMain.archiveKind(archive));
            }
            if (charmVersion != null) {
                req = req.withVersion(charmVersion);
            }
            if (!jvmOptions.isEmpty()) {
                req = req.withJvmOptions(jvmOptions);
            }
            if (!extraModules.isEmpty()) {
                req = req.withExtraModules(extraModules);
            }
            if (warmIdle != null) {
                req = req.withWarmIdle(warmIdle);
            }
            List<PackResult> results = new CharmPacker(new ProcessRunner(), m -> out.println("jcharm pack: " + m))
                    .pack(req);
            for (PackResult r : results) {
                out.printf("%s  %.1f MiB  packed in %.1f s%n", r.charm(), r.size() / 1048576.0, r.took().toMillis() / 1000.0);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("    fix: check the options given to jcharm pack (jcharm pack --help)");
            return 1;
        } catch (PackException e) {
            err.println("error: " + e.getMessage());
            err.println(e.problems().isEmpty() ? "    fix: see the packing step named above; the JDK tools (jlink, java) must run"
                    : "    fix: correct the problems above, then run jcharm pack again");
            return e.problems().isEmpty() ? 3 : 1;
        }
    }

    /** The module's jar in target/ (not sources, javadoc or tests). */
    private static Path charmJar(Path target) {
        List<Path> jars = list(target).filter(p -> p.getFileName().toString().endsWith(".jar"))
                .filter(p -> !p.getFileName().toString().matches(".*-(sources|javadoc|tests|test-fixtures)\\.jar")).toList();
        if (jars.size() != 1) {
            throw new IllegalArgumentException((jars.isEmpty() ? "no charm jar" : "several jars " + jars) + " in " + target
                    + ": build the module first (mvn -B -pl <charm-dir> -am package), or pass --jar");
        }
        return jars.get(0);
    }

    private static List<Path> dependencies(Path dir, Path target) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no runtime dependencies in " + dir + ": build the module with"
                    + " mvn -B -pl <charm-dir> -am package (it copies them there), or pass --libs");
        }
        return list(dir).filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    }

    private static Stream<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList().stream();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
