package io.jcharm.controller.table;

import static io.jcharm.controller.table.Fixture.HELLO_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The controller's rules, one row per hook-tool call, with Juju's texts: the caller and its
 * hook, argv and stdin, what the tool must print and return, and (for writes) what the caller
 * reads back in its next hook once the first one succeeded. Every adapter runs every row.
 *
 * <p>Where lib/testing and lib/local disagreed, the row follows Juju 3.6 (juju/juju, branch 3.6):
 * the file each text comes from is named beside the row.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> table() { return ToolTable.tests(adapter); }
 * }</pre>
 */
public final class ToolTable {
    private static final Caller LEADER = Caller.relationHook("hello/0", "greeting-relation-changed", 1, "listener/0");
    private static final Caller FOLLOWER = Caller.relationHook("hello/1", "greeting-relation-changed", 1, "listener/0");
    private static final Caller LISTENER = Caller.relationHook("listener/0", "listen-relation-changed", 1, "hello/0");
    private static final Caller PLAIN = Caller.hook("hello/0", "update-status");
    private static final Caller ACTION = Caller.action("hello/0", "greet", Fixture.ACTION);
    private static final String NOT_FOUND_9 = "ERROR invalid value \"greeting:9\" for option -r: relation not found\n";

    /**
     * One call.
     *
     * @param stdin what the tool reads, or null
     * @param then what the caller runs in its next hook when this one succeeded, or empty
     * @param thenStdout what that prints
     */
    public record Row(String name, Caller caller, List<String> argv, String stdin, Outcome expected,
                      List<String> then, String thenStdout) {
    }

    private ToolTable() {
    }

    private static Row ok(String name, Caller c, String stdout, String... argv) {
        return new Row(name, c, List.of(argv), null, new Outcome(0, stdout, ""), List.of(), "");
    }

    private static Row fails(String name, Caller c, int exit, String stderr, String... argv) {
        return new Row(name, c, List.of(argv), null, new Outcome(exit, "", stderr), List.of(), "");
    }

