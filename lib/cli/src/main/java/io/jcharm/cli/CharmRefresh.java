package io.jcharm.cli;

import io.jcharm.bundle.ApplicationSpec;
import io.jcharm.bundle.BundleData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Upgrades the local charms a redeploy would leave as they were. {@code juju deploy <bundle>}
 * keeps the charm already in the model for an application that exists and names a local charm
 * (Juju 3.6, cmd/juju/application/deployer/bundlehandler.go, resolveCharmsAndEndpoints: "We don't
 * upgrade local charms as part of a bundle deploy"), so after the deploy each such application
 * whose packed charm differs from the one last deployed is refreshed with {@code juju refresh
 * --path}. What was deployed is remembered per model in {@code build/juju-charms.json} (the
 * packed charm's SHA-256); an application with no record is refreshed, since what it runs is
 * unknown.
 *
 * <pre>{@code
 * CharmRefresh refresh = new CharmRefresh(ctx);
 * List<String> done = refresh.refreshChanged(juju, rendered, renderedBundle, before, model, out);
 * refresh.remember(rendered, renderedBundle, model);   // once the model has settled
 * }</pre>
 */
final class CharmRefresh {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final CliContext ctx;

    CharmRefresh(CliContext ctx) {
        this.ctx = ctx;
    }

    /** The record of what was deployed: model, application, SHA-256 of the packed charm. */
    Path recordFile() {
        return ctx.resolve(Path.of("build/juju-charms.json"));
    }

    /**
     * Refreshes every application that was already in the model before the deploy and whose local
     * charm changed (or is not on record), printing a line for each.
     *
     * @param rendered the rendered bundle file (its charm paths are relative to its directory)
     * @param bundle the rendered bundle's data
     * @param before the model's status before the deploy
     * @param forJuju maps a file juju must read to the path juju can read it at
     * @return the applications refreshed, each with why
     */
    List<String> refreshChanged(JujuCli juju, Path rendered, BundleData bundle, JujuStatus before, String model,
                                java.util.function.UnaryOperator<Path> forJuju, PrintWriter out) {
        Map<String, String> known = load().getOrDefault(model, Map.of());
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, ApplicationSpec> e : bundle.applications().entrySet()) {
            String app = e.getKey();
            Optional<Path> charm = localCharm(rendered, e.getValue());
            if (charm.isEmpty() || !before.applications().containsKey(app)) {
                continue;
            }
            String digest = sha256(charm.get());
            String was = known.get(app);
            if (digest.equals(was)) {
                continue;
            }
            String why = was == null ? "no record of the charm it runs" : "packed charm changed";
            out.println("refreshing " + app + " to " + ctx.show(charm.get()) + " (" + why + ")");
            out.flush();
            juju.refresh(app, forJuju.apply(charm.get()), resources(rendered, e.getValue(), forJuju), model);
            done.add(app + " (" + why + ")");
        }
        return done;
    }

    /** Records the packed charm of every local-charm application of the bundle as deployed in the model. */
    void remember(Path rendered, BundleData bundle, String model) {
        Map<String, Map<String, String>> all = load();
        Map<String, String> apps = new TreeMap<>(all.getOrDefault(model, Map.of()));
        bundle.applications().forEach((app, spec) -> localCharm(rendered, spec).ifPresent(c -> apps.put(app, sha256(c))));
        all.put(model, apps);
        ObjectNode root = JSON.createObjectNode();
        all.forEach((m, a) -> {
            ObjectNode n = root.putObject(m);
            a.forEach(n::put);
        });
        try {
            Files.createDirectories(recordFile().getParent());
            Files.writeString(recordFile(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw CliException.user("cannot write " + ctx.show(recordFile()) + ": " + e.getMessage(),
                    "check build/ is writable; without it the next deploy refreshes every local charm");
        }
    }

    private Map<String, Map<String, String>> load() {
        Map<String, Map<String, String>> out = new TreeMap<>();
        Path f = recordFile();
        if (!Files.isRegularFile(f)) {
            return out;
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(f));
        } catch (IOException | RuntimeException e) {
            throw CliException.user(ctx.show(f) + " is not the JSON jcharm writes: " + e.getMessage(),
                    "delete it; the next deploy then refreshes every local charm once");
        }
        for (String m : root.propertyNames()) {
            Map<String, String> apps = new LinkedHashMap<>();
            root.path(m).propertyNames().forEach(a -> apps.put(a, root.path(m).path(a).asString("")));
            out.put(m, apps);
        }
        return out;
    }

    /** A local charm (a path, as juju treats it: starting with "." or absolute), resolved against the bundle's directory. */
    static Optional<Path> localCharm(Path rendered, ApplicationSpec spec) {
        if (spec == null || !(spec.charm().startsWith(".") || Path.of(spec.charm()).isAbsolute())) {
            return Optional.empty();
        }
        return Optional.of(rendered.toAbsolutePath().getParent().resolve(spec.charm()).normalize());
    }

    /** The bundle's resources of one application as juju refresh --resource takes them: files resolved, images as they are. */
    private static Map<String, String> resources(Path rendered, ApplicationSpec spec, java.util.function.UnaryOperator<Path> forJuju) {
        Map<String, String> out = new TreeMap<>();
        spec.resources().forEach((name, value) -> {
            if (value instanceof String s) {
                Path file = rendered.toAbsolutePath().getParent().resolve(s).normalize();
                out.put(name, Files.isRegularFile(file) ? forJuju.apply(file).toString() : s);
            }
        });
        return out;
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw CliException.user("cannot read the packed charm " + file + ": " + e.getMessage(), "pack it again");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
