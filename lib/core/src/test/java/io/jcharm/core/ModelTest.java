package io.jcharm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jcharm.core.tools.Port;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelTest {
    private final RecordingHookTools tools = new RecordingHookTools();
    private final Model model = Fixtures.model(tools, "hooks/start");

    private List<String> portCalls() {
        return tools.calls.stream().filter(c -> c.startsWith("open-port") || c.startsWith("close-port")).toList();
    }

    @Test
    void setPortsClosesAndOpensOnlyWhatDiffers() {
        tools.ports.addAll(List.of(Port.tcp(80), Port.tcp(443), Port.udp(53)));
        model.setPorts(List.of(Port.tcp(443), Port.tcp(8080), Port.tcp(8080)));
        assertEquals(Set.of(Port.tcp(443), Port.tcp(8080)), tools.ports);
        assertEquals(3, portCalls().size(), portCalls().toString());
        assertEquals(Set.of("close-port 80/tcp", "close-port 53/udp", "open-port 8080/tcp"), Set.copyOf(portCalls()));
    }

    @Test
    void setPortsWithNothingToChangeRunsNoPortTool() {
        tools.ports.add(Port.tcp(80));
        model.setPorts(Set.of(Port.tcp(80)));
        assertEquals(List.of(), portCalls());
        model.setPorts(List.of());
        assertEquals(List.of("close-port 80/tcp"), portCalls());
    }

    @Test
    void leadershipIsAskedOncePerHook() {
        tools.leader = true;
        model.isLeader();
        model.isLeader();
        assertEquals(1, tools.count("is-leader"));
    }

    @Test
    void resourcesMustBeDeclared() {
        tools.resources.put("image", Path.of("/tmp/image.json"));
        assertEquals(Path.of("/tmp/image.json"), model.resource("image"));
        assertEquals("charm \"demo\" declares no resource \"weights\"",
                assertThrows(IllegalArgumentException.class, () -> model.resource("weights")).getMessage());
    }

    @Test
    void plannedUnitsIgnoreDyingUnits() {
        tools.goalUnits.putAll(java.util.Map.of("demo/0", "active", "demo/1", "waiting", "demo/2", "dying"));
        assertEquals(2, model.app().plannedUnits());
    }

    @Test
    void statusRules() {
        assertEquals("only the leader can set the application status",
                assertThrows(IllegalStateException.class, () -> model.app().setStatus(Status.active())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.unit().setStatus(Status.of("error", "x")));
        assertThrows(IllegalArgumentException.class, () -> model.app().setStatus(Status.of("unknown", "")));
        model.unit().setStatus(Status.maintenance("installing"));
        assertEquals(Status.maintenance("installing"), model.unit().status());
        assertEquals(0, tools.count("status-get"), "the status just set is known");
    }

    @Test
    void unitAppAndModelNames() {
        assertEquals("demo/0", model.unit().name());
        assertEquals(0, model.unit().number());
        assertEquals("demo", model.app().name());
        assertEquals("kubeflow", model.name());
        model.unit().setWorkloadVersion("1.17.1");
        assertEquals("1.17.1", tools.workloadVersion);
        assertEquals(List.of("10.0.0.1"), model.network("website").ingressAddresses());
    }
}
