package io.jcharm.testing.revisions;

import io.jcharm.testing.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Snapshots of what each shipped revision of a charm left behind, kept in the charm module under
 * {@code src/test/resources/revisions/<commit>/<charm>.json}, so that an upgrade test can run
 * this build's code over a state written by another revision's code.
 *
 * <p>When a revision ships, recapture: on a clean checkout of its commit, in the repository root,
 * <pre>{@code
 * mvn -B -o verify -pl charms/minio -am -Djcharm.pack.skip=true -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest='*UpgradeTest#capture' -Djcharm.revision.capture=$(git rev-parse --short HEAD)
 * }</pre>
 * and commit the new directory. In a test:
 * <pre>{@code
 * Revisions.capture("minio", "leader, related to mlflow-server", settled, cluster.objects(), users, Map.of());
 * for (Snapshot old : Revisions.previous("minio", Map.of())) { ... }
 * }</pre>
 */
public final class Revisions {
    /** The system property naming the commit whose code a capture runs ({@code git rev-parse --short HEAD}). */
    public static final String CAPTURE = "jcharm.revision.capture";
    /** Where a charm module keeps its snapshots, relative to the module (surefire's working directory). */
    public static final Path DIR = Path.of("src/test/resources/revisions");

    private Revisions() {
    }

    /**
     * Writes {@code state} and {@code cluster} as the snapshot of revision {@code -Djcharm.revision.capture}.
     * {@code volatiles} names values that differ on every run (a test server's port) and must be
     * bound again on load: each value is written as {@code ${volatile:name}}.
     *
     * @return the file written
     */
    public static Path capture(String charm, String scenario, State state, Map<String, String> cluster,
                               List<String> userObjects, Map<String, String> volatiles) {
        return capture(charm, scenario, state, cluster, userObjects, Map.of(), volatiles);
    }

    /** As {@link #capture(String, String, State, Map, List, Map)} for a machine charm, with its machine's files. */
    public static Path capture(String charm, String scenario, State state, Map<String, String> cluster,
                               List<String> userObjects, Map<String, String> machine, Map<String, String> volatiles) {
        String revision = System.getProperty(CAPTURE, "");
        if (!revision.matches("[0-9a-f]{7,40}")) {
            throw new IllegalArgumentException("-D" + CAPTURE + "=\"" + revision + "\" must be the commit whose code runs"
                    + " the capture: -D" + CAPTURE + "=$(git rev-parse --short HEAD) on a clean checkout of that commit");
        }
        for (String key : userObjects) {
            if (!cluster.containsKey(key)) {
                throw new IllegalArgumentException("user object " + key + " is not in the captured cluster: create it"
                        + " before the scenario runs");
            }
        }
        String command = "mvn -B -o verify -pl " + modulePath() + " -am -Djcharm.pack.skip=true"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dtest='*UpgradeTest#capture' -D" + CAPTURE
                + "=$(git rev-parse --short HEAD)";
        String text = SnapshotJson.write(new Snapshot(charm, revision, scenario, state, cluster, userObjects, machine), command);
        for (Map.Entry<String, String> v : volatiles.entrySet()) {
            if (v.getValue().length() < 4) {
                throw new IllegalArgumentException("volatile value " + v.getKey() + "=\"" + v.getValue() + "\" is too short"
                        + " to replace safely in the snapshot");
            }
            // A JSON number (a Service's port) becomes a string marker, so that the file stays JSON.
            text = text.replaceAll("(?<=[:\\[,] )" + java.util.regex.Pattern.quote(v.getValue()) + "(?=\\s*[,}\\]\\n])",
                    java.util.regex.Matcher.quoteReplacement("\"${volatile:" + v.getKey() + ":number}\""));
            text = text.replace(v.getValue(), "${volatile:" + v.getKey() + "}");
        }
        Path file = DIR.resolve(revision).resolve(charm + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot " + file.toAbsolutePath(), e);
        }
        return file;
    }

    /**
     * Every captured revision of {@code charm} in this module, in directory-name order, with
     * {@code bindings} substituted for the {@code ${volatile:name}} the capture wrote.
     *
     * @throws IllegalStateException when none was captured, or a snapshot names a binding not given
     */
    public static List<Snapshot> previous(String charm, Map<String, String> bindings) {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(DIR)) {
            try (Stream<Path> dirs = Files.list(DIR)) {
                dirs.sorted().map(d -> d.resolve(charm + ".json")).filter(Files::isRegularFile).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + DIR.toAbsolutePath(), e);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no captured revision of " + charm + " under " + DIR.toAbsolutePath()
                    + ": capture one (see " + Revisions.class.getName() + ")");
        }
        List<Snapshot> out = new ArrayList<>();
        for (Path f : files) {
            out.add(load(f, bindings));
        }
        return out;
    }

    /** One snapshot file, with {@code bindings} substituted. */
    public static Snapshot load(Path file, Map<String, String> bindings) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshot " + file.toAbsolutePath(), e);
        }
        return parse(text, file.toString(), bindings);
    }

    /** A snapshot's text, with {@code bindings} substituted; {@code where} names it in errors. */
    public static Snapshot parse(String text, String where, Map<String, String> bindings) {
        for (Map.Entry<String, String> b : bindings.entrySet()) {
            text = text.replace("\"${volatile:" + b.getKey() + ":number}\"", b.getValue())
                    .replace("${volatile:" + b.getKey() + "}", b.getValue());
        }
        java.util.regex.Matcher left = java.util.regex.Pattern.compile("\\$\\{volatile:([\\w.-]+)(:number)?}").matcher(text);
        if (left.find()) {
            throw new IllegalStateException(where + " needs a value for ${volatile:" + left.group(1) + "}: pass it in the bindings"
                    + " (the capture wrote it as volatile)");
        }
        return SnapshotJson.read(text, where);
    }

    /** As {@link #capture} writes it, for a test that changes a snapshot before loading it. */
    public static String text(Snapshot s) {
        return SnapshotJson.write(s, "");
    }

    /** The module's path from the repository root, for the recapture command (e.g. {@code charms/minio}). */
    private static String modulePath() {
        Path here = Path.of("").toAbsolutePath();
        Path p = here;
        while (p != null && !Files.isDirectory(p.resolve(".git")) && !Files.isRegularFile(p.resolve(".git"))) {
            p = p.getParent();
        }
        return p == null ? here.getFileName().toString() : p.relativize(here).toString();
    }
}
