package io.jcharm.cli;

import io.jcharm.process.ProcessRunner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local-model verbs end to end, in-process, on a charm written in sh (its hooks are real
 * processes calling the real hook tools, and start in milliseconds): deploy is the default
 * target; status, config, a failing hook and resolve, run-action, remove-relation, integrate,
 * refresh, remove-application and debug-log compose across invocations through ./.jcharm/model.
 */
class LocalVerbsTest {
    @TempDir
    Path root;

    record Run(int code, String out, String err) {
    }

    private Run jcharm(String... args) {
        return jcharmIn(root, args);
    }

    private Run jcharmIn(Path cwd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(Map.of("PATH", System.getenv("PATH")), cwd, new ProcessRunner(), Duration.ofMillis(10));
        CommandLine cl = JcharmCommand.commandLine(ctx);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    private static final String DISPATCH = """
            #!/bin/sh
            # A charm in sh: publishes its greeting on every greeting relation, fails on purpose when told to.
            # A test that interrupts a deploy makes install hang (in a child process) while this file exists.
            m="$JUJU_CHARM_DIR/../../../../../sleep-marker"
            if [ -f "$m" ] && [ "$JUJU_DISPATCH_PATH" = hooks/install ]; then sleep 120 & echo $! > "$m.pid"; wait; fi
            case "$JUJU_DISPATCH_PATH" in
              actions/*) action-set "message=$(config-get greeting), $(action-get name)!"; exit 0 ;;
            esac
            g=$(config-get greeting)
            if [ "$g" = fail ] && [ "$(cat version)" != 3 ]; then echo "greeting says fail" >&2; exit 1; fi
            if [ "$g" = block ]; then status-set blocked "greeting must not be block"; exit 0; fi
            for r in $(relation-ids greeting); do relation-set -r "$r" greeting="$g"; done
            status-set active "greeting $g (charm v$(cat version))"
            """;

    private void charm(Path file, String version) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file.toFile())) {
            entry(zip, "metadata.yaml", "name: shell\nsummary: s\ndescription: d\nprovides:\n  greeting:\n    interface: greet\n"
                    + "requires:\n  listen:\n    interface: greet\n", 0644);
            entry(zip, "config.yaml", "options:\n  greeting:\n    type: string\n    default: Hello\n    description: g\n", 0644);
            entry(zip, "actions.yaml", "greet:\n  description: g\n  params:\n    name:\n      type: string\n      description: n\n", 0644);
            entry(zip, "version", version, 0644);
            entry(zip, "dispatch", DISPATCH, 0755);
        }
    }

    private static void entry(ZipArchiveOutputStream zip, String name, String text, int mode) throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setUnixMode(0100000 | mode);
        zip.putArchiveEntry(e);
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeArchiveEntry();
    }

    private JsonNode status() {
        Run r = jcharm("status", "--format=json");
        assertEquals(0, r.code(), r.err());
        return JsonMapper.builder().build().readTree(r.out());
    }

    private static String workload(JsonNode status, String app, String unit) {
        return status.path("applications").path(app).path("units").path(unit).path("workload-status").path("current").asString("");
    }

    /** What dispatch reads about the warm runtime, the JVM and the hook tools reaches every hook; nothing else does. */
    @Test
    void theWarmRuntimeJvmAndHookToolSettingsReachEveryHook() {
        CliContext ctx = new CliContext(Map.of("JCHARM_WARM", "1", "JCHARM_WARM_WAIT", "0", "JCHARM_JAVA_OPTS", "-Dx=1",
                "JCHARM_HOOK_TOOLS", "exec", "HOME", "/nowhere"), root, new ProcessRunner(), Duration.ofMillis(10));
        assertEquals(Map.of("JCHARM_WARM", "1", "JCHARM_WARM_WAIT", "0", "JCHARM_JAVA_OPTS", "-Dx=1", "JCHARM_HOOK_TOOLS", "exec"),
                LocalCli.options(ctx, Duration.ofMinutes(1)).hookEnvironment());
    }

    @Test
    void theLocalVerbsComposeAcrossInvocations() throws IOException {
        Path bundleDir = Files.createDirectories(root.resolve("bundles/shell"));
        charm(bundleDir.resolve("shell.charm"), "1");
        Files.writeString(bundleDir.resolve("bundle.yaml"), """
                name: shells
                applications:
                  a: {charm: ./shell.charm, num_units: 1}
                  b: {charm: ./shell.charm, num_units: 1, options: {greeting: Hi}}
                relations:
                - [a:greeting, b:listen]
                """);
        Run deploy = jcharm("deploy", "bundles/shell");
        assertEquals(0, deploy.code(), deploy.out() + deploy.err());
        assertTrue(deploy.out().contains("a/0") && deploy.out().contains("install") && deploy.out().contains("settled after"),
                deploy.out());
        assertTrue(deploy.out().contains("Simulated:"), "the status says what is simulated");
        JsonNode s = status();
        assertEquals("active", workload(s, "a", "a/0"));
        assertEquals("Hello", s.path("relations").get(0).path("unit-data").path("a/0").path("greeting").asString(""));

        Run fail = jcharm("config", "a", "greeting=fail");
        assertEquals(ExitCodes.EXTERNAL, fail.code(), "a unit in error fails the command");
        assertTrue(fail.err().contains("units in error: a/0") && fail.err().contains("jcharm resolve a/0"), fail.err());
        assertEquals("error", workload(status(), "a", "a/0"));
        Run log = jcharm("debug-log", "--include", "a/0");
        assertTrue(log.out().contains("greeting says fail"), log.out());
        assertEquals(ExitCodes.EXTERNAL, jcharm("config", "a", "greeting=Bonjour").code(), "still in error: only resolve helps");
        Run resolve = jcharm("resolve", "a/0");
        assertEquals(0, resolve.code(), resolve.out() + resolve.err());
        assertEquals("Bonjour", status().path("relations").get(0).path("unit-data").path("a/0").path("greeting").asString(""));

        Run action = jcharm("run-action", "a/0", "greet", "name=you");
        assertEquals(0, action.code(), action.err());
        assertTrue(action.out().contains("message: Bonjour, you!") && action.out().contains("status: completed"), action.out());
        Run config = jcharm("config", "a");
        assertTrue(config.out().contains("greeting: Bonjour"), config.out());

        assertEquals(0, jcharm("remove-relation", "a", "b").code());
        assertEquals(0, status().path("relations").size());
        Run ambiguous = jcharm("integrate", "a", "b");
        assertTrue(ambiguous.err().contains("ambiguous relation"), "inferred as juju integrate does: " + ambiguous.err());
        assertTrue(ambiguous.err().contains("fix: name the endpoints, one of: [jcharm integrate a:greeting b:listen, "
                + "jcharm integrate a:listen b:greeting]"), "the hint names the candidates: " + ambiguous.err());
        assertTrue(!ambiguous.err().contains("juju"), "nothing is passed to juju on the local model: " + ambiguous.err());
        Run integrate = jcharm("integrate", "a:greeting", "b");
        assertEquals(0, integrate.code(), integrate.out() + integrate.err());
        assertEquals("a:greeting", status().path("relations").get(0).path("endpoints").get(0).asString(""));

        charm(root.resolve("shell-2.charm"), "2");
        assertEquals(0, jcharm("refresh", "a", "--path", "shell-2.charm").code());
        JsonNode refreshed = status();
        assertEquals(2, refreshed.path("applications").path("a").path("charm-rev").asInt());
        assertTrue(refreshed.path("applications").path("a").path("units").path("a/0").path("workload-status").path("message")
                .asString("").contains("charm v2"));

        assertEquals(0, jcharm("remove-application", "b").code());
        assertTrue(status().path("applications").path("b").isMissingNode(), "b is gone");
        Run bad = jcharm("resolve", "a/0");
        assertEquals(ExitCodes.USER, bad.code());
        assertTrue(bad.err().contains("not in an error state"), bad.err());
    }

    private Path bundle(String yaml) throws IOException {
        Path bundleDir = Files.createDirectories(root.resolve("bundles/shell"));
        if (!Files.exists(bundleDir.resolve("shell.charm"))) {
            charm(bundleDir.resolve("shell.charm"), "1");
        }
        Files.writeString(bundleDir.resolve("bundle.yaml"), yaml);
        return bundleDir;
    }

    @Test
    void deployFailsUnlessEveryUnitEndsActiveAndSaysWhichAndWhy() throws IOException {
        bundle("""
                name: shells
                applications:
                  a: {charm: ./shell.charm, num_units: 1}
                  b: {charm: ./shell.charm, num_units: 1, options: {greeting: block}}
                """);
        Run deploy = jcharm("deploy", "bundles/shell");
        assertEquals(ExitCodes.EXTERNAL, deploy.code(), "a Blocked unit is not a successful rehearsal: " + deploy.out());
        assertTrue(deploy.err().contains("1 unit(s) not active") && deploy.err().contains("b/0 is blocked: greeting must not be block"),
                deploy.err());
        assertTrue(!deploy.err().contains("a/0"), "a/0 is active and not listed: " + deploy.err());
        Run settled = jcharm("deploy", "bundles/shell", "--wait-for=settled");
        assertEquals(0, settled.code(), "--wait-for=settled accepts any status once settled: " + settled.err());
        assertEquals(ExitCodes.USER, jcharm("deploy", "bundles/shell", "--wait-for=idle").code());
    }

    @Test
    void aChangedBundleDeployedAgainAppliesTheDifferenceAndKeepsWhatItNoLongerNames() throws IOException {
        bundle("""
                name: shells
                applications:
                  a: {charm: ./shell.charm, num_units: 1}
                  b: {charm: ./shell.charm, num_units: 1, options: {greeting: Hi}}
                relations:
                - [a:greeting, b:listen]
                """);
        assertEquals(0, jcharm("deploy", "bundles/shell").code());
        Run same = jcharm("deploy", "bundles/shell");
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().contains("the model already matches the bundle: nothing to change"), same.out());

        bundle("""
                name: shells
                applications:
                  a: {charm: ./shell.charm, num_units: 2, options: {greeting: Hey}}
                  c: {charm: ./shell.charm, num_units: 1}
                relations:
                - [a:greeting, c:listen]
                """);
        Run again = jcharm("deploy", "bundles/shell");
        assertEquals(0, again.code(), again.out() + again.err());
        String out = again.out();
        assertTrue(out.contains("""
                changes (as juju diff-bundle lists them):
                applications:
                  a:
                    num_units:
                      bundle: 2
                      model: 1
                    options:
                      greeting:
                        bundle: Hey
                        model: null
                  b:
                    missing: bundle
                  c:
                    missing: model
                relations:
                  bundle-additions:
                  - - a:greeting
                    - c:listen
                  model-additions:
                  - - a:greeting
                    - b:listen
                """), out);
        assertTrue(out.contains("applying: set options of a [greeting]; add unit a/1; deploy application c; "
                + "add relation a:greeting - c:listen"), out);
        assertTrue(out.contains("kept, though the bundle does not name them") && out.contains("application b"), out);
        assertTrue(out.indexOf("changes (as juju diff-bundle") < out.indexOf("a/1 "), "the changes are printed before hooks run");
        JsonNode s = status();
        assertEquals("active", workload(s, "a", "a/1"));
        assertEquals("active", workload(s, "c", "c/0"));
        assertEquals("active", workload(s, "b", "b/0"), "b stays: a redeploy never removes");
        assertEquals(2, s.path("relations").size(), "a-b kept, a-c added: " + s.path("relations"));
        for (JsonNode r : s.path("relations")) {
            assertEquals("Hey", r.path("unit-data").path("a/1").path("greeting").asString(""), r.toString());
        }
    }

    @Test
    void aRefreshOfAUnitInErrorDoesWhatJujuDoesAndSaysTheNextStep() throws IOException {
        bundle("""
                name: shells
                applications:
                  a: {charm: ./shell.charm, num_units: 1}
                """);
        assertEquals(0, jcharm("deploy", "bundles/shell").code());
        assertEquals(ExitCodes.EXTERNAL, jcharm("config", "a", "greeting=fail").code());
        charm(root.resolve("shell-2.charm"), "2");
        Run refresh = jcharm("refresh", "a", "--path", "shell-2.charm");
        assertEquals(ExitCodes.EXTERNAL, refresh.code(), "the unit is still in error: " + refresh.out());
        assertTrue(refresh.out().contains("a/0 is in error (hook failed: \"config-changed\"): as in Juju it stays on revision 1 and "
                + "upgrades only after that hook succeeds; next: jcharm resolve a/0 retries it with revision 1 (then upgrades), or "
                + "jcharm refresh a --path <charm> --force-units switches it to the new revision now"), refresh.out());
        assertTrue(jcharm("debug-log", "--include", "a/0").out().lines().noneMatch(l -> l.contains("ran \"upgrade-charm\"")),
                "no upgrade while in error");
        Run resolve = jcharm("resolve", "a/0");
        assertEquals(ExitCodes.EXTERNAL, resolve.code(), "retried with revision 1, which still fails: " + resolve.out());

        charm(root.resolve("shell-3.charm"), "3");
        Run forced = jcharm("refresh", "a", "--path", "shell-3.charm", "--force-units");
        assertTrue(forced.out().contains("a/0 is in error (hook failed: \"config-changed\"): --force-units switched it to revision 3 "
                + "without running upgrade-charm; next: jcharm resolve a/0 retries the failed hook with it"), forced.out());
        Run fixed = jcharm("resolve", "a/0");
        assertEquals(0, fixed.code(), fixed.out() + fixed.err());
        JsonNode s = status();
        assertEquals("active", workload(s, "a", "a/0"));
        assertEquals("greeting fail (charm v3)", s.path("applications").path("a").path("units").path("a/0")
                .path("workload-status").path("message").asString(""));
        assertTrue(jcharm("debug-log", "--include", "a/0").out().lines().noneMatch(l -> l.contains("ran \"upgrade-charm\"")),
                "a forced refresh from an error state runs no upgrade-charm (nor the stale one of revision 2)");
    }

    @Test
    void commandsFindTheModelAsGitFindsARepositoryAndNeverInventOne() throws IOException {
        for (String[] verb : List.of(new String[] {"status"}, new String[] {"config", "a", "greeting=x"},
                new String[] {"run-action", "a/0", "greet"}, new String[] {"debug-log"}, new String[] {"integrate", "a", "b"})) {
            Run r = jcharm(verb);
            assertEquals(ExitCodes.USER, r.code(), String.join(" ", verb) + ": " + r.out() + r.err());
            assertTrue(r.err().contains("error: no model here (looked in " + root.resolve(".jcharm/model") + ", "), r.err());
            assertTrue(r.err().contains("fix: deploy a bundle first"), r.err());
            assertTrue(!r.err().contains("passing the endpoints to juju"), r.err());
            assertTrue(!Files.exists(root.resolve(".jcharm")), String.join(" ", verb) + " created a model");
        }
        bundle("""
                name: shells
                applications:
                  a: {charm: ./shell.charm, num_units: 1}
                """);
        assertEquals(0, jcharm("deploy", "bundles/shell").code());
        Path deeper = Files.createDirectories(root.resolve("bundles/shell/deeper"));
        Run status = jcharmIn(deeper, "status");
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("a/0*"), "found the model above: " + status.out());
        assertEquals(0, jcharmIn(deeper, "config", "a", "greeting=Hey").code());
        assertTrue(!Files.exists(deeper.resolve(".jcharm")), "nothing created where the command ran");

        Path state = root.resolve(".jcharm/model/model.json");
        Files.writeString(state, "{\"format\": 1, \"applications\": ");
        Run damaged = jcharm("status");
        assertEquals(ExitCodes.USER, damaged.code());
        assertTrue(damaged.err().contains("error: the model's state file " + state + " is damaged: it cannot be read"), damaged.err());
        assertTrue(damaged.err().contains("fix: restore it from a copy if you have one; else remove " + state.getParent()
                + " and deploy again"), damaged.err());
        assertTrue(!damaged.err().contains("internal error") && !damaged.err().contains("bug"), damaged.err());
        Files.delete(state);
        Run lost = jcharm("config", "a");
        assertEquals(ExitCodes.USER, lost.code());
        assertTrue(lost.err().contains("error: the model's state file " + state + " is damaged: it is missing, though "), lost.err());
        assertTrue(!Files.exists(state), "a damaged model is not replaced by an empty one");
    }

    @Test
    void aStoppedDeployKillsItsHooksSavesTheModelAndExits130() throws Exception {
        bundle("""
                name: shells
                applications:
                  a: {charm: ./shell.charm, num_units: 1}
                """);
        Path marker = Files.writeString(root.resolve("sleep-marker"), "");
        Path pidFile = root.resolve("sleep-marker.pid");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process jcharm = new ProcessBuilder(javaBin, "-cp", cp, "io.jcharm.cli.Main", "deploy", "bundles/shell")
                .directory(root.toFile()).redirectOutput(root.resolve("out.txt").toFile()).redirectError(root.resolve("err.txt").toFile())
                .start();
        try {
            long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!(Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(pidFile), "the install hook started: " + Files.readString(root.resolve("out.txt")));
            long sleeper = Long.parseLong(Files.readString(pidFile).trim());
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(jcharm.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(jcharm.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the command ended");
            String err = Files.readString(root.resolve("err.txt"));
            assertEquals(ExitCodes.INTERRUPTED, jcharm.exitValue(), err);
            assertTrue(err.contains("error: interrupted: the running hooks were stopped and marked failed"), err);
            assertTrue(err.contains("fix: run the command again"), err);
            Optional<ProcessHandle> child = ProcessHandle.of(sleeper);
            if (child.isPresent()) {
                child.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS); // throws if it lives on
            }
            assertTrue(child.map(h -> !h.isAlive()).orElse(true), "the hook's own child was killed too");
        } finally {
            jcharm.destroyForcibly();
        }
        JsonNode s = status();
        JsonNode unit = s.path("applications").path("a").path("units").path("a/0");
        assertEquals("error", unit.path("workload-status").path("current").asString(""), unit.toString());
        assertEquals("hook failed: \"install\" (interrupted)", unit.path("workload-status").path("message").asString(""));
        assertEquals("idle", unit.path("juju-status").path("current").asString(""), "not executing for ever");

        Files.delete(marker);
        Run again = jcharm("deploy", "bundles/shell");
        assertEquals(0, again.code(), "the interrupted install ran again and the rest followed: " + again.out() + again.err());
        assertEquals("active", workload(status(), "a", "a/0"));
    }

    @Test
    void configPrintsOneValueAndFailsWhenTheCharmBlocksAValueAndRunActionNamesTheLeader() throws IOException {
        bundle("""
                name: shells
                applications:
                  a: {charm: ./shell.charm, num_units: 2, options: {greeting: Bonjour}}
                """);
        assertEquals(0, jcharm("deploy", "bundles/shell").code());
        Run one = jcharm("config", "a", "greeting");
        assertEquals(0, one.code(), one.err());
        assertEquals("Bonjour" + System.lineSeparator(), one.out(), "the value alone, as juju config app key");
        Run unknown = jcharm("config", "a", "colour");
        assertEquals(ExitCodes.USER, unknown.code());
        assertTrue(unknown.err().contains("unknown option \"colour\""), unknown.err());

        Run blocked = jcharm("config", "a", "greeting=block");
        assertEquals(ExitCodes.USER, blocked.code(), blocked.out());
        assertTrue(blocked.err().contains("error: the charm refused the config: a/0 is blocked: greeting must not be block; "
                + "a/1 is blocked: greeting must not be block"), blocked.err());

        Run leader = jcharm("run-action", "a/leader", "greet", "name=chief");
        assertEquals(0, leader.code(), leader.err());
        assertTrue(leader.out().contains("message: block, chief!"), leader.out());
        String leaderUnit = status().path("applications").path("a").path("units").path("a/0").path("leader").asBoolean(false)
                ? "a/0" : "a/1";
        assertTrue(jcharm("debug-log", "--include", leaderUnit).out().contains("greet"), "ran on the leader, " + leaderUnit);
        Run noApp = jcharm("run-action", "zz/leader", "greet");
        assertEquals(ExitCodes.USER, noApp.code());
        assertTrue(noApp.err().contains("application \"zz\" not found"), noApp.err());
    }

    @Test
    void unitsShareOneUnpackedCharmAndWhatNoUnitUsesIsDeleted() throws IOException {
        bundle("""
                name: shells
                applications:
                  a: {charm: ./shell.charm, num_units: 2}
                  b: {charm: ./shell.charm, num_units: 1}
                """);
        assertEquals(0, jcharm("deploy", "bundles/shell").code());
        Path units = root.resolve(".jcharm/model/units");
        Object a0 = Files.readAttributes(units.resolve("a-0/charm-r1/dispatch"), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        for (String other : List.of("a-1", "b-0")) {
            assertEquals(a0, Files.readAttributes(units.resolve(other + "/charm-r1/dispatch"),
                    java.nio.file.attribute.BasicFileAttributes.class).fileKey(), other + " shares a/0's unpacked charm");
        }
        Path unpacked = root.resolve(".jcharm/model/charms/unpacked");
        assertEquals(1, Files.list(unpacked).count(), "one copy of the one archive");

        charm(root.resolve("shell-2.charm"), "2");
        assertEquals(0, jcharm("refresh", "a", "--path", "shell-2.charm").code());
        assertEquals(2, Files.list(unpacked).count(), "b still runs revision 1 of the same archive");
        assertEquals(0, jcharm("remove-application", "b").code());
        assertEquals(1, Files.list(unpacked).count(), "the old copy went with its last unit");
        try (var archives = Files.list(root.resolve(".jcharm/model/charms"))) {
            assertEquals(List.of("a-r2.charm", "unpacked"), archives.map(p -> p.getFileName().toString()).sorted().toList(),
                    "archives no application deploys are deleted");
        }
    }
}
