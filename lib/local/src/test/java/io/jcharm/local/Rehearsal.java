package io.jcharm.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test support: a workspace with the greeter charm and a bundle, a model deployed once and
 * copied for each scenario (a state directory is all a model is), and the hooks each unit ran,
 * read back from the model's log.
 *
 * <pre>{@code
 * Path golden = Rehearsal.deployed(tmp, "greeters.yaml", false);
 * Path mine = Rehearsal.copy(golden, tmp.resolve("mine"));
 * }</pre>
 */
final class Rehearsal {
    private static final Pattern RAN = Pattern.compile("^unit-(.+)-(\\d+): \\S+ INFO juju\\.worker\\.uniter\\.operation ran \"([^\"]+)\" hook");

    private Rehearsal() {
    }

    /** Hooks are real JVMs: quick to fail, no automatic retry unless a test asks for one. */
    static ModelOptions options() {
        return ModelOptions.defaults().withRetries(0, Duration.ofMillis(50)).withSettleTimeout(Duration.ofSeconds(120))
                .withHookTimeout(Duration.ofSeconds(60));
    }

    /** A directory with greeter.charm (and greeter-k8s.charm) and the bundle resource as bundle.yaml. */
    static Path workspace(Path dir, String bundleResource) {
        try {
            Files.createDirectories(dir);
            Files.move(TestCharms.greeter(dir, false, "1"), dir.resolve("greeter.charm"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(TestCharms.greeter(dir, true, "1"), dir.resolve("greeter-k8s.charm"), StandardCopyOption.REPLACE_EXISTING);
            try (InputStream in = Rehearsal.class.getResourceAsStream("/bundles/" + bundleResource)) {
                Files.copy(in, dir.resolve("bundle.yaml"), StandardCopyOption.REPLACE_EXISTING);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a state directory (symlinks as symlinks): a second model, in the same state. */
    static Path copy(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(d)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    if (!f.getFileName().toString().equals("lock")) {
                        Files.copy(f, to.resolve(from.relativize(f)), LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hooks {@code unit} ran successfully, in order, from the model's log. */
    static List<String> hooksRun(Path stateDir, String unit) {
        List<String> out = new ArrayList<>();
        for (String line : LocalModel.readLog(stateDir, 100_000, Optional.of(unit))) {
            Matcher m = RAN.matcher(line);
            if (m.find()) {
                out.add(m.group(3));
            }
        }
        return out;
    }

    /** Asserts that the model settled with no unit in error, showing the model's log when not. */
    static void assertSettled(SettleResult r, Path stateDir) {
        if (!r.settled() || !r.inError().isEmpty()) {
            throw new AssertionError("not settled cleanly: " + r + "\n"
                    + String.join("\n", LocalModel.readLog(stateDir, 80, Optional.empty())));
        }
    }

    /** The hooks run after the first {@code skip}. */
    static List<String> since(List<String> hooks, int skip) {
        return hooks.subList(Math.min(skip, hooks.size()), hooks.size());
    }
}
