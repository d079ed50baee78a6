package io.jcharm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcharm.bundle.BundleData;
import io.jcharm.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which resource values juju reads as paths, and how they are written for build/bundles. */
class ResourcePathsTest {
    @TempDir
    Path tmp;

    @Test
    void pathsAreRebasedForLocalAndCharmhubCharmsImagesKept() throws Exception {
        Path dir = tmp.resolve("bundles/x");
        Files.createDirectories(dir.resolve("files"));
        Files.writeString(dir.resolve("files/rules.tar"), "x");
        Files.writeString(dir.resolve("bundle.yaml"), """
                bundle: kubernetes
                applications:
                  store:
                    charm: some-charmhub-charm
                    scale: 1
                    resources:
                      rules: files/rules.tar
                      image: docker.io/example/store:1
                      absent: files/missing.tar
                  local:
                    charm: ../../charms/local
                    scale: 1
                    resources:
                      rules: files/rules.tar
                      dotted: ./files/rules.tar
                """);
        CliContext ctx = new CliContext(Map.of(), tmp, new ProcessRunner(), Duration.ofMillis(10));
        BundleData bundle = new BundleWork(ctx).check(dir.resolve("bundle.yaml"), List.of(), false, Optional.empty()).bundle().orElseThrow();
        BundleData ready = ResourcePaths.forRender(bundle, Map.of(), dir, tmp.resolve("build/bundles"));
        // A charmhub charm's resources are not touched by the renderer: rebased here to build/bundles.
        assertEquals(Map.of("rules", "../../bundles/x/files/rules.tar", "image", "docker.io/example/store:1", "absent", "files/missing.tar"),
                ready.applications().get("store").resources());
        // A local charm's are rebased by the renderer once they start with ".".
        assertEquals(Map.of("rules", "./files/rules.tar", "dotted", "./files/rules.tar"), ready.applications().get("local").resources());
    }
}
