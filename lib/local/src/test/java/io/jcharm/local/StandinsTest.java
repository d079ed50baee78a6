package io.jcharm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charmhub charms in a rehearsal: the stand-in of charms/standins/&lt;charm&gt; runs for a
 * Charmhub name, a charm without one runs as an inert stand-in built from its snapshot (no
 * relation data; the deploy says which relations cannot settle), and status marks both.
 */
class StandinsTest {
    @TempDir
    Path tmp;

    /** A repository-like workspace: bundles/charmhub from this repository, a stand-in module holding the greeter. */
    private Path workspace(String bundle) throws IOException {
        Path ws = tmp.resolve("ws");
        Path charmhub = Files.createDirectories(ws.resolve("bundles/charmhub"));
        for (String c : List.of("dex-auth", "oidc-gatekeeper")) {
            Path from = Path.of("../../bundles/charmhub").resolve(c);
            Files.createDirectories(charmhub.resolve(c));
            try (var files = Files.list(from)) {
                for (Path f : files.toList()) {
                    Files.copy(f, charmhub.resolve(c).resolve(f.getFileName()));
                }
            }
        }
        TestCharms.greeter(Files.createDirectories(ws.resolve("charms/standins/greeter-k8s/target")), true, "1");
        Path dir = Files.createDirectories(ws.resolve("bundles/test"));
        Files.writeString(dir.resolve("bundle.yaml"), bundle);
        return dir;
    }

