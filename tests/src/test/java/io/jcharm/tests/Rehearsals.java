package io.jcharm.tests;

import io.jcharm.local.LocalModel;
import io.jcharm.local.ModelOptions;
import io.jcharm.local.SettleResult;
import java.io.IOException;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test support for rehearsals: where the repository is, the options (no automatic retry, so a
 * failure shows at once), copies of a deployed model, the hooks a unit ran, a settle check
 * that shows the model's log when it fails, the model's Kubernetes objects by kind and name
 * and by owning application, and a Juju secret as the controller holds it.
 *
 * <pre>{@code
 * Path edge = Rehearsals.repo().resolve("bundles/edge");
 * }</pre>
 */
final class Rehearsals {
    private static final Pattern RAN = Pattern.compile("^unit-.+?: \\S+ INFO juju\\.worker\\.uniter\\.operation ran \"([^\"]+)\" hook");

    private Rehearsals() {
    }

    /** The repository root: surefire runs in tests/. */
    static Path repo() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
    }

    /** This module's directory. */
    static Path module() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    static ModelOptions options() {
        // A bound, not a measure: a bundle of several charms takes minutes more on a loaded 2-core machine.
        return ModelOptions.defaults().withRetries(0, Duration.ofMillis(50)).withSettleTimeout(Duration.ofMinutes(25))
                .withHookTimeout(Duration.ofMinutes(2));
    }

    static void assertSettled(SettleResult r, Path stateDir) {
        if (!r.settled() || !r.inError().isEmpty()) {
            throw new AssertionError("not settled cleanly: " + r + "\n"
                    + String.join("\n", LocalModel.readLog(stateDir, 120, Optional.empty())));
        }
    }

    /** The hooks {@code unit} ran successfully, in order. */
    static List<String> hooksRun(Path stateDir, String unit) {
        List<String> out = new ArrayList<>();
        for (String line : LocalModel.readLog(stateDir, 1_000_000, Optional.of(unit))) {
            Matcher m = RAN.matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    static List<String> since(List<String> hooks, int skip) {
        return hooks.subList(Math.min(skip, hooks.size()), hooks.size());
    }

    /** A copy of a state directory: a second model in the same state. */
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

    /** The model's Kubernetes objects of one kind. */
    static List<JsonNode> objects(LocalModel model, String kind) {
        return model.kubernetesObjects().stream().filter(o -> kind.equals(o.path("kind").asString(""))).toList();
    }

    /** The model's Kubernetes object of that kind and name; fails naming what is missing. */
    static JsonNode object(LocalModel model, String kind, String name) {
        return objects(model, kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asString("")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the model's Kubernetes API"));
    }

    /** Whether a Kubernetes object belongs to {@code app}: made by its charm or by Juju for it. */
    static boolean owned(JsonNode o, String app) {
        JsonNode labels = o.path("metadata").path("labels");
        return app.equals(labels.path("app.juju.is/created-by").asString("")) || app.equals(labels.path("app.kubernetes.io/name").asString(""));
    }

    /**
     * A Juju secret as the controller keeps it in model.json ({@code owner}, {@code grants},
     * {@code revisions}), as {@code juju show-secret --reveal} would show it; {@code id} with or
     * without the {@code secret:} prefix.
     */
    static JsonNode secret(Path stateDir, String id) {
        String key = id.startsWith("secret:") ? id : "secret:" + id;
        try {
            JsonNode s = JsonMapper.builder().build().readTree(Files.readString(stateDir.resolve("model.json"))).path("secrets").path(key);
            if (s.isMissingNode()) {
                throw new AssertionError("no secret " + key + " in " + stateDir.resolve("model.json"));
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest packed archive of a charm module. */
    static Path packed(String charm) {
        Path target = repo().resolve("charms").resolve(charm).resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(p -> p.toString().endsWith(".charm")).max((a, b) -> Long.compare(a.toFile().lastModified(),
                    b.toFile().lastModified())).orElseThrow(() -> new AssertionError("charms/" + charm + " is not packed"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
