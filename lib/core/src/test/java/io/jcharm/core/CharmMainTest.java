package io.jcharm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharmMainTest {
    /** A charm with nothing to reconcile. */
    public static final class QuietCharm implements Charm {
        @Override public Components components(Model model) {
            return Components.of();
        }
    }

    /** A charm whose reconcile throws. */
    public static final class BrokenCharm implements Charm {
        @Override public Components components(Model model) {
            return Components.of(Component.of("boom", m -> {
                throw new UnsupportedOperationException("not yet");
            }));
        }
    }

    /** A charm whose constructor throws. */
    public static final class FragileCharm implements Charm {
        public FragileCharm() {
            throw new IllegalStateException("no KUBECONFIG");
        }

        @Override public Components components(Model model) {
            return Components.of();
        }
    }

    /** Not a charm at all. */
    public static final class NotACharm {
    }

    @TempDir
    Path charmDir;
    private final RecordingHookTools tools = new RecordingHookTools();
    private final Fixtures.Captured stderr = new Fixtures.Captured();

    @BeforeEach
    void charm() throws IOException {
        Files.writeString(charmDir.resolve("charmcraft.yaml"), Fixtures.CHARMCRAFT);
    }

    private Map<String, String> env(String dispatch) {
        Map<String, String> env = Fixtures.env(dispatch);
        env.put("JUJU_CHARM_DIR", charmDir.toString());
        return env;
    }

    private int run(String charmClass, Map<String, String> env) {
        return CharmMain.run(new String[] {charmClass}, env, tools, stderr.stream);
    }

    private void assertFailsWith(int code, String message) {
        assertEquals(1, code);
        assertEquals("ERROR " + message, stderr.text().lines().findFirst().orElse(""));
        assertEquals(List.of("ERROR " + message), tools.logs, "juju-log is attempted too");
    }

    @Test
    void runsTheCharm() {
        assertEquals(0, run(QuietCharm.class.getName(), env("hooks/install")));
        assertEquals(Status.active(), tools.unitStatus);
    }

    @Test
    void missingJujuVariableExitsNonZeroWithTheMessage() {
        Map<String, String> env = env("hooks/install");
        env.remove("JUJU_MODEL_UUID");
        assertFailsWith(run(QuietCharm.class.getName(), env), "JUJU_MODEL_UUID is not set; Juju sets it for every hook "
                + "and action. Run the charm's dispatch through Juju (or jcharm's local model), not by hand.");
    }

    @Test
    void unknownDispatchPathPrefix() {
        assertFailsWith(run(QuietCharm.class.getName(), env("events/install")), "JUJU_DISPATCH_PATH=\"events/install\" "
                + "must be hooks/<hook> or actions/<action>; is dispatch being run by Juju?");
    }

    @Test
    void malformedMetadata() throws IOException {
        Files.writeString(charmDir.resolve("charmcraft.yaml"), "name: demo\nconfig:\n  options:\n    port: {type: integer}\n");
        assertFailsWith(run(QuietCharm.class.getName(), env("hooks/install")),
                "charmcraft.yaml: config: invalid config: option \"port\" has unknown type \"integer\"");
    }

    @Test
    void charmClassMissing() {
        assertFailsWith(run("io.jcharm.charms.Nope", env("hooks/install")),
                "charm class io.jcharm.charms.Nope is not in the charm's jar; repack the charm");
    }

    @Test
    void classThatIsNotACharm() {
        assertFailsWith(run(NotACharm.class.getName(), env("hooks/install")),
                NotACharm.class.getName() + " does not implement io.jcharm.core.Charm");
    }

    @Test
    void charmConstructorThrowing() {
        assertFailsWith(run(FragileCharm.class.getName(), env("hooks/install")), "the constructor of charm "
                + FragileCharm.class.getName() + " threw java.lang.IllegalStateException: no KUBECONFIG");
    }

    @Test
    void noCharmClassArgument() {
        assertFailsWith(CharmMain.run(new String[0], env("hooks/install"), tools, stderr.stream),
                "usage: CharmMain <charm class>; the charm's dispatch passes it");
    }

    @Test
    void aThrowingCharmExitsOneWithTheStackTraceLogged() {
        assertEquals(1, run(BrokenCharm.class.getName(), env("hooks/start")));
        String log = String.join("\n", tools.logs);
        assertTrue(log.startsWith("ERROR hook start failed: java.lang.UnsupportedOperationException: not yet\n"), log);
        assertTrue(log.contains("\tat io.jcharm.core.CharmMainTest$BrokenCharm"), log);
    }

    @Test
    void unknownHookExitsZero() {
        assertEquals(0, run(QuietCharm.class.getName(), env("hooks/meter-status-changed")));
        assertEquals("", stderr.text());
    }

    @Test
    void realJujuLogIsAttemptedAndAMissingOneDoesNotHideTheError(@TempDir Path bin) throws IOException {
        Path record = bin.resolve("juju-log.args");
        Path jujuLog = bin.resolve("juju-log");
        Files.writeString(jujuLog, "#!/bin/sh\nprintf '%s|' \"$@\" > '" + record + "'\n");
        Files.setPosixFilePermissions(jujuLog, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = env("hooks/install");
        env.remove("JUJU_UNIT_NAME");
        env.put("PATH", bin.toString());
        assertEquals(1, CharmMain.run(new String[] {QuietCharm.class.getName()}, env));
        assertEquals("--log-level|ERROR|--|JUJU_UNIT_NAME is not set; Juju sets it for every hook and action. Run the "
                + "charm's dispatch through Juju (or jcharm's local model), not by hand.|", Files.readString(record));
        env.put("PATH", bin.resolve("empty").toString());
        assertEquals(1, CharmMain.run(new String[] {QuietCharm.class.getName()}, env), "no juju-log: still exit 1");
    }
}
