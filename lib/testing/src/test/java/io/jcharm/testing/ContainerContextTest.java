package io.jcharm.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.Container;
import io.jcharm.core.Gates;
import io.jcharm.core.Model;
import io.jcharm.core.PebbleLayerComponent;
import io.jcharm.core.Status;
import io.jcharm.pebble.emulator.ExecReply;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.OverrideMode;
import io.jcharm.pebble.layer.Service;
import io.jcharm.pebble.layer.Startup;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Containers in a test State are served by real Pebble emulators on unix sockets. */
class ContainerContextTest {

    /** Pushes a config file, runs a version command and ensures a layer. */
    static final class WorkloadCharm implements Charm {
        @Override
        public Components components(Model model) {
            Component<Container> app = Gates.container("app");
            return Components.of(
                    app,
                    Component.of("files", app, (m, c) -> {
                        c.push("/etc/app.conf", "level=" + m.rawConfig().get("level") + "\n");
                        String v = c.exec("/app", "--version").stdoutText().strip();
                        m.unit().setWorkloadVersion(v);
                    }),
                    new PebbleLayerComponent("app", "app", m -> Layer.builder()
                            .service("app", Service.builder().override(OverrideMode.REPLACE).command("/app serve")
                                    .startup(Startup.ENABLED).environment("LEVEL", String.valueOf(m.rawConfig().get("level")))
                                    .build())
                            .build()).after(app));
        }
    }

    private final Context ctx = Context.of(WorkloadCharm::new, Path.of("src/test/resources/workload"));

    @Test
    void pebbleReadyPushesFilesRunsExecAndStartsTheService() {
        State in = State.empty().withContainer(ContainerState.reachable("app")
                .withExec(List.of("/app", "--version"), ExecReply.ok("2.4.1\n")));
        State out = ctx.run(Events.pebbleReady("app"), in);
        ContainerState app = out.container("app");
        assertEquals(Status.active(), out.unitStatus());
        assertEquals("level=info\n", app.files().get("/etc/app.conf"));
        assertEquals(List.of(List.of("/app", "--version")), app.execHistory());
        assertEquals("2.4.1", out.workloadVersion());
        assertEquals("/app serve", app.planOrFail().services().get("app").command());
        assertEquals("active", app.serviceStatuses().get("app"));
    }

    @Test
    void unreachableContainerWaits() {
        State out = ctx.run(Events.configChanged(), State.empty().withContainer(ContainerState.unreachable("app")));
        assertEquals(Status.waiting("[container:app] waiting for the app container (Pebble not reachable yet)"),
                out.unitStatus());
    }

    @Test
    void configChangeUpdatesTheServiceEnvironment() {
        State first = ctx.run(Events.pebbleReady("app"), State.empty().withContainer(ContainerState.reachable("app")
                .withExec(List.of("/app"), ExecReply.ok("1\n"))));
        assertEquals(Map.of("LEVEL", "info"), first.container("app").planOrFail().services().get("app").environment());
        State second = ctx.run(Events.configChanged(), State.empty().withConfig(Map.of("level", "debug"))
                .withContainer(ContainerState.reachable("app").withExec(List.of("/app"), ExecReply.ok("1\n"))));
        assertEquals(Map.of("LEVEL", "debug"), second.container("app").planOrFail().services().get("app").environment());
        assertTrue(second.container("app").files().get("/etc/app.conf").contains("debug"));
    }

    @Test
    void carriedOverStateRestartsTheRunningServiceWhenItsEnvironmentChanges() {
        State first = ctx.run(Events.pebbleReady("app"), State.empty().withContainer(ContainerState.reachable("app")
                .withExec(List.of("/app"), ExecReply.ok("1\n"))));
        ContainerState running = first.container("app").carriedOver();
        assertEquals(java.util.Set.of("app"), running.running());
        State second = ctx.run(Events.configChanged(), State.empty().withConfig(Map.of("level", "debug"))
                .withContainer(running));
        assertEquals("active", second.container("app").serviceStatuses().get("app"));
        assertEquals(Map.of("LEVEL", "debug"), second.container("app").planOrFail().services().get("app").environment());
    }
}
