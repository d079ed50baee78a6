package io.jcharm.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract test of every non-secret {@link ExecHookTools} call against fake hook-tool
 * executables: exact argv and stdin as Juju's tools parse them, and the parsed answers.
 */
class ExecHookToolsTest {

    private static final RelationRef DB = new RelationRef("db", 3);

    @TempDir
    Path tmp;
    FakeTools fake;
    ExecHookTools tools;

    @BeforeEach
    void setUp() {
        fake = new FakeTools(tmp);
        tools = new ExecHookTools(fake.env);
    }

    // --- relations -------------------------------------------------------------------------

    @Test
    void relationIdsParsesEndpointAndId() {
        fake.answer("relation-ids", "[\"db:3\",\"db:12\"]\n");
        assertEquals(List.of(DB, new RelationRef("db", 12)), tools.relationIds("db"));
        fake.expect("relation-ids", "db", "--format=json");
    }

    @Test
    void relationListNamesTheRelationAsEndpointColonId() {
        fake.answer("relation-list", "[\"mysql/0\",\"mysql/1\"]\n");
        assertEquals(List.of("mysql/0", "mysql/1"), tools.relationList(DB));
        fake.expect("relation-list", "--format=json", "-r", "db:3");
    }

    @Test
    void relationRemoteAppReadsAJsonString() {
        fake.answer("relation-list", "\"mysql\"\n");
        assertEquals("mysql", tools.relationRemoteApp(DB));
        fake.expect("relation-list", "--format=json", "--app", "-r", "db:3");
    }

    @Test
    void relationGetReadsAUnitBag() {
        fake.answer("relation-get", "{\"host\":\"10.0.0.1\",\"port\":\"3306\"}\n");
        assertEquals(Map.of("host", "10.0.0.1", "port", "3306"), tools.relationGet(DB, "mysql/0", false));
        fake.expect("relation-get", "--format=json", "-r", "db:3", "-", "mysql/0");
    }

    @Test
    void relationGetReadsAnAppBag() {
        fake.answer("relation-get", "{}\n");
        assertEquals(Map.of(), tools.relationGet(DB, "mysql", true));
        fake.expect("relation-get", "--format=json", "-r", "db:3", "--app", "-", "mysql");
    }

    @Test
    void relationSetSendsJsonOnStdin() {
        tools.relationSet(DB, Map.of("user", "", "database", "mlflow \"x\""), true);
        FakeTools.Call call = fake.only("relation-set");
        assertEquals(List.of("-r", "db:3", "--app", "--file", "-"), call.args());
        assertEquals("{\"database\":\"mlflow \\\"x\\\"\",\"user\":\"\"}", call.stdin());
    }

    /** More than a pipe holds, each way: stdin whole, stdout and stderr whole, none blocking the other. */
    @Test
    void largeStdinStdoutAndStderrPassWhole() {
        String big = "x".repeat(300_000);
        tools.relationSet(DB, Map.of("blob", big), false);
        assertEquals("{\"blob\":\"" + big + "\"}", fake.only("relation-set").stdin());
        String err = "E".repeat(200_000);
        fake.answer("relation-get", "{\"blob\":\"" + big + "\"}\n").fail("relation-get", 1, err);
        HookToolException e = assertThrows(HookToolException.class, () -> tools.relationGet(DB, "mysql/0", false));
        assertEquals(err, e.stderr());
        fake.fail("relation-get", 0, err);
        assertEquals(Map.of("blob", big), tools.relationGet(DB, "mysql/0", false));
    }

    @Test
    void relationSetOfUnitDataHasNoAppFlagAndNothingToSetMakesNoCall() {
        tools.relationSet(DB, Map.of(), false);
        assertEquals(List.of(), fake.calls());
        tools.relationSet(DB, Map.of("k", "v"), false);
        assertEquals(List.of("-r", "db:3", "--file", "-"), fake.only("relation-set").args());
    }

    @Test
    void relationModelUuid() {
        fake.answer("relation-model-get", "{\"uuid\":\"4b1d-ab\"}\n");
        assertEquals("4b1d-ab", tools.relationModelUuid(DB));
        fake.expect("relation-model-get", "--format=json", "-r", "db:3");
    }

    // --- config, leadership, status ------------------------------------------------------

    @Test
    void configGetKeepsJsonTypes() {
        fake.answer("config-get", "{\"port\":8080,\"debug\":true,\"name\":\"x\",\"ratio\":0.5,\"tags\":[\"a\"]}\n");
        assertEquals(Map.of("port", 8080, "debug", true, "name", "x", "ratio", 0.5, "tags", List.of("a")),
                tools.configGet());
        fake.expect("config-get", "--format=json");
    }

    @Test
    void configGetOfNullOrNothingIsEmpty() {
        fake.answer("config-get", "null\n");
        assertEquals(Map.of(), tools.configGet());
        fake.answer("config-get", "");
        assertEquals(Map.of(), tools.configGet());
    }

