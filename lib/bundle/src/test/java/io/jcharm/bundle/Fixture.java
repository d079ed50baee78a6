package io.jcharm.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A scratch repository: charms/ (copied test charms), bundles/charmhub/ and bundles/test/. */
final class Fixture {
    final Path root;
    final Path bundleDir;

    Fixture(Path tmp) {
        this.root = tmp;
        this.bundleDir = tmp.resolve("bundles/test");
        try {
            copy(resource("/charms"), tmp.resolve("charms"));
            copy(resource("/charmhub"), tmp.resolve("bundles/charmhub"));
            Files.createDirectories(bundleDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixture.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path dst = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst);
                }
            }
        }
    }

    /** Replaces the test snapshots with the repository's own bundles/charmhub (the real charms' metadata). */
    Fixture withRepositorySnapshots() {
        try {
            Path real = Path.of("../../bundles/charmhub").toAbsolutePath().normalize();
            copy(real, root.resolve("bundles/charmhub"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Path write(String name, String yaml) {
        try {
            Path p = bundleDir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, yaml);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CheckResult check(String yaml, boolean charmAware, Path... overlays) {
        Path file = write("bundle.yaml", yaml);
        BundleChecker checker = new BundleChecker(charmAware
                ? Optional.of(new CharmCatalog(CharmCatalog.findCharmhubDir(bundleDir))) : Optional.empty());
        return checker.check(file, List.of(overlays), Optional.empty());
    }

    /** Error messages from Juju's client-side checks only. */
    List<String> jujuErrors(String yaml) {
        return check(yaml, false).errors().stream().map(Problem::message).toList();
    }

    /** Error messages including the charm-aware checks. */
    List<String> errors(String yaml) {
        return check(yaml, true).errors().stream().map(Problem::message).toList();
    }

    String path(String rel) {
        return bundleDir.resolve(rel).normalize().toString();
    }
}
