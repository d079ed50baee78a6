package io.jcharm.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which resource values juju reads as paths, and how the renderer writes them for build/bundles. */
class ResourcePathsTest {
    @TempDir
    Path tmp;
    Fixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture(tmp);
        Files.createDirectories(f.bundleDir.resolve("files"));
        Files.writeString(f.bundleDir.resolve("files/rules.tar"), "x");
        for (String c : new String[] {"wordpress", "mariadb", "serving"}) {
            Files.createDirectories(tmp.resolve("charms/" + c + "/target"));
            Files.writeString(tmp.resolve("charms/" + c + "/target/" + c + ".charm"), "zip");
        }
    }

    @Test
    void pathsAreRebasedForLocalAndCharmhubCharmsImagesKept() {
        CheckResult r = f.check("""
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
                    charm: ../../charms/mariadb
                    scale: 1
                    resources:
                      rules: files/rules.tar
                      dotted: ./files/rules.tar
                      gone: ./files/gone.tar
                """, false);
        BundleData out = BundleRenderer.render(r.bundle().orElseThrow(), r.charms(), f.bundleDir, tmp.resolve("build/bundles"))
                .bundle();
        // A file of the bundle's directory is a path with or without "./", for any charm.
        assertEquals(Map.of("rules", "../../bundles/test/files/rules.tar", "image", "docker.io/example/store:1",
                "absent", "files/missing.tar"), out.applications().get("store").resources());
        assertEquals(Map.of("rules", "../../bundles/test/files/rules.tar", "dotted", "../../bundles/test/files/rules.tar",
                "gone", "../../bundles/test/files/gone.tar"), out.applications().get("local").resources());
    }

    @Test
    void aFileResourceIsAPathEvenBeforeTheFileExistsAnImageIsNot() {
        CheckResult r = f.check("""
                bundle: kubernetes
                applications:
                  wordpress:
                    charm: ../../charms/wordpress
                    scale: 1
                    resources: {theme: files/theme.zip}
                  serving:
                    charm: ../../charms/serving
                    scale: 1
                    resources: {oci-image: files/image}
                """, true);
        BundleData out = BundleRenderer.render(r.bundle().orElseThrow(), r.charms(), f.bundleDir, tmp.resolve("build/bundles"))
                .bundle();
        assertEquals(Map.of("theme", "../../bundles/test/files/theme.zip"), out.applications().get("wordpress").resources());
        assertEquals(Map.of("oci-image", "files/image"), out.applications().get("serving").resources());
    }
}
