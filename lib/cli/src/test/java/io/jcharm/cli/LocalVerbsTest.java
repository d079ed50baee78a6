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
import java.util.Map;
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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(Map.of("PATH", System.getenv("PATH")), root, new ProcessRunner(), Duration.ofMillis(10));
        CommandLine cl = JcharmCommand.commandLine(ctx);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    private static final String DISPATCH = """
            #!/bin/sh
            # A charm in sh: publishes its greeting on every greeting relation, fails on purpose when told to.
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
                    - ["a:greeting", "c:listen"]
                  model-additions:
                    - ["a:greeting", "b:listen"]
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
}