    @Test
    void aCharmhubNameRunsItsStandinAndOneWithoutRunsInert() throws IOException {
        Path bundle = workspace("""
                bundle: kubernetes
                applications:
                  greeter: {charm: greeter-k8s, channel: latest/stable, scale: 1, trust: true}
                  dex-auth: {charm: dex-auth, channel: 2.39/stable, scale: 1, trust: true}
                  oidc-gatekeeper: {charm: oidc-gatekeeper, channel: ckf-1.10/stable, scale: 1, trust: true}
                relations:
                  - [dex-auth:oidc-client, oidc-gatekeeper:oidc-client]
                """);
        Path dir = tmp.resolve("state");
        List<String> notes = new ArrayList<>();
        Progress progress = new Progress() {
            @Override
            public void hookFinished(String unit, String hook, String outcome) {
            }

            @Override
            public void note(String text) {
                notes.add(text);
            }
        };
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options().withSettleTimeout(java.time.Duration.ofMinutes(6)))) {
            Rehearsal.assertSettled(model.deploy(bundle, List.of(), progress), dir);
            ModelStatus s = model.status();
            assertEquals("stand-in for Charmhub greeter-k8s latest/stable (charms/standins/greeter-k8s)",
                    s.application("greeter").orElseThrow().standIn());
            assertEquals("active", s.unit("greeter/0").orElseThrow().workload(), "the stand-in's own hooks ran");
            assertEquals("inert stand-in for Charmhub dex-auth 2.39/stable (from bundles/charmhub/dex-auth/2.39.yaml): "
                    + "writes no relation data", s.application("dex-auth").orElseThrow().standIn());
            ModelStatus.UnitStatus dex = s.unit("dex-auth/0").orElseThrow();
            assertEquals("active", dex.workload());
            assertEquals("inert stand-in for Charmhub dex-auth: writes no relation data", dex.message());
            ModelStatus.RelationStatus rel = s.relation("dex-auth", "oidc-gatekeeper").orElseThrow();
            assertTrue(rel.appData().values().stream().allMatch(Map::isEmpty), "inert: no relation data " + rel.appData());
            assertEquals(List.of(
                    "relation dex-auth:oidc-client - oidc-gatekeeper:oidc-client cannot settle: dex-auth is an inert stand-in for"
                            + " Charmhub dex-auth 2.39/stable (from bundles/charmhub/dex-auth/2.39.yaml): writes no relation"
                            + " data (there is no charms/standins/dex-auth)",
                    "relation dex-auth:oidc-client - oidc-gatekeeper:oidc-client cannot settle: oidc-gatekeeper is an inert"
                            + " stand-in for Charmhub oidc-gatekeeper ckf-1.10/stable (from"
                            + " bundles/charmhub/oidc-gatekeeper/ckf-1.10.yaml): writes no relation data (there is no"
                            + " charms/standins/oidc-gatekeeper)"), notes);
            String table = StatusReport.table(s);
            assertTrue(table.contains("greeter-k8s (stand-in)"), table);
            assertTrue(table.contains("  dex-auth: inert stand-in for Charmhub dex-auth 2.39/stable"), table);
            assertTrue(StatusReport.json(s).contains("\"stand-in\" : \"inert stand-in for Charmhub oidc-gatekeeper"),
                    StatusReport.json(s));
        }
    }

    @Test
    void aBundleOutsideTheRepositoryFindsTheStandinsThroughTheCharmhubDirItIsGiven() throws IOException {
        Path ws = workspace("applications: {}").getParent().getParent();
        // As the CLI renders it: into build/bundles under the working directory, which need not be in the repository.
        Path rendered = Files.createDirectories(tmp.resolve("elsewhere/build/bundles")).resolve("test.yaml");
        Files.writeString(rendered, """
                bundle: kubernetes
                applications:
                  greeter: {charm: greeter-k8s, channel: latest/stable, scale: 1, trust: true}
                """);
        try (LocalModel model = LocalModel.open(tmp.resolve("state"), Rehearsal.options())) {
            assertThrows(BundleRefusedException.class, () -> model.deploy(rendered, List.of(), Progress.NONE),
                    "without it, nothing above the bundle has bundles/charmhub");
            Rehearsal.assertSettled(model.deploy(rendered, List.of(), Optional.of(ws.resolve("bundles/charmhub")), Progress.NONE),
                    tmp.resolve("state"));
            assertEquals("stand-in for Charmhub greeter-k8s latest/stable (charms/standins/greeter-k8s)",
                    model.status().application("greeter").orElseThrow().standIn());
        }
    }

    @Test
    void aStandinModuleThatIsNotPackedIsRefusedWithTheCommandToPackIt() throws IOException {
        Path bundle = workspace("""
                bundle: kubernetes
                applications:
                  dex: {charm: dex-auth, channel: 2.39/stable, scale: 1}
                """);
        Files.createDirectories(bundle.getParent().getParent().resolve("charms/standins/dex-auth"));
        try (LocalModel model = LocalModel.open(tmp.resolve("state"), Rehearsal.options())) {
            LocalModelException e = assertThrows(LocalModelException.class, () -> model.deploy(bundle, List.of(), Progress.NONE));
            assertTrue(e.getMessage().startsWith("the stand-in for Charmhub charm \"dex-auth\" ("), e.getMessage());
            assertEquals("pack it: mvn -B -pl charms/standins/dex-auth -am package", e.hint());
            assertTrue(model.status().applications().isEmpty(), "nothing deployed");
        }
    }

    @Test
    void aCharmhubCharmWithNeitherStandinNorSnapshotIsRefused() throws IOException {
        Path bundle = workspace("""
                bundle: kubernetes
                applications:
                  prom: {charm: prometheus-k8s, channel: 1/stable, scale: 1}
                """);
        try (LocalModel model = LocalModel.open(tmp.resolve("state"), Rehearsal.options())) {
            BundleRefusedException e = assertThrows(BundleRefusedException.class,
                    () -> model.deploy(bundle, List.of(), Progress.NONE));
            assertTrue(e.getMessage().contains("application \"prom\": charm \"prometheus-k8s\" comes from Charmhub, which the"
                    + " local model cannot run: it has no stand-in (charms/standins/prometheus-k8s) and no snapshot"
                    + " (bundles/charmhub/prometheus-k8s/<track>.yaml) to build an inert stand-in from"), e.getMessage());
            assertTrue(model.status().applications().isEmpty(), "nothing deployed");
        }
    }
}
