package io.jcharm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.pebble.emulator.RecordedRequest;
import io.jcharm.pebble.emulator.ServiceState;
import io.jcharm.pebble.layer.Check;
import io.jcharm.pebble.layer.ExecCheck;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.OverrideMode;
import io.jcharm.pebble.layer.Plan;
import io.jcharm.pebble.layer.Service;
import io.jcharm.pebble.layer.Startup;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The layer component against the Pebble emulator: idempotent adds, replans and restarts. */
class PebbleLayerComponentTest {
    private PebbleTestSupport pebble;
    private final AtomicReference<String> greeting = new AtomicReference<>("hello");

    @BeforeEach
    void start() {
        pebble = new PebbleTestSupport();
    }

    @AfterEach
    void stop() {
        pebble.close();
    }

    private Layer layer(Startup helperStartup) {
        return Layer.builder()
                .service("web", Service.builder().override(OverrideMode.REPLACE).command("/bin/web")
                        .startup(Startup.ENABLED).environment("GREETING", greeting.get()).build())
                .service("helper", Service.builder().override(OverrideMode.REPLACE).command("/bin/helper")
                        .startup(helperStartup).environment("GREETING", greeting.get()).build())
                .build();
    }

    private PebbleLayerComponent component() {
        return new PebbleLayerComponent("workload", "demo", model -> layer(Startup.DISABLED));
    }

    private long count(String method, String path, String bodyPart) {
        return pebble.workload.requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path)
                && r.body().contains(bodyPart)).count();
    }

    @Test
    void waitsWhileTheContainerIsNotReachable() {
        pebble.workload.setReachable(false);
        StatusException e = assertThrows(StatusException.class, () -> component().reconcile(pebble.model(), Inputs.none("workload")));
        assertEquals(Status.waiting("waiting for workload Pebble"), e.status());
        assertEquals("workload", component().name());
    }

    @Test
    void addsTheLayerAndReplansOnlyWhenThePlanChanges() throws Exception {
        component().reconcile(pebble.model(), Inputs.none("workload"));
        assertTrue(Plan.parse(pebble.workload.planYaml()).contains(layer(Startup.DISABLED)));
        assertEquals(List.of("demo"), pebble.workload.layerLabels());
        assertTrue(pebble.workload.service("web").orElseThrow().active());
        assertEquals(1, count("POST", "/v1/services", "\"replan\""));

        component().reconcile(pebble.model(), Inputs.none("workload"));
        component().reconcile(pebble.model(), Inputs.none("workload"));
        assertEquals(1, count("POST", "/v1/layers", ""), "no layer added when nothing changed");
        assertEquals(1, count("POST", "/v1/services", ""), "no replan when nothing changed");
    }

    @Test
    void aCheckLeavingFieldsToPebblesDefaultsIsNotAddedAgain() throws Exception {
        // Pebble fills in threshold: 3 when it combines layers; the next hook must see the layer as applied.
        PebbleLayerComponent withCheck = new PebbleLayerComponent("workload", "demo", model -> Layer.builder()
                .service("web", Service.builder().override(OverrideMode.REPLACE).command("/bin/web")
                        .startup(Startup.ENABLED).build())
                .check("alive", Check.builder().override(OverrideMode.REPLACE).exec(ExecCheck.of("/bin/true")).build())
                .build());
        withCheck.reconcile(pebble.model(), Inputs.none("workload"));
        withCheck.reconcile(pebble.model(), Inputs.none("workload"));
        assertEquals(1, count("POST", "/v1/layers", ""), "the second hook added the layer again");
        assertEquals(1, count("POST", "/v1/services", "\"replan\""), "the second hook replanned again");
    }

    @Test
    void aChangedEnvironmentRestartsRunningServices() throws Exception {
        component().reconcile(pebble.model(), Inputs.none("workload"));
        try (Container container = Container.connect("workload", pebble.model().environment())) {
            container.start("helper"); // running although not startup-enabled
        }
        assertEquals(1, pebble.workload.service("helper").orElseThrow().startCount());

        greeting.set("bonjour");
        component().reconcile(pebble.model(), Inputs.none("workload"));
        ServiceState web = pebble.workload.service("web").orElseThrow();
        ServiceState helper = pebble.workload.service("helper").orElseThrow();
        assertEquals(2, web.startCount(), "replan restarted the enabled service");
        assertEquals("bonjour", web.startedWith().map("environment").get("GREETING"));
        // Replan stops a changed service that is not startup-enabled; the component brings it back.
        assertTrue(helper.active());
        assertEquals(2, helper.startCount());
        assertEquals("bonjour", helper.startedWith().map("environment").get("GREETING"));
        assertEquals(List.of("demo"), pebble.workload.layerLabels());
        assertEquals(2, count("POST", "/v1/layers", "\"label\":\"demo\""));
    }

    @Test
    void aServiceThatFailsToStartBlocksWithPebblesReason() {
        pebble.workload.failServiceStart("web", 1);
        StatusException e = assertThrows(StatusException.class, () -> component().reconcile(pebble.model(), Inputs.none("workload")));
        assertInstanceOf(Status.Blocked.class, e.status());
        assertTrue(e.status().message().contains("service start attempt: exited quickly with code 1, will restart"),
                e.status().message());
        assertTrue(e.status().message().startsWith("workload: Replan service"), e.status().message());
    }

    @Test
    void usesAContainerItIsGivenAndLeavesItOpen() throws Exception {
        try (Container shared = Container.connect("workload", pebble.model().environment())) {
            new PebbleLayerComponent("workload", "demo", model -> layer(Startup.ENABLED), model -> shared)
                    .reconcile(pebble.model(), Inputs.none("workload"));
            assertTrue(shared.canConnect(), "still usable after reconcile");
            assertTrue(pebble.workload.service("helper").orElseThrow().active());
        }
        List<RecordedRequest> layers = pebble.workload.requests().stream()
                .filter(r -> r.path().equals("/v1/layers")).toList();
        assertTrue(layers.get(0).body().contains("\"combine\":true"), layers.get(0).body());
    }
}
