package io.jcharm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jcharm charmhub import: a charm's own files to bundles/charmhub/<charm>/<track>.yaml, then used by verify. */
class CharmhubImportTest {
    @TempDir
    Path tmp;
    CliHarness h;
    Path charm;

    @BeforeEach
    void setUp() throws Exception {
        h = new CliHarness(tmp);
        charm = tmp.resolve("src/store-operator");
        Files.createDirectories(charm);
        Files.writeString(charm.resolve("metadata.yaml"), """
                name: store
                summary: Object store with a long summary nobody should copy
                description: A store described in prose that stays in its repository.
                containers:
                  store: {resource: store-image}
                resources:
                  store-image: {type: oci-image, description: the image, upstream-source: example.com/store:1}
                provides:
                  object-storage: {interface: object-storage}
                requires:
                  logging: {interface: loki_push_api, limit: 1, optional: true}
                """);
        Files.writeString(charm.resolve("config.yaml"), """
                options:
                  port: {type: int, default: 9000, description: the port}
                  secure: {type: boolean, default: false}
                """);
    }

    /** Where the test charm's files come from, as a user gives it outside a git checkout. */
    private static final String[] SOURCE = {"--channel", "2.0/stable", "--repository", "example/store-operator",
        "--branch", "track/2.0", "--commit", "0123456789abcdef"};

    private CliHarness.Run importIt(String... more) {
        return h.jcharm(concat(new String[] {"charmhub", "import", charm.toString()}, concat(SOURCE, more)));
    }

    @Test
    void writesTheSnapshotThenFindsItCurrent() throws Exception {
        CliHarness.Run r = importIt();
        assertEquals(0, r.code(), r.err());
        Path file = tmp.resolve("bundles/charmhub/store/2.0.yaml");
        assertTrue(r.out().startsWith("bundles/charmhub/store/2.0.yaml: written (2 endpoints, 2 options"), r.out());
        String text = Files.readString(file);
        assertTrue(text.contains("repository: example/store-operator\n  branch: track/2.0\n  commit: 0123456789abcdef"), text);
        assertTrue(text.contains("  logging:\n    interface: loki_push_api\n    limit: 1\n    optional: true"), text);
        assertTrue(text.contains("  port:\n      type: int\n      default: 9000"), text);
        assertFalse(text.contains("prose") || text.contains("the port") || text.contains("nobody should copy"), text);
        assertTrue(importIt().out().contains("already current"));
        Files.writeString(tmp.resolve("bundles/edge/store.yaml"), """
                bundle: kubernetes
                applications:
                  s3: {charm: store, channel: 2.0/stable, scale: 1, options: {port: "ninety"}}
                """);
        CliHarness.Run v = h.jcharm("bundle", "verify", "bundles/edge/store.yaml");
        assertEquals(1, v.code(), v.out());
        assertTrue(v.err().contains("cannot validate application \"s3\": option \"port\" expected int, got \"ninety\""), v.err());
    }

    @Test
    void readsTheCharmsFilesThemselvesAndRefusesAnyOther() throws Exception {
        CliHarness.Run r = h.jcharm(concat(new String[] {"charmhub", "import", charm.resolve("metadata.yaml").toString(),
            charm.resolve("config.yaml").toString()}, SOURCE));
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(tmp.resolve("bundles/charmhub/store/2.0.yaml"));
        assertTrue(text.contains("  port:\n      type: int\n      default: 9000"), text);
        assertTrue(text.contains("  object-storage:\n    interface: object-storage"), text);
        Path readme = Files.writeString(charm.resolve("README.md"), "# store\n");
        CliHarness.Run bad = h.jcharm(concat(new String[] {"charmhub", "import", readme.toString()}, SOURCE));
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains(readme + " is not a charm metadata file: give a charm directory, or metadata.yaml"),
                bad.err());
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void refusesWhenItCannotTellTheSource() {
        CliHarness.Run r = h.jcharm("charmhub", "import", charm.toString(), "--channel", "2.0/stable");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("error: cannot tell where the charm's files come from"), r.err());
        assertTrue(r.err().contains("fix: give --repository"), r.err());
        assertFalse(Files.exists(tmp.resolve("bundles/charmhub/store")));
    }

    @Test
    void badMetadataNamesTheFile() throws Exception {
        Files.writeString(charm.resolve("config.yaml"), "options:\n  port: {type: int, default: nine}\n");
        CliHarness.Run r = importIt();
        assertEquals(1, r.code());
        assertTrue(r.err().contains("error: cannot read the charm's metadata: config.yaml"), r.err());
    }

    @Test
    void ownerAndNameFromAGitRemote() {
        assertEquals("canonical/minio-operator", CharmhubImportCommand.ownerName("https://github.com/canonical/minio-operator.git"));
        assertEquals("canonical/minio-operator", CharmhubImportCommand.ownerName("git@github.com:canonical/minio-operator"));
    }
}
