package io.jcharm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.controller.HookToolServer;
import io.jcharm.controller.ToolsDir;
import io.jcharm.core.Status;
import io.jcharm.core.tools.ExecHookTools;
import io.jcharm.core.tools.HookToolException;
import io.jcharm.core.tools.LogLevel;
import io.jcharm.core.tools.Port;
import io.jcharm.core.tools.RelationNotFoundException;
import io.jcharm.core.tools.RelationRef;
import io.jcharm.core.tools.SecretNotFoundException;
import io.jcharm.core.tools.SecretOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook tools as our SDK calls them: the SDK's own {@link ExecHookTools} runs the real client
 * script against the real server and controller (no hook process needed), so every argv the SDK
 * builds must be understood and every answer parsed, errors included.
 */
class HookToolsContractTest {
    @TempDir
    Path tmp;
    Controller controller;
    Operations ops;
    HookToolServer server;
    StateDir dirs;
    int rel;

    @BeforeEach
    void model() {
        dirs = new StateDir(tmp.resolve("state"));
        ModelDoc doc = new ModelDoc();
        doc.name = "contract";
        doc.uuid = "00000000-0000-4000-8000-000000000001";
        Map<String, io.jcharm.core.meta.CharmMetadata> cache = new TreeMap<>();
        controller = new Controller(doc, Rehearsal.options(), new DebugLog(dirs.debugLog(), Clock.systemUTC()),
                a -> cache.computeIfAbsent(a.charmArchive, k -> Operations.metadata(dirs.root().resolve(k))), new ModelEvents() { });
        ops = new Operations(controller, dirs);
        Path charm = TestCharms.greeter(tmp, false, "1");
        ops.addApplication("hello-a", charm, "greeter", Map.of("greeting", "Hi"), Map.of(), 2, false);
        ops.addApplication("hello-b", charm, "greeter", Map.of(), Map.of(), 1, false);
        rel = ops.addRelation("hello-a", "greeting", "hello-b", "listen");
        // As if the relation hooks had run: everyone entered, and sees the others.
        enter("hello-a/0", "hello-b/0");
        enter("hello-a/1", "hello-b/0");
        enter("hello-b/0", "hello-a/0", "hello-a/1");
        doc.allUnits().forEach(u -> u.queue.clear());
        server = HookToolServer.start();
    }

