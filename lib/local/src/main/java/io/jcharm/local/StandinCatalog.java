package io.jcharm.local;

import io.jcharm.bundle.CharmCatalog;
import io.jcharm.bundle.CharmResolution;
import io.jcharm.bundle.Grammar;
import io.jcharm.bundle.StandinFiles;
import io.jcharm.core.meta.MetadataException;
import io.jcharm.pack.CharmZip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * The stand-ins of the local model, keyed by Charmhub name: {@code charms/standins/<charm>} of
 * the repository whose {@code bundles/charmhub} holds the snapshots (its newest packed
 * {@code target/*.charm}); for a charm without one, an inert stand-in built into the model
 * directory from the snapshot of the channel's track: the snapshot's metadata (so every relation
 * the bundle names still forms) and a {@code dispatch} that only sets its status.
 *
 * <pre>{@code
 * StandinCatalog catalog = new StandinCatalog(CharmCatalog.findCharmhubDir(bundleDir), dirs);
 * catalog.find("mysql-k8s", "8.0/stable", bundleDir).archive();
 * }</pre>
 */
final class StandinCatalog {
    private final Optional<Path> charmhubDir;
    private final StateDir dirs;

    StandinCatalog(Optional<Path> charmhubDir, StateDir dirs) {
        this.charmhubDir = charmhubDir;
        this.dirs = dirs;
    }

    /** The directory of the stand-in charm modules: {@code <repo>/charms/standins}. */
    Optional<Path> modules() {
        return charmhubDir.map(d -> d.toAbsolutePath().normalize().getParent().getParent().resolve("charms").resolve("standins"));
    }

    /**
     * What stands in for {@code charm} (a Charmhub charm URL or name) at {@code channel}; empty,
     * with the reason added to {@code whyNot}, when it has neither a stand-in nor a snapshot to
     * build an inert one from.
     *
     * @throws LocalModelException when its stand-in module is not packed
     */
    Optional<Standin> find(String charm, String channel, Path bundleDir, java.util.List<String> whyNot) {
        String name = Grammar.parseCharmUrl(charm).url().map(u -> u.name()).orElse(charm);
        Optional<Path> module = modules().map(m -> m.resolve(name)).filter(Files::isDirectory);
        if (module.isPresent()) {
            Path archive = newestCharm(module.get().resolve("target")).orElseThrow(() -> new LocalModelException(
                    "the stand-in for Charmhub charm \"" + name + "\" (" + module.get() + ") is not packed",
                    "pack it: mvn -B -pl charms/standins/" + name + " -am package"));
            return Optional.of(new Standin(name, channel, archive, "charms/standins/" + name, false));
        }
        CharmResolution found = new CharmCatalog(charmhubDir).resolve(charm, channel, bundleDir);
        if (!(found instanceof CharmResolution.Found f)) {
            whyNot.add("it has no stand-in (charms/standins/" + name + ") and no snapshot (bundles/charmhub/" + name
                    + "/<track>.yaml) to build an inert stand-in from");
            return Optional.empty();
        }
        Path snapshot = Path.of(f.source());
        StandinFiles files;
        try {
            files = StandinFiles.fromSnapshot(snapshot);
        } catch (MetadataException e) {
            whyNot.add("it has no stand-in (charms/standins/" + name + "), and " + e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new Standin(name, channel, inert(files), charmhubDir.map(d -> d.getParent().getParent()
                .relativize(snapshot.toAbsolutePath().normalize()).toString()).orElse(snapshot.toString()), true));
    }

    /** Packs the inert stand-in of one snapshot into the model directory (the same bytes every time). */
    private Path inert(StandinFiles files) {
        Path out = dirs.root().resolve("charms").resolve("inert").resolve(files.charm() + "_" + files.track() + ".charm");
        Path stage = dirs.root().resolve("charms").resolve("inert").resolve(files.charm() + "_" + files.track() + ".stage");
        try {
            StateDir.deleteTree(stage);
            files.writeTo(stage);
            Path dispatch = stage.resolve("dispatch");
            Files.writeString(dispatch, dispatch(files.charm(), files.track()), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(dispatch, PosixFilePermissions.fromString("rwxr-xr-x"));
            CharmZip.write(stage, out, Instant.EPOCH);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the inert stand-in of " + files.charm() + " in " + stage + ": "
                    + e.getMessage(), e);
        } finally {
            StateDir.deleteTree(stage);
        }
    }

    /** The inert stand-in's dispatch: POSIX sh, hook tools only; actions fail, as there is nothing behind them. */
    static String dispatch(String charm, String track) {
        return "#!/bin/sh\n"
                + "# Inert stand-in for Charmhub charm " + charm + " (track " + track + "), built by the jcharm local model\n"
                + "# from its snapshot: it relates where the real charm does but writes no relation data.\n"
                + "set -e\n"
                + "case \"$JUJU_DISPATCH_PATH\" in\n"
                + "  actions/*) action-fail \"inert stand-in for Charmhub " + charm + ": its actions do nothing on the local model\" ;;\n"
                + "  *) status-set active \"inert stand-in for Charmhub " + charm + ": writes no relation data\" ;;\n"
                + "esac\n";
    }

    private static Optional<Path> newestCharm(Path target) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".charm"))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target + ": " + e.getMessage(), e);
        }
    }
}
