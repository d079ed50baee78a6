package io.jcharm.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.pebble.emulator.ExecReply;
import io.jcharm.testing.revisions.Revisions;
import io.jcharm.testing.revisions.Snapshot;
import io.jcharm.testing.revisions.Upgrade;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Snapshots of a revision's state: written, read back whole, volatile values bound, and run over. */
class RevisionsTest {
    private final Context ctx = Context.of(ContainerContextTest.WorkloadCharm::new, Path.of("src/test/resources/workload"));

    /** What the workload charm leaves after pebble-ready, plus a secret and stored state it would keep. */
    private Snapshot settled() {
        State in = State.empty().withLeader(true).withConfig(Map.of("level", "debug"))
                .withSecret(SecretState.ownedByApp("keys", Map.of("key", "k3y-v4lue")))
                .withStored(Map.of("count", "2"))
                .withContainer(ContainerState.reachable("app").withExec(List.of("/app", "--version"), ExecReply.ok("2.4.1\n")));
        State out = ctx.run(Events.pebbleReady("app"), in);
        assertEquals(Status.active(), out.unitStatus());
        return new Snapshot("workload", "0123abc", "leader, level debug", out,
                Map.of("v1/ConfigMap/ns/a", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"data\":{\"url\":\"http://localhost:34567\"}}"),
                List.of("v1/ConfigMap/ns/a"), Map.of("etc/app.conf", "x=1\n"));
    }

    @Test
    void aSnapshotReadsBackWholeAndWritesTheSameText() {
        Snapshot s = settled();
        String text = Revisions.text(s);
        Snapshot back = Revisions.parse(text, "test", Map.of());
        assertEquals(text, Revisions.text(back));
        State st = back.state();
        assertEquals(Map.of("level", "debug"), st.config());
        assertEquals(Map.of("count", "2"), st.stored());
        assertEquals(Map.of("key", "k3y-v4lue"), st.secretByLabel("keys").orElseThrow().content());
        assertEquals(Optional.of("application"), st.secretByLabel("keys").orElseThrow().owner());
        ContainerState app = st.container("app");
        assertEquals("level=debug\n", app.files().get("/etc/app.conf"));
        assertEquals(Set.of("app"), app.running(), "the service the revision started runs on");
        assertEquals("/app serve", app.layers().values().iterator().next().services().get("app").command());
        assertEquals(List.of("k3y-v4lue"), back.secretValues());
        assertEquals(s.cluster().keySet(), back.cluster().keySet());
        assertEquals(Map.of("etc/app.conf", "x=1\n"), back.machine());
    }

    @Test
    void theCurrentCodeRunsOverTheSnapshotWithoutAReplan() {
        Snapshot back = Revisions.parse(Revisions.text(settled()), "test", Map.of());
        Upgrade up = Upgrade.run(ctx, back);
        assertEquals(Status.active(), up.settled().unitStatus());
        assertEquals(0, up.upgraded().container("app").replans(), "the same plan was replanned");
    }

    @Test
    void volatileValuesAreBoundOnLoadAndAMissingBindingIsNamed() {
        String text = Revisions.text(settled()).replace("34567", "${volatile:s3.port}");
        Snapshot bound = Revisions.parse(text, "test", Map.of("s3.port", "40001"));
        assertTrue(bound.cluster().get("v1/ConfigMap/ns/a").contains("http://localhost:40001"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Revisions.parse(text, "x.json", Map.of()));
        assertEquals("x.json needs a value for ${volatile:s3.port}: pass it in the bindings (the capture wrote it as volatile)",
                e.getMessage());
    }

    @Test
    void aVolatileNumberIsBoundAsANumber() {
        Snapshot s = new Snapshot("workload", "0123abc", "", State.empty(), Map.of("v1/Service/ns/s",
                "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"spec\":{\"ports\":[{\"port\":34567}]}}"), List.of(), Map.of());
        String text = Revisions.text(s).replace("\"port\" : 34567", "\"port\" : \"${volatile:s3.port:number}\"");
        Snapshot bound = Revisions.parse(text, "test", Map.of("s3.port", "40001"));
        assertTrue(bound.cluster().get("v1/Service/ns/s").contains("\"port\":40001"), bound.cluster().toString());
    }

    @Test
    void anotherFormatIsRefusedNamingTheFix() {
        String text = Revisions.text(settled()).replace("\"format\" : 1", "\"format\" : 2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Revisions.parse(text, "old.json", Map.of()));
        assertTrue(e.getMessage().startsWith("old.json has snapshot format 2, this lib/testing reads 1"), e.getMessage());
    }

    @Test
    void captureWithoutACommitIsRefused() {
        System.clearProperty(Revisions.CAPTURE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Revisions.capture("workload", "", State.empty(), Map.of(), List.of(), Map.of()));
        assertTrue(e.getMessage().contains("-Djcharm.revision.capture=$(git rev-parse --short HEAD)"), e.getMessage());
    }
}
