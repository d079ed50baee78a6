package io.jcharm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./jcharm} launcher in a copy of the repository whose {@code mvn} prints what Maven
 * 3.8 prints per module (lines taken from a real reactor build): one progress line per module,
 * the full log kept, no rebuild when nothing changed, and a failed build shown and exiting 3.
 */
class LauncherTest {
    private static final String MAVEN_LINES = """
            [INFO] Building jcharm 0.1.0-SNAPSHOT                                    [1/3]
            [INFO] --------------------------------[ pom ]---------------------------------
            [INFO] Building jcharm process 0.1.0-SNAPSHOT                            [2/3]
            [INFO] Building jcharm cli 0.1.0-SNAPSHOT                                [3/3]
            """;

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    /** A repository copy holding only the launcher; {@code mvn} prints MAVEN_LINES then does {@code then}. */
    private Path repoWithMaven(String then) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("repo"));
        Files.copy(Rehearsals.repo().resolve("jcharm"), root.resolve("jcharm"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(root.resolve("lib/cli"));
        Path mvn = Files.createDirectories(tmp.resolve("bin")).resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho \"$@\" >> \"" + tmp.resolve("mvn-args") + "\"\ncat <<'EOF'\n" + MAVEN_LINES + "EOF\n" + then + "\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return root;
    }

    private Run launch(Path root, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(root.resolve("jcharm").toString()));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", tmp.resolve("bin") + ":" + env.get("PATH"));
        Process p = pb.start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the launcher finished");
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out")), Files.readString(tmp.resolve("err")));
    }

    @Test
    void aFirstRunShowsOneLinePerModuleKeepsTheLogAndTheNextRunBuildsNothing() throws Exception {
        // Maven "builds" the CLI: its target is the real one, so the launcher then runs the real CLI.
        Path root = repoWithMaven("ln -sfn '" + Rehearsals.repo().resolve("lib/cli/target") + "' lib/cli/target");
        Run first = launch(root, "--help");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("""
                jcharm: building the jcharm CLI (the full Maven log goes to build/jcharm-build.log) ...
                jcharm:   module 1 of 3: jcharm 0.1.0-SNAPSHOT
                jcharm:   module 2 of 3: jcharm process 0.1.0-SNAPSHOT
                jcharm:   module 3 of 3: jcharm cli 0.1.0-SNAPSHOT
                """), first.err());
        assertTrue(first.out().contains("Usage: jcharm"), first.out());
        assertTrue(Files.readString(root.resolve("build/jcharm-build.log")).contains("[ pom ]"), "the whole Maven output is kept");
        assertEquals("-B -pl lib/cli -am package -DskipTests\n", Files.readString(tmp.resolve("mvn-args")));

        // The jar is older than this copy's pom.xml, as when Maven leaves a jar whose classes did not
        // change (a change in a library only): the launcher keeps the time of its last build.
        Run second = launch(root, "--help");
        assertEquals(0, second.code(), second.err());
        assertFalse(second.err().contains("building"), "nothing changed, nothing built: " + second.err());

        // A class-data archive per verb: the one --help made holds none of status's classes.
        launch(root, "status", "--model-dir", tmp.resolve("no-model").toString());
        try (var archives = Files.list(root.resolve("build"))) {
            assertEquals(java.util.List.of("cli", "status"), archives.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".jsa")).map(n -> n.replaceAll("^jcharm-cli-java[0-9]+-|\\.jsa$", "")).sorted().toList());
        }

        Files.setLastModifiedTime(root.resolve("pom.xml"), java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().plusSeconds(5)));
        Run third = launch(root, "--help");
        assertEquals(0, third.code(), third.err());
        assertTrue(third.err().contains("jcharm: building the jcharm CLI"), "a source changed since: " + third.err());

        // One find over pom.xml and lib/: build output under a target directory is not a source,
        // a file under lib/ is, however deep.
        setModified(root.resolve("pom.xml"), -60);
        assertBuildsAfterChanging(root, root.resolve("lib/core/target/classes/Built.class"), false, "only build output changed");
        assertBuildsAfterChanging(root, root.resolve("lib/core/src/main/java/io/x/Changed.java"), true, "a source under lib/ changed");
    }

    /** Writes {@code file} (newer than the last build), runs the launcher: it rebuilds the CLI or not. */
    private void assertBuildsAfterChanging(Path root, Path file, boolean builds, String why) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
        setModified(file, 60);
        Run r = launch(root, "--help");
        assertEquals(0, r.code(), r.err());
        assertEquals(builds, r.err().contains("jcharm: building the jcharm CLI"), why + ": " + r.err());
    }

    /** Sets {@code file}'s modification time to now plus {@code seconds}. */
    private static void setModified(Path file, long seconds) throws IOException {
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(seconds)));
    }

    @Test
    void onJava17And18AJarCopiedInKeepingItsOldTimeStillRemakesTheArchive() throws Exception {
        // A real copy of the CLI's target (not a link): one of its jars is replaced below.
        Path root = repoWithMaven("exit 1");
        Path target = Rehearsals.repo().resolve("lib/cli/target");
        Path copy = Files.createDirectories(root.resolve("lib/cli/target/lib"));
        try (var jars = Files.list(target)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, copy.getParent().resolve(jar.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        try (var jars = Files.list(target.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, copy.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        setModified(root.resolve("pom.xml"), -3600); // older than the jars: nothing to build
        Run first = launch(root, "status", "--model-dir", tmp.resolve("no-model").toString());
        assertEquals(1, first.code(), first.err());
        Path archive;
        try (var files = Files.list(root.resolve("build"))) {
            archive = files.filter(f -> f.getFileName().toString().endsWith("-status.jsa")).findFirst().orElseThrow();
        }
        int major = Integer.parseInt(archive.getFileName().toString().replaceAll("^jcharm-cli-java([0-9]+)-.*", "$1"));
        org.junit.jupiter.api.Assumptions.assumeTrue(major < 19, "Java " + major + " checks and remakes its archive itself");
        java.nio.file.attribute.FileTime made = Files.getLastModifiedTime(archive);

        // As Maven's dependency copy does: a library jar rewritten, its old modification time kept.
        Path jar;
        try (var jars = Files.list(copy)) {
            jar = jars.filter(p -> p.getFileName().toString().startsWith("jcharm-bundle-")).findFirst().orElseThrow();
        }
        java.nio.file.attribute.FileTime old = Files.getLastModifiedTime(jar);
        Files.write(jar, Files.readAllBytes(jar));
        Files.setLastModifiedTime(jar, old);
        Thread.sleep(1100); // a new archive gets a later time than the old one, on any file system
        launch(root, "status", "--model-dir", tmp.resolve("no-model").toString());
        assertTrue(Files.getLastModifiedTime(archive).compareTo(made) > 0, "the archive was remade after " + jar + " changed");
    }

    @Test
    void aFailedBuildShowsMavensLastLinesAndExits3() throws Exception {
        Path root = repoWithMaven("echo '[ERROR] Failed to execute goal on project jcharm-cli'; exit 1");
        Run r = launch(root, "--help");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("jcharm: building the jcharm CLI failed; the last lines of " + root.resolve("build/jcharm-build.log")), r.err());
        assertTrue(r.err().contains("[ERROR] Failed to execute goal on project jcharm-cli"), r.err());
        assertTrue(r.out().isEmpty(), "the CLI never ran: " + r.out());
    }
}
