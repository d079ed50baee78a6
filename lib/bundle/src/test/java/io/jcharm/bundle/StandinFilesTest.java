package io.jcharm.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.MetadataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stand-in's metadata files, re-emitted from the repository's snapshots, read back as a packed charm's. */
class StandinFilesTest {
    static final Path CHARMHUB = Path.of("../../bundles/charmhub").toAbsolutePath().normalize();
    @TempDir
    Path tmp;

    @Test
    void everySnapshotReadsBackAsTheSameCharmWithOurOwnProse() {
        CharmCatalog catalog = new CharmCatalog(Optional.of(CHARMHUB));
        for (String charm : List.of("mysql-k8s", "dex-auth", "oidc-gatekeeper", "minio", "istio-pilot")) {
            for (String track : CharmCatalog.tracks(CHARMHUB, charm)) {
                StandinFiles.fromSnapshot(CHARMHUB.resolve(charm).resolve(track + ".yaml")).writeTo(tmp.resolve(charm + track));
                CharmMetadata standin = CharmMetadata.load(tmp.resolve(charm + track));
                CharmMetadata snapshot = ((CharmResolution.Found) catalog.resolve(charm, track + "/stable", tmp)).metadata();
                assertEquals(snapshot.name(), standin.name());
                assertEquals(snapshot.endpoints(), standin.endpoints(), charm);
                assertEquals(snapshot.containers(), standin.containers(), charm);
                assertEquals(snapshot.resources(), standin.resources(), charm);
                assertEquals(snapshot.storage(), standin.storage(), charm);
                assertEquals(snapshot.assumes(), standin.assumes(), charm);
                assertEquals(snapshot.config(), standin.config(), charm);
                assertEquals(snapshot.actions(), standin.actions(), charm);
                assertTrue(standin.summary().startsWith("Stand-in for Charmhub charm " + charm + ", track " + track),
                        standin.summary());
            }
        }
    }

    @Test
    void theMysqlStandinNamesItsSourceAndKeepsTheDatabaseEndpoint() {
        StandinFiles f = StandinFiles.fromSnapshot(CHARMHUB.resolve("mysql-k8s/8.0.yaml"));
        assertTrue(f.metadataYaml().startsWith("# Written by jcharm (StandinFiles) from bundles/charmhub/mysql-k8s/8.0.yaml,"
                + " facts of canonical/mysql-k8s-operator@main 0088c9583f63999ff37d982948e47b9e3e3fba2a."), f.metadataYaml());
        assertTrue(f.metadataYaml().contains("provides:\n  database:\n    interface: mysql_client\n"), f.metadataYaml());
        assertTrue(f.configYaml().contains("  profile:\n    type: string\n    default: production\n"), f.configYaml());
        assertTrue(f.actionsYaml().contains("get-password:"), f.actionsYaml());
    }

    @Test
    void aFileThatIsNotASnapshotIsRefusedByName() throws Exception {
        Path bad = Files.writeString(tmp.resolve("nope.yaml"), "name: x\nsummary: y\n");
        MetadataException e = assertThrows(MetadataException.class, () -> StandinFiles.fromSnapshot(bad));
        assertEquals(bad + " is not a Charmhub snapshot (it needs snapshot: and name:): write it with `jcharm charmhub import`",
                e.getMessage());
    }
}
