package io.jcharm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.pebble.ExecRequest;
import io.jcharm.pebble.MakeDirOptions;
import io.jcharm.pebble.PebbleConnectionException;
import io.jcharm.pebble.PushOptions;
import io.jcharm.pebble.emulator.ExecReply;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.OverrideMode;
import io.jcharm.pebble.layer.Service;
import io.jcharm.pebble.layer.Startup;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Container over a real unix socket to the Pebble emulator, found through the hook environment. */
class ContainerTest {
    private PebbleTestSupport pebble;

    @BeforeEach
    void start() {
        pebble = new PebbleTestSupport();
    }

    @AfterEach
    void stop() {
        pebble.close();
    }

    @Test
    void canConnectFollowsTheContainer() {
        try (Container container = Container.connect("workload", pebble.model().environment())) {
            assertEquals("workload", container.name());
            assertTrue(container.canConnect());
            pebble.workload.setReachable(false);
            assertFalse(container.canConnect());
            assertThrows(PebbleConnectionException.class, container::plan);
            pebble.workload.setReachable(true);
            assertTrue(container.canConnect());
        }
        try (Container missing = Container.connect("other", pebble.model().environment())) {
            assertFalse(missing.canConnect());
        }
    }

    @Test
    void layersServicesFilesAndExec() {
        try (Container container = Container.connect("workload", pebble.model().environment())) {
            container.addLayer("app", Layer.builder().service("app", Service.builder().override(OverrideMode.REPLACE)
                    .command("/bin/app").startup(Startup.ENABLED).build()).build(), false);
            assertEquals("Done", container.replan().status());
            assertTrue(container.service("app").orElseThrow().isRunning());
            container.restart("app");
            container.stop("app");
            assertFalse(container.service("app").orElseThrow().isRunning());
            container.start("app");
            assertEquals(List.of("app"), container.services().stream().map(s -> s.name()).toList());
            assertTrue(container.checks().isEmpty());

            container.makeDir("/etc/app", MakeDirOptions.defaults());
            container.push("/etc/app/app.conf", "port=8080\n");
            container.push("/etc/app/secret", "s3cr3t".getBytes(StandardCharsets.UTF_8),
                    PushOptions.defaults().withPermissions(0600));
            assertEquals("port=8080\n", container.pullText("/etc/app/app.conf"));
            assertEquals(java.util.Optional.of("port=8080\n"), container.pullTextIfExists("/etc/app/app.conf"));
            assertEquals(java.util.Optional.empty(), container.pullTextIfExists("/etc/app/absent.conf"));
            assertEquals("s3cr3t", new String(container.pull("/etc/app/secret"), StandardCharsets.UTF_8));
            assertEquals(List.of("app.conf", "secret"), container.listFiles("/etc/app").stream().map(f -> f.name()).toList());
            container.remove("/etc/app", true);
            assertFalse(container.exists("/etc/app"));

            pebble.workload.onExec(List.of("app", "--version"), call -> ExecReply.ok("app 1.0\n"));
            assertEquals("app 1.0\n", container.exec("app", "--version").requireSuccess().stdoutText());
            assertEquals(0, container.exec(ExecRequest.of("true").withEnvironment(Map.of("A", "b"))).exitCode());
            assertEquals(2, pebble.workload.execHistory().size());
        }
    }
}