    @Test
    void isLeaderPassesTheHookEnvironment() {
        fake.answer("is-leader", "true\n");
        assertTrue(tools.isLeader());
        FakeTools.Call call = fake.expect("is-leader", "--format=json");
        assertEquals("app/0-install-123", call.contextId());
        fake.answer("is-leader", "false\n");
        assertFalse(tools.isLeader());
    }

    @Test
    void unitStatusGetReadsTheUnitForm() {
        fake.answer("status-get", "{\"message\":\"ready\",\"status\":\"active\",\"status-data\":{}}\n");
        assertEquals(Status.active("ready"), tools.unitStatusGet());
        fake.expect("status-get", "--include-data", "--format=json", "--application=false");
    }

    @Test
    void appStatusGetReadsTheApplicationForm() {
        fake.answer("status-get", "{\"application-status\":{\"message\":\"need db\",\"status\":\"blocked\","
                + "\"status-data\":{},\"units\":{\"app/0\":{\"message\":\"\",\"status\":\"active\"}}}}\n");
        assertEquals(Status.blocked("need db"), tools.appStatusGet());
        fake.expect("status-get", "--include-data", "--format=json", "--application=true");
    }

    @Test
    void statusSetPassesTheMessageVerbatimAfterDoubleDash() {
        String message = "-x ${HOME} \"q\" 'it' $(rm -rf /) ; *";
        tools.statusSet(Status.blocked(message), false);
        fake.expect("status-set", "--application=False", "blocked", "--", message);
    }

    @Test
    void statusSetOfAppWithoutMessage() {
        tools.statusSet(Status.active(), true);
        fake.expect("status-set", "--application=True", "active");
    }

