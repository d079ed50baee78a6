package io.jcharm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user meets it: no verb is a usage error, a usage error shows the short
 * usage (not the whole help), every verb knows the version, and every help reads at 80 columns.
 */
class UsageTest {
    @TempDir
    Path tmp;
    CliHarness h;

    @BeforeEach
    void setUp() {
        h = new CliHarness(tmp);
    }

    @Test
    void noVerbIsAUsageError() {
        CliHarness.Run r = h.jcharm();
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("Usage: jcharm") && r.err().contains("error: no verb given"), r.err());
    }

    @Test
    void aUsageErrorShowsTheShortUsageAndWhereTheHelpIs() {
        CliHarness.Run r = h.jcharm("status", "--bogus");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().startsWith("error: Unknown option: '--bogus'"), r.err());
        assertTrue(r.err().contains("usage: jcharm status ") && r.err().contains("fix: see jcharm status --help"), r.err());
        assertTrue(!r.err().contains("Exit codes") && !r.err().contains("--model-dir=DIR  "), "not the whole help: " + r.err());
    }

    @Test
    void aLocalVerbAloneBehavesAsInTheFullCommandLine() {
        assertEquals(List.of("status"), List.copyOf(JcharmCommand.commandLine(h.context(), new String[] {"status"}).getSubcommands().keySet()));
        assertTrue(JcharmCommand.commandLine(h.context(), new String[] {"bundle", "verify"}).getSubcommands().containsKey("deploy"));
        for (Class<?> c : LocalVerbs.VERBS) {
            String verb = c.getAnnotation(picocli.CommandLine.Command.class).name();
            for (String[] args : List.of(new String[] {verb, "--help"}, new String[] {verb, "--bogus"}, new String[] {verb, "-V"},
                    new String[] {verb, "--model-dir", tmp.resolve("none").toString()})) {
                CliHarness.Run alone = h.jcharm(args);
                CliHarness.Run full = h.jcharmFull(args);
                assertEquals(full, alone, String.join(" ", args));
            }
        }
    }

    @Test
    void everyVerbPrintsTheVersion() {
        CliHarness.Run r = h.jcharm("status", "-V");
        assertEquals(0, r.code());
        assertEquals("jcharm 0.1.0", r.out().strip());
    }

    @Test
    void theVerbListShowsEachVerbsFirstSentenceWhole() {
        String help = h.jcharm("--help").out();
        assertTrue(help.contains("  deploy              Verify the bundle (every check, with the charms'\n"
                + "                        metadata), render it to build/bundles, then deploy it.\n  "), help);
        assertTrue(!help.contains("With --juju: `juju deploy"), "the rest is in jcharm deploy --help: " + help);
        assertTrue(h.jcharm("deploy", "--help").out().contains("With --juju"));
    }

    @Test
    void everyHelpReadsAtEightyColumns() {
        List<String[]> verbs = List.of(new String[] {"--help"}, new String[] {"deploy", "--help"}, new String[] {"integrate", "--help"},
                new String[] {"status", "--help"}, new String[] {"config", "--help"}, new String[] {"run-action", "--help"},
                new String[] {"refresh", "--help"}, new String[] {"resolve", "--help"}, new String[] {"debug-log", "--help"},
                new String[] {"remove-application", "--help"}, new String[] {"remove-relation", "--help"}, new String[] {"pack", "--help"},
                new String[] {"bundle", "--help"}, new String[] {"bundle", "verify", "--help"}, new String[] {"bundle", "render", "--help"},
                new String[] {"bundle", "select", "--help"}, new String[] {"bundle", "graph", "--help"});
        for (String[] verb : verbs) {
            CliHarness.Run r = h.jcharm(verb);
            assertEquals(0, r.code(), String.join(" ", verb));
            for (String line : r.out().split("\n")) {
                assertTrue(line.length() <= 80, String.join(" ", verb) + ": a line of " + line.length() + " columns: " + line);
            }
        }
    }

    @Test
    void packErrorsAreInTheErrorFixForm() throws java.io.IOException {
        Path charm = java.nio.file.Files.createDirectories(tmp.resolve("broken-charm"));
        java.nio.file.Files.writeString(charm.resolve("charmcraft.yaml"), "name: Bad_Name\ntype: charm\n");
        CliHarness.Run r = h.jcharm("pack", charm.toString());
        assertEquals(ExitCodes.USER, r.code(), r.out());
        assertTrue(r.err().contains(charm.resolve("charmcraft.yaml") + ":") && r.err().contains(": error: "), r.err());
        assertTrue(r.err().contains("    fix: correct the ") && r.err().contains(", then run jcharm pack again"), r.err());
    }
}
