package io.jcharm.pebble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.pebble.emulator.ExecCall;
import io.jcharm.pebble.emulator.ExecReply;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.OverrideMode;
import io.jcharm.pebble.layer.Service;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exec through Pebble's websockets (control, stdio, stderr) against the emulator. */
class ExecTest {
    private EmulatorHarness h;

    @BeforeEach
    void start() {
        h = new EmulatorHarness();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void stdinStdoutStderrAndExitCodeAsInCapture62() {
        // Stands in for: cat; echo; echo "FOO=$FOO pwd=$(pwd)"; echo err-line >&2; exit 3
        h.emulator.onExec(List.of("/bin/sh", "-c"), call -> ExecReply.of(3,
                call.stdinText() + "\nFOO=" + call.environment().get("FOO") + " pwd=" + call.workingDir() + "\n",
                "err-line\n"));
        ExecResult result = h.client.exec(ExecRequest.of("/bin/sh", "-c",
                        "cat; echo; echo \"FOO=$FOO pwd=$(pwd)\"; echo err-line >&2; exit 3")
                .withEnvironment("FOO", "bar").withWorkingDir("/tmp").withTimeout(Duration.ofSeconds(10))
                .withStdin("hello stdin"));
        assertEquals("hello stdin\nFOO=bar pwd=/tmp\n", result.stdoutText());
        assertEquals("err-line\n", result.stderrText());
        assertEquals(3, result.exitCode());
        PebbleExecException failed = assertThrows(PebbleExecException.class, result::requireSuccess);
        assertEquals(3, failed.exitCode());
        assertTrue(failed.getMessage().contains("err-line"), failed.getMessage());

        ExecCall call = h.emulator.execHistory().get(0);
        assertEquals(Map.of("FOO", "bar"), call.environment());
        assertEquals(Duration.ofSeconds(10), call.timeout());
        assertEquals("hello stdin", call.stdinText());
    }

    @Test
    void unhandledCommandsAreSimulatedAndSaySo() {
        ExecResult result = h.client.exec(ExecRequest.of("mlflow", "db", "upgrade").withUser("mlflow"));
        assertEquals(0, result.exitCode());
        assertEquals("", result.stdoutText());
        assertTrue(result.stderrText().contains("simulated"), result.stderrText());
        assertEquals("mlflow", h.emulator.execHistory().get(0).user());
    }

    @Test
    void longestPrefixWinsAndHandlerFailuresExitOne() {
        h.emulator.onExec(List.of("tool"), call -> ExecReply.ok("generic\n"));
        h.emulator.onExec(List.of("tool", "version"), call -> ExecReply.ok("1.2.3\n"));
        h.emulator.onExec(List.of("broken"), call -> {
            throw new IllegalStateException("boom");
        });
        assertEquals("1.2.3\n", h.client.exec(ExecRequest.of("tool", "version")).requireSuccess().stdoutText());
        assertEquals("generic\n", h.client.exec(ExecRequest.of("tool", "help")).stdoutText());
        ExecResult broken = h.client.exec(ExecRequest.of("broken"));
        assertEquals(1, broken.exitCode());
        assertTrue(broken.stderrText().contains("boom"));
        assertEquals(3, h.emulator.execHistory().size());
    }

    @Test
    void largeBinaryStdinRoundTrips() {
        h.emulator.onExec(List.of("cat"), call -> new ExecReply(0, call.stdin(), new byte[0]));
        byte[] input = new byte[300_000];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i * 31);
        }
        ExecResult result = h.client.exec(ExecRequest.of("cat").withStdin(input));
        assertArrayEquals(input, result.stdout());
        assertEquals(0, result.stderr().length);
    }

    @Test
    void serviceContextProvidesEnvironmentAndDirectory() {
        h.client.addLayer("base", Layer.builder().service("db", Service.builder().override(OverrideMode.REPLACE)
                .command("postgres").environment("PGDATA", "/data").workingDir("/srv").build()).build(), false);
        h.emulator.onExec(List.of("env"), call -> ExecReply.ok(call.serviceContext() + "\n"));
        assertEquals("db\n", h.client.exec(ExecRequest.of("env").withServiceContext("db")).stdoutText());
        PebbleApiException unknown = assertThrows(PebbleApiException.class,
                () -> h.client.exec(ExecRequest.of("env").withServiceContext("nosuch")));
        assertEquals(400, unknown.statusCode());
    }

    @Test
    void execsRunOneAfterAnotherOnOneClient() {
        h.emulator.onExec(List.of("echo"), call -> ExecReply.ok(String.join(" ", call.command().subList(1,
                call.command().size())) + "\n"));
        for (int i = 0; i < 5; i++) {
            assertEquals(i + "\n", h.client.exec(ExecRequest.of("echo", Integer.toString(i))).stdoutText());
        }
        assertEquals(List.of("echo", "4"), h.emulator.execHistory().get(4).command());
        assertEquals("[echo, 0]", Arrays.toString(h.emulator.execHistory().get(0).command().toArray()));
        assertEquals("", new String(h.emulator.execHistory().get(0).stdin(), StandardCharsets.UTF_8));
    }
}