    @Test
    void statusSetRefusesStatusesOnlyJujuSets() {
        assertThrows(IllegalArgumentException.class, () -> tools.statusSet(Status.of("error", "x"), false));
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void applicationVersionSet() {
        tools.applicationVersionSet("2.19.0");
        fake.expect("application-version-set", "--", "2.19.0");
    }

    @Test
    void jujuLog() {
        tools.jujuLog(LogLevel.WARNING, "-starts with a dash");
        fake.expect("juju-log", "--log-level", "WARNING", "--", "-starts with a dash");
    }

    // --- resources and storage -----------------------------------------------------------

    @Test
    void resourceGetReadsAPath() {
        fake.answer("resource-get", "/var/lib/juju/agents/unit-app-0/resources/model/model.tar\n");
        assertEquals(Path.of("/var/lib/juju/agents/unit-app-0/resources/model/model.tar"), tools.resourceGet("model"));
        fake.expect("resource-get", "model");
    }

    @Test
    void storageGet() {
        fake.answer("storage-get", "{\"kind\":\"filesystem\",\"location\":\"/srv/data\"}\n");
        assertEquals(new StorageInfo("data/0", "filesystem", Path.of("/srv/data")), tools.storageGet("data/0"));
        fake.expect("storage-get", "--format=json", "-s", "data/0");
    }

    @Test
    void storageListWithAndWithoutName() {
        fake.answer("storage-list", "[\"data/0\",\"data/1\"]\n");
        assertEquals(List.of("data/0", "data/1"), tools.storageList(Optional.of("data")));
        fake.expect("storage-list", "--format=json", "data");
        tools.storageList(Optional.empty());
        assertEquals(List.of("--format=json"), fake.calls().get(1).args());
    }

    @Test
    void storageAdd() {
        tools.storageAdd("data", 2);
        fake.expect("storage-add", "data=2");
        assertThrows(IllegalArgumentException.class, () -> tools.storageAdd("data", 0));
    }

    // --- actions -------------------------------------------------------------------------

    @Test
    void actionGetKeepsNesting() {
        fake.answer("action-get", "{\"model\":{\"name\":\"m\",\"version\":3}}\n");
        assertEquals(Map.of("model", Map.of("name", "m", "version", 3)), tools.actionGet());
        fake.expect("action-get", "--format=json");
    }

    @Test
    void actionSetPassesKeyValueArgsSortedAndSkipsAnEmptyMap() {
        tools.actionSet(Map.of());
        assertEquals(List.of(), fake.calls());
        tools.actionSet(Map.of("result.url", "http://x/y?a=b", "a", "b c"));
        fake.expect("action-set", "a=b c", "result.url=http://x/y?a=b");
    }

    @Test
    void actionLog() {
        tools.actionLog("--copying 3 files");
        fake.expect("action-log", "--", "--copying 3 files");
    }

    @Test
    void actionFailWithAndWithoutMessage() {
        tools.actionFail("");
        fake.expect("action-fail");
        tools.actionFail("backup target unreachable");
        assertEquals(List.of("--", "backup target unreachable"), fake.calls().get(1).args());
    }

    // --- ports ---------------------------------------------------------------------------

    @Test
    void openPortWithEndpoints() {
        tools.openPort(Port.tcp(8080), List.of("ingress", "metrics"));
        fake.expect("open-port", "--endpoints", "ingress,metrics", "8080/tcp");
    }

    @Test
    void closePortRangeAndIcmp() {
        tools.closePort(new Port("udp", 8000, 8999), List.of());
        tools.closePort(Port.icmp(), List.of());
        List<FakeTools.Call> calls = fake.calls();
        assertEquals(List.of("8000-8999/udp"), calls.get(0).args());
        assertEquals(List.of("icmp"), calls.get(1).args());
    }

    @Test
    void openedPortsSkipsUnknownProtocols() {
        fake.answer("opened-ports", "[\"80/tcp\",\"8000-8999/udp\",\"icmp\",\"443\",\"53/sctp\"]\n");
        assertEquals(List.of(Port.tcp(80), new Port("udp", 8000, 8999), Port.icmp(), Port.tcp(443)),
                tools.openedPorts());
        fake.expect("opened-ports", "--format=json");
    }

    // --- controller-side unit state ------------------------------------------------------

    @Test
    void stateGet() {
        fake.answer("state-get", "{\"a\":\"1\",\"b\":\"x: y\"}\n");
        assertEquals(Map.of("a", "1", "b", "x: y"), tools.stateGet());
        fake.expect("state-get", "--format=json");
    }

    @Test
    void stateGetOfNothingStoredIsEmpty() {
        fake.answer("state-get", "");
        assertEquals(Map.of(), tools.stateGet());
        fake.answer("state-get", "null\n");
        assertEquals(Map.of(), tools.stateGet());
    }

    @Test
    void stateSetSendsJsonOnStdin() {
        tools.stateSet(Map.of("k", "v", "a", "line1\nline2"));
        FakeTools.Call call = fake.only("state-set");
        assertEquals(List.of("--file", "-"), call.args());
        assertEquals("{\"a\":\"line1\\nline2\",\"k\":\"v\"}", call.stdin());
    }

    @Test
    void stateDelete() {
        tools.stateDelete("k");
        fake.expect("state-delete", "k");
    }

    // --- environment ---------------------------------------------------------------------

    @Test
    void credentialGet() {
        fake.answer("credential-get", "{\"type\":\"kubernetes\",\"credential\":{\"auth-type\":\"certificate\"}}\n");
        assertEquals("certificate", tools.credentialGet().path("credential").path("auth-type").stringValue());
        fake.expect("credential-get", "--format=json");
    }

    @Test
    void goalState() {
        fake.answer("goal-state", "{\"units\":{\"app/0\":{\"status\":\"active\",\"since\":\"2026-01-01 00:00:00Z\"},"
                + "\"app/1\":{\"status\":\"dying\",\"since\":\"x\"}},\"relations\":{\"db\":{\"mysql\":"
                + "{\"status\":\"joined\",\"since\":\"x\"}}}}\n");
        GoalState g = tools.goalState();
        assertEquals(Map.of("app/0", "active", "app/1", "dying"), g.units());
        assertEquals(Map.of("db", Map.of("mysql", "joined")), g.relations());
        fake.expect("goal-state", "--format=json");
    }

    @Test
    void networkGetAcceptsValueAndLegacyAddress() {
        fake.answer("network-get", "{\"bind-addresses\":[{\"mac-address\":\"\",\"interface-name\":\"eth0\","
                + "\"addresses\":[{\"hostname\":\"\",\"value\":\"10.1.2.3\",\"cidr\":\"10.1.2.0/24\"},"
                + "{\"address\":\"10.1.2.4\",\"cidr\":\"10.1.2.0/24\"}]}],"
                + "\"egress-subnets\":[\"10.1.2.3/32\"],\"ingress-addresses\":[\"10.1.2.3\"]}\n");
        NetworkInfo n = tools.networkGet("ingress", Optional.of(new RelationRef("ingress", 7)));
        fake.expect("network-get", "--format=json", "-r", "ingress:7", "ingress");
        assertEquals(List.of(new NetworkInfo.BindAddress("eth0", "", List.of(
                new NetworkInfo.Address("", "10.1.2.3", "10.1.2.0/24"),
                new NetworkInfo.Address("", "10.1.2.4", "10.1.2.0/24")))), n.bindAddresses());
        assertEquals(List.of("10.1.2.3/32"), n.egressSubnets());
        assertEquals(List.of("10.1.2.3"), n.ingressAddresses());
    }

    @Test
    void jujuRebootWithAndWithoutNow() {
        tools.jujuReboot(false);
        tools.jujuReboot(true);
        List<FakeTools.Call> calls = fake.calls();
        assertEquals(List.of(), calls.get(0).args());
        assertEquals(List.of("--now"), calls.get(1).args());
    }
}