    private void enter(String unit, String... remotes) {
        ModelDoc.Unit u = controller.doc.unit(unit).orElseThrow();
        u.entered.add(rel);
        u.members.put(rel, new TreeSet<>(List.of(remotes)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The SDK's hook tools, inside a hook of {@code unit}. */
    private ExecHookTools tools(HookContext ctx) {
        String id = server.register(ctx.unit, new ToolRouter(controller, ctx, dirs)::handle);
        return new ExecHookTools(environment(id));
    }

    /** As under Juju: each tool a process, the client script found on PATH. */
    Map<String, String> environment(String contextId) {
        Path bin = ToolsDir.install(dirs.tools());
        return Map.of("PATH", bin + ":" + System.getenv("PATH"), "JUJU_CONTEXT_ID", contextId,
                "JUJU_AGENT_SOCKET_ADDRESS", server.address(), "TMPDIR", tmp.toString());
    }

    private HookContext relationHook(String unit, String hook, String remoteApp, String remoteUnit) {
        return new HookContext(unit, HookSpec.relation(hook, rel, remoteApp, remoteUnit, null), 1);
    }

    @Test
    void relationToolsFollowJujusAccessRulesAndBufferWritesUntilTheHookSucceeds() {
        HookContext ctx = relationHook("hello-a/0", "greeting-relation-changed", "hello-b", "hello-b/0");
        ExecHookTools t = tools(ctx);
        RelationRef ref = new RelationRef("greeting", rel);
        assertEquals(List.of(ref), t.relationIds("greeting"));
        assertEquals(List.of(), t.relationIds("listen"));
        assertEquals(List.of("hello-b/0"), t.relationList(ref));
        assertEquals("hello-b", t.relationRemoteApp(ref));
        assertEquals(controller.doc.uuid, t.relationModelUuid(ref));

        t.relationSet(ref, Map.of("greeting", "Hi", "multi\nline", "a\nb"), false);
        t.relationSet(ref, Map.of("greeting", "Hi all"), true);
        assertEquals(Map.of("greeting", "Hi", "multi\nline", "a\nb"), t.relationGet(ref, "hello-a/0", false),
                "a hook reads its own writes");
        assertEquals(Map.of("greeting", "Hi all"), t.relationGet(ref, "hello-a", true), "the leader reads its own app bag");
        assertTrue(controller.doc.relations.get(rel).unitData.getOrDefault("hello-a/0", Map.of()).isEmpty(),
                "nothing is committed while the hook runs");

        RelationNotFoundException missing = assertThrows(RelationNotFoundException.class,
                () -> t.relationList(new RelationRef("greeting", 99)));
        assertEquals(2, missing.exitCode());
        assertEquals("ERROR invalid value \"greeting:99\" for option -r: relation not found\n", missing.stderr());
        assertThrows(RelationNotFoundException.class, () -> t.relationGet(new RelationRef("listen", rel), "hello-b/0", false),
                "the id must belong to the endpoint");

        controller.finish(ctx, 0, List.of(), "");
        io.jcharm.controller.Relation r = controller.doc.relations.get(rel);
        assertEquals("Hi", r.unitData.get("hello-a/0").get("greeting"));
        assertEquals("Hi all", r.appData.get("hello-a").get("greeting"));
        List<HookSpec> queued = controller.doc.unit("hello-b/0").orElseThrow().queue;
        assertEquals(List.of(HookSpec.relation("listen-relation-changed", rel, "hello-a", "hello-a/0", null),
                HookSpec.relation("listen-relation-changed", rel, "hello-a", null, null)), queued,
                "the remote unit hears of the unit bag and of the application bag; the writer hears of nothing");
        assertTrue(controller.doc.unit("hello-a/1").orElseThrow().queue.isEmpty(), "units of the same app are not in scope");
    }

    @Test
    void aNonLeaderCannotTouchItsApplicationBagOrStatus() {
        HookContext ctx = relationHook("hello-a/1", "greeting-relation-changed", "hello-b", "hello-b/0");
        ExecHookTools t = tools(ctx);
        RelationRef ref = new RelationRef("greeting", rel);
        assertFalse(t.isLeader());
        HookToolException read = assertThrows(HookToolException.class, () -> t.relationGet(ref, "hello-a", true));
        assertTrue(read.stderr().contains("permission denied"), read.stderr());
        HookToolException write = assertThrows(HookToolException.class, () -> t.relationSet(ref, Map.of("k", "v"), true));
        assertTrue(write.stderr().contains("cannot write relation settings"), write.stderr());
        assertThrows(HookToolException.class, () -> t.statusSet(Status.active("x"), true));
        assertThrows(HookToolException.class, t::appStatusGet);
        controller.finish(ctx, 1, List.of("boom"), "exit status 1");
        assertEquals("hook failed: \"greeting-relation-changed\"", controller.doc.unit("hello-a/1").orElseThrow().error.message());
    }

    @Test
    void unitToolsAnswerAsTheSdkExpects() {
        HookContext ctx = new HookContext("hello-a/0", HookSpec.simple("config-changed"), 1);
        ExecHookTools t = tools(ctx);
        assertEquals(Map.of("greeting", "Hi", "port", 8080), t.configGet());
        assertTrue(t.isLeader());
        t.statusSet(Status.maintenance("-starting with a dash"), false);
        assertEquals(Status.maintenance("-starting with a dash"), t.unitStatusGet());
        t.statusSet(Status.blocked("app says"), true);
        assertEquals("blocked", t.appStatusGet().name());
        t.applicationVersionSet("1.2.3");
        assertEquals("1.2.3", controller.doc.applications.get("hello-a").workloadVersion);
        t.jujuLog(LogLevel.WARNING, "a line\nand another");
        List<String> log = LocalModel.readLog(dirs.root(), 10, Optional.of("hello-a/0"));
        assertTrue(log.get(log.size() - 1).endsWith("WARNING unit.hello-a/0.juju-log and another"), log.toString());

        t.openPort(Port.tcp(8080), List.of());
        t.openPort(Port.parse("9000-9100/udp"), List.of());
        t.closePort(Port.tcp(8080), List.of());
        assertEquals(List.of(Port.parse("9000-9100/udp")), t.openedPorts());
        t.stateSet(Map.of("served", "3", "gone", "x"));
        t.stateDelete("gone");
        assertEquals(Map.of("served", "3"), t.stateGet());
        assertEquals("127.0.0.1", t.networkGet("greeting", Optional.empty()).ingressAddresses().get(0));
        assertEquals(Map.of("hello-a/0", "maintenance", "hello-a/1", "waiting"), t.goalState().units());
        assertThrows(HookToolException.class, t::actionGet, "no action is running");
        assertThrows(HookToolException.class, t::credentialGet);

        controller.finish(ctx, 0, List.of(), "");
        ModelDoc.Unit u = controller.doc.unit("hello-a/0").orElseThrow();
        assertEquals(Map.of("served", "3"), u.state);
        assertEquals(new TreeSet<>(List.of("9000-9100/udp")), u.ports);
    }

    @Test
    void secretsAreOwnedGrantedTrackedAndRevised() {
        HookContext owner = relationHook("hello-a/0", "greeting-relation-changed", "hello-b", "hello-b/0");
        ExecHookTools a = tools(owner);
        String id = a.secretAdd(Map.of("token", "t0ps3cret"), SecretOptions.app().withLabel("token"));
        assertTrue(id.matches("secret:[0-9a-v]{20}"), id);
        assertEquals(Map.of("token", "t0ps3cret"), a.secretGet(Optional.empty(), Optional.of("token"), false, true));
        assertEquals(1, a.secretInfoGet(Optional.of(id), Optional.empty()).revision());
        assertEquals(List.of(id), a.secretIds());
        a.secretGrant(id, new RelationRef("greeting", rel), Optional.empty());
        controller.finish(owner, 0, List.of(), "");

        HookContext consumer = relationHook("hello-b/0", "listen-relation-changed", "hello-a", "hello-a/0");
        ExecHookTools b = tools(consumer);
        assertEquals(Map.of("token", "t0ps3cret"), b.secretGet(Optional.of(id), Optional.of("their-token"), false, false));
        assertThrows(SecretNotFoundException.class, () -> b.secretGet(Optional.of("secret:aaaaaaaaaaaaaaaaaaaa"),
                Optional.empty(), false, false));
        assertThrows(HookToolException.class, () -> b.secretSet(id, Optional.of(Map.of("token", "mine")), SecretOptions.none()),
                "a consumer cannot change the secret");
        controller.finish(consumer, 0, List.of(), "");
        controller.doc.unit("hello-b/0").orElseThrow().queue.clear();

        HookContext revise = new HookContext("hello-a/0", HookSpec.simple("config-changed"), 2);
        tools(revise).secretSet(id, Optional.of(Map.of("token", "n3w")), SecretOptions.none());
        controller.finish(revise, 0, List.of(), "");
        assertEquals(List.of(HookSpec.secret("secret-changed", id, null)), controller.doc.unit("hello-b/0").orElseThrow().queue,
                "the consumer tracking revision 1 hears of revision 2");

        HookContext later = new HookContext("hello-b/0", HookSpec.secret("secret-changed", id, null), 3);
        ExecHookTools b2 = tools(later);
        assertEquals(Map.of("token", "t0ps3cret"), b2.secretGet(Optional.empty(), Optional.of("their-token"), false, false),
                "still tracking revision 1");
        assertEquals(Map.of("token", "n3w"), b2.secretGet(Optional.of(id), Optional.empty(), true, false));
    }
}