    private static Row write(String name, Caller c, String stdin, List<String> argv, List<String> then, String thenOut) {
        return new Row(name, c, argv, stdin, new Outcome(0, "", ""), then, thenOut);
    }

    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // --- relations -----------------------------------------------------------------
        rows.add(ok("relation-ids lists the endpoint's relations", LEADER, "[\"greeting:1\"]\n",
                "relation-ids", "greeting", "--format=json"));
        rows.add(ok("relation-list shows the remote units seen", LEADER, "[\"listener/0\"]\n",
                "relation-list", "--format=json", "-r", "greeting:1"));
        rows.add(ok("relation-list --app names the remote application", LEADER, "\"listener\"\n",
                "relation-list", "--format=json", "--app", "-r", "greeting:1"));
        rows.add(ok("a remote unit's bag is readable", FOLLOWER, "{\"ready\":\"yes\"}\n",
                "relation-get", "--format=json", "-r", "greeting:1", "-", "listener/0"));
        rows.add(ok("the remote application's bag is readable", FOLLOWER, "{\"port\":\"8080\"}\n",
                "relation-get", "--format=json", "-r", "greeting:1", "--app", "-", "listener"));
        rows.add(ok("the leader reads its own application's bag", LEADER, "{\"greeting\":\"hi\"}\n",
                "relation-get", "--format=json", "-r", "greeting:1", "--app", "-", "hello"));
        rows.add(fails("a follower cannot read its own application's bag", FOLLOWER, 1, "ERROR permission denied\n",
                "relation-get", "--format=json", "-r", "greeting:1", "--app", "-", "hello"));
        rows.add(ok("on a peer relation every unit reads the application's bag", FOLLOWER, "{\"leader-says\":\"x\"}\n",
                "relation-get", "--format=json", "-r", "peers:2", "--app", "-", "hello"));
        rows.add(fails("another unit of the same application is not readable over a non-peer relation", LEADER, 1,
                "ERROR cannot read settings for unit \"hello/1\" in relation \"greeting:1\": permission denied\n",
                "relation-get", "--format=json", "-r", "greeting:1", "-", "hello/1"));
        // juju/juju 3.6 worker/uniter/runner/jujuc/relation-set.go: a bare "cannot write relation settings".
        rows.add(new Row("a follower cannot write its application's bag", FOLLOWER,
                List.of("relation-set", "-r", "greeting:1", "--app", "--file", "-"), "{\"k\": \"v\"}",
                new Outcome(1, "", "ERROR cannot write relation settings\n"), List.of(), ""));
        rows.add(write("relation-set --file - writes the unit bag", LEADER, "{\"k\": \"v\"}",
                List.of("relation-set", "-r", "greeting:1", "--file", "-"),
                List.of("relation-get", "--format=json", "-r", "greeting:1", "-", "hello/0"), "{\"k\":\"v\",\"u\":\"0\"}\n"));
        rows.add(write("an empty value deletes the key", LEADER, "{\"u\": \"\"}",
                List.of("relation-set", "-r", "greeting:1", "--file", "-"),
                List.of("relation-get", "--format=json", "-r", "greeting:1", "-", "hello/0"), "{}\n"));
        rows.add(write("the leader writes its application's bag", LEADER, null,
                List.of("relation-set", "-r", "greeting:1", "--app", "greeting=hey"),
                List.of("relation-get", "--format=json", "-r", "greeting:1", "--app", "-", "hello"), "{\"greeting\":\"hey\"}\n"));
        rows.add(fails("an unknown relation id", LEADER, 2, NOT_FOUND_9,
                "relation-list", "--format=json", "-r", "greeting:9"));
        rows.add(fails("the id must belong to the endpoint", LEADER, 2,
                "ERROR invalid value \"peers:1\" for option -r: relation not found\n",
                "relation-get", "--format=json", "-r", "peers:1", "-", "listener/0"));
        rows.add(ok("relation-model-get gives the model's uuid", LEADER, "{\"uuid\":\"" + Fixture.UUID + "\"}\n",
                "relation-model-get", "--format=json", "-r", "greeting:1"));
        rows.add(fails("an undefined flag is a usage error", LEADER, 2, "ERROR flag provided but not defined: -bogus\n",
                "relation-get", "--bogus", "-r", "greeting:1"));
        rows.add(fails("network-get knows only the charm's bindings", LEADER, 1,
                "ERROR no network config found for binding \"nope\"\n", "network-get", "--format=json", "nope"));
        // --- leadership and status -----------------------------------------------------
        rows.add(ok("the leader is the leader", PLAIN, "true\n", "is-leader", "--format=json"));
        rows.add(ok("a follower is not", FOLLOWER, "false\n", "is-leader", "--format=json"));
        // juju/juju 3.6 worker/uniter/runner/context/context.go SetApplicationStatus: ErrIsNotLeader.
        rows.add(fails("a follower cannot set the application status", FOLLOWER, 1, "ERROR this unit is not the leader\n",
                "status-set", "--application=True", "active"));
        rows.add(fails("a follower cannot read the application status", FOLLOWER, 1,
                "ERROR finding application status: this unit is not the leader\n",
                "status-get", "--include-data", "--format=json", "--application=true"));
        rows.add(write("status-set sets the unit's status", PLAIN, null,
                List.of("status-set", "--application=False", "maintenance", "--", "busy"),
                List.of("status-get", "--include-data", "--format=json", "--application=false"),
                "{\"message\":\"busy\",\"status\":\"maintenance\",\"status-data\":{}}\n"));
        rows.add(fails("a charm cannot set error", PLAIN, 1,
                "ERROR invalid status \"error\", expected one of [maintenance blocked waiting active]\n",
                "status-set", "--application=False", "error"));
        rows.add(ok("config-get shows the defaults", PLAIN, "{\"greeting\":\"Hello\"}\n", "config-get", "--format=json"));
        // --- controller-side state -----------------------------------------------------
        rows.add(ok("state-get shows the unit's state", PLAIN, "{\"runs\":\"1\"}\n", "state-get", "--format=json"));
        rows.add(write("state-set --file - sets keys", PLAIN, "{\"runs\": \"2\", \"x\": \"y\"}",
                List.of("state-set", "--file", "-"), List.of("state-get", "--format=json"), "{\"runs\":\"2\",\"x\":\"y\"}\n"));
        rows.add(write("state-delete removes a key", PLAIN, null, List.of("state-delete", "runs"),
                List.of("state-get", "--format=json"), "{}\n"));
        // --- ports ---------------------------------------------------------------------
        rows.add(write("open-port opens a port, tcp by default", PLAIN, null, List.of("open-port", "8080"),
                List.of("opened-ports", "--format=json"), "[\"8080/tcp\"]\n"));
        rows.add(fails("open-port refuses what is not a port", PLAIN, 2,
                "ERROR invalid port \"http\": expected <port>[/<protocol>] or <from>-<to>[/<protocol>] or icmp\n",
                "open-port", "http"));
        // --- secrets -------------------------------------------------------------------
        rows.add(ok("the owner reads its secret by label", PLAIN, "{\"token\":\"t0p\"}\n",
                "secret-get", "--format=json", "--label", "token"));
        rows.add(ok("a consumer reads a secret granted to it", LISTENER, "{\"token\":\"t0p\"}\n",
                "secret-get", "--format=json", HELLO_SECRET));
        rows.add(fails("secret-info-get is for the owner only", LISTENER, 1,
                "ERROR secret \"cv0tmpd2ju3s6a0000aa\" not found\n", "secret-info-get", "--format=json", HELLO_SECRET));
        rows.add(fails("an unknown secret is not found", PLAIN, 1, "ERROR secret \"aaaaaaaaaaaaaaaaaaaa\" not found\n",
                "secret-get", "--format=json", "secret:aaaaaaaaaaaaaaaaaaaa"));
        // The controller's ErrPerm (juju/juju 3.6 apiserver/common/errors.go), printed as is by secret-get.
        rows.add(new Row("a secret that exists but was not granted: permission denied", PLAIN,
                List.of("secret-get", "--format=json", Fixture.LISTENER_SECRET), null,
                new Outcome(1, "", "ERROR permission denied\n"), List.of(), ""));
        // juju/juju 3.6 worker/uniter/runner/context/context.go CreateSecret/UpdateSecret: ErrIsNotLeader.
        rows.add(fails("a follower cannot add an application secret", FOLLOWER, 1, "ERROR this unit is not the leader\n",
                "secret-add", "--owner", "application", "token=x"));
        rows.add(fails("a follower cannot change an application secret", FOLLOWER, 1,
                "ERROR this unit is not the leader\n", "secret-set", HELLO_SECRET, "token=x"));
        // Juju flushes secret-set and fails with the controller's ErrPerm; the emulation refuses at once, same text.
        rows.add(fails("a consumer cannot change a secret it was granted", LISTENER, 1, "ERROR permission denied\n",
                "secret-set", HELLO_SECRET, "token=mine"));
        rows.add(fails("nor grant it on", LISTENER, 1, "ERROR secret \"cv0tmpd2ju3s6a0000aa\" not found\n",
                "secret-grant", "--relation", "listen:1", HELLO_SECRET));
        rows.add(ok("secret-ids lists what the unit owns", PLAIN, "[\"" + HELLO_SECRET + "\"]\n",
                "secret-ids", "--format=json"));
        rows.add(write("new content is a new revision", PLAIN, null, List.of("secret-set", HELLO_SECRET, "token=n3w"),
                List.of("secret-info-get", "--format=json", HELLO_SECRET),
                "{\"cv0tmpd2ju3s6a0000aa\":{\"revision\":2,\"label\":\"token\",\"owner\":\"application\",\"rotation\":\"never\"}}\n"));
        rows.add(fails("secret content keys follow Juju's rule", PLAIN, 1, "ERROR key \"ab\" not valid\n",
                "secret-add", "--owner", "unit", "ab=x"));
        // --- actions -------------------------------------------------------------------
        rows.add(ok("action-get gives the parameters", ACTION, "{\"shout\":true}\n", "action-get", "--format=json"));
        // juju/juju 3.6 worker/uniter/runner/context/context.go: errors.New("not running an action").
        rows.add(fails("action tools outside an action", PLAIN, 1, "ERROR not running an action\n",
                "action-get", "--format=json"));
        rows.add(fails("action-set checks its keys", ACTION, 2, "ERROR key \"Bad\" must start and end with lowercase"
                + " alphanumeric, and contain only lowercase alphanumeric, hyphens and periods\n", "action-set", "Bad=1"));
        // --- storage -------------------------------------------------------------------
        rows.add(ok("each declared storage starts with one instance", PLAIN, "[\"data/0\"]\n",
                "storage-list", "--format=json"));
        rows.add(ok("storage-add asks for more", PLAIN, "", "storage-add", "data=1"));
        rows.add(fails("storage-add knows only declared storage", PLAIN, 1, "ERROR storage \"logs\" not found\n",
                "storage-add", "logs=1"));
        rows.add(fails("storage-get of an unknown instance", PLAIN, 1, "ERROR storage instance \"data/7\" not found\n",
                "storage-get", "--format=json", "-s", "data/7"));
        // --- the rest ------------------------------------------------------------------
        rows.add(fails("deprecated tools are refused, saying what to use", PLAIN, 1,
                "ERROR leader-set is not supported by jcharm's controller (deprecated or podspec-only in Juju 3);"
                        + " use relation data, Juju secrets or Pebble instead\n", "leader-set", "k=v"));
        return rows;
    }

    /** Every row as a test of {@code adapter}. */
    public static Stream<DynamicTest> tests(ToolTableAdapter adapter) {
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> check(adapter, row)));
    }

    private static void check(ToolTableAdapter adapter, Row row) {
        List<Outcome> out = adapter.run(row.caller(), row.argv(), row.stdin(), row.then());
        assertEquals(row.expected(), out.get(0), row.caller() + ": " + String.join(" ", row.argv()));
        if (!row.then().isEmpty()) {
            assertEquals(new Outcome(0, row.thenStdout(), ""), out.get(1), "then " + String.join(" ", row.then()));
        }
    }
}
