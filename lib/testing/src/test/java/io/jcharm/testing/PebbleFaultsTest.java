package io.jcharm.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.Container;
import io.jcharm.core.Gates;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.pebble.CheckInfo;
import io.jcharm.pebble.CheckStatus;
import io.jcharm.pebble.emulator.ExecReply;
import io.jcharm.pebble.layer.Check;
import io.jcharm.pebble.layer.CheckLevel;
import io.jcharm.pebble.layer.HttpCheck;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.OverrideMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A test container's Pebble faults reach the charm over the wire, and healing removes them. */
class PebbleFaultsTest {
    private final Context ctx = Context.of(ContainerContextTest.WorkloadCharm::new, Path.of("src/test/resources/workload"));
    private final ContainerState app = ContainerState.reachable("app").withExec(List.of("/app"), ExecReply.ok("1\n"));

    @Test
    void aServiceWhoseStartFailsLeavesTheReplanFailed() {
        State out = ctx.run(Events.pebbleReady("app"), State.empty().withContainer(app.withServiceStartFailing("app")));
        assertEquals("blocked", out.unitStatus().name());
        assertTrue(out.unitStatus().message().contains("exited quickly with code 1"), out.unitStatus().message());
        assertEquals("backoff", out.container("app").serviceStatuses().get("app"), "Pebble retries it later");

        State healed = ctx.run(Events.pebbleReady("app"), State.empty().withContainer(app.withServiceStartFailing("app").healed()));
        assertEquals("active", healed.container("app").serviceStatuses().get("app"));
    }

    @Test
    void aFailingPushFailsThatFileOnly() {
        HookFailedException e = assertThrows(HookFailedException.class, () -> ctx.run(Events.pebbleReady("app"),
                State.empty().withContainer(app.withPushFailing("/etc/app.conf"))));
        assertTrue(String.join("\n", e.logs()).contains("write /etc/app.conf: no space left on device"), e.logs().toString());
        assertThrows(IllegalArgumentException.class, () -> app.withPushFailing("etc/app.conf"));
    }

    /** Reports the checks Pebble says are down. */
    static final class CheckReader implements Charm {
        @Override
        public Components components(Model model) {
            Component<Container> c = Gates.container("app");
            return Components.of(c, Component.of("checks", c, (m, container) -> {
                List<String> down = container.checks().stream().filter(i -> i.status() == CheckStatus.DOWN)
                        .map(CheckInfo::name).toList();
                if (!down.isEmpty()) {
                    throw StatusException.blocked("down: " + down);
                }
            }));
        }
    }

    @Test
    void aDownCheckIsWhatPebbleReportsAndItMustBeInTheLayers() {
        Layer checked = Layer.builder().check("ready", Check.builder().override(OverrideMode.REPLACE).level(CheckLevel.READY)
                .http(HttpCheck.of("http://localhost:8080/ready")).build()).build();
        Context reader = Context.of(CheckReader::new, Path.of("src/test/resources/workload"));
        ContainerState withCheck = ContainerState.reachable("app").withLayer("app", checked);
        assertEquals("blocked: [checks] down: [ready]", describe(reader.run(Events.pebbleCheckFailed("app", "ready"),
                State.empty().withContainer(withCheck.withCheckDown("ready")))));
        assertEquals("active: ", describe(reader.run(Events.updateStatus(), State.empty().withContainer(withCheck))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.run(Events.updateStatus(),
                State.empty().withContainer(ContainerState.reachable("app").withCheckDown("ready"))));
        assertFalse(e.getMessage().isBlank());
    }

    private static String describe(State out) {
        return out.unitStatus().name() + ": " + out.unitStatus().message();
    }
}
