package io.jcharm.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Component;
import io.jcharm.core.Relation;
import io.jcharm.core.Secret;
import io.jcharm.core.Status;
import io.jcharm.core.StatusException;
import io.jcharm.core.tools.Port;
import io.jcharm.core.tools.SecretPermissionDeniedException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Context.run drives the production dispatch and records what the hook did in the output State. */
class ContextTest {
    private static final RelationState DB = RelationState.of("db", "mysql").withId(3)
            .withRemoteAppData(Map.of("database", "demo"))
            .withRemoteUnitsData(Map.of("mysql/0", Map.of("host", "10.0.0.5")));

    @Test
    void statusesAreRecordedAndTheAppStatusOnlyOnTheLeader() {
        Context ctx = DemoCharm.with(Component.of("db", m -> {
            throw StatusException.waiting("no database yet");
        }));
        State leader = ctx.run(Events.install(), State.empty().withLeader(true));
        assertEquals(Status.waiting("[db] no database yet"), leader.unitStatus());
        assertEquals(Status.waiting("[db] no database yet"), leader.appStatus());
        State follower = ctx.run(Events.install(), State.empty());
        assertEquals(Status.waiting("[db] no database yet"), follower.unitStatus());
        assertEquals(Status.of("unknown", ""), follower.appStatus());
    }

    @Test
    void relationDataWrittenAppearsInTheOutputAndRemoteDataIsUntouched() {
        Context ctx = DemoCharm.with(Component.of("publish", m -> {
            Relation r = m.relation("db").orElseThrow();
            String host = r.unit("mysql/0").get("host").orElseThrow();
            r.localUnit().put("seen-host", host);
            r.localApp().put("database", r.remoteApp().get("database").orElseThrow());
        }));
        State in = State.empty().withLeader(true).withRelation(DB);
        State out = ctx.run(Events.relationChanged(DB), in);
        assertEquals(Map.of("seen-host", "10.0.0.5"), out.relation(3).localUnitData());
        assertEquals(Map.of("database", "demo"), out.relation("db").localAppData());
        assertEquals(DB.remoteAppData(), out.relation(3).remoteAppData());
        assertEquals(DB.remoteUnitsData(), out.relation(3).remoteUnitsData());
        assertEquals(Map.of(), in.relation(3).localUnitData(), "the input state is never changed");
    }

    @Test
    void aFollowerWritingAppDataIsBlockedByTheAccessRules() {
        Context ctx = DemoCharm.with(Component.of("publish", m -> m.relation("db").orElseThrow().localApp()
                .put("k", "v")));
        State out = ctx.run(Events.relationChanged(DB), State.empty().withRelation(DB));
        assertEquals(Status.blocked("[publish] only the leader can write application data on db:3 (this is demo/0)"),
                out.unitStatus());
        assertEquals(Map.of(), out.relation(3).localAppData());
    }

    @Test
    void secretsAreRecordedWithOwnerLabelAndRevisions() {
        Context ctx = DemoCharm.with(Component.of("certs", m -> {
            Optional<Secret> existing = m.secrets().byLabel("certs");
            if (existing.isPresent()) {
                existing.get().setContent(Map.of("ca-cert", "second-ca"));
            } else {
                m.secrets().addForApp(Map.of("ca-cert", "first-ca"), "certs");
            }
        }));
        State first = ctx.run(Events.install(), State.empty().withLeader(true));
        SecretState created = first.secretByLabel("certs").orElseThrow();
        assertEquals(Optional.of("application"), created.owner());
        assertEquals(Map.of("ca-cert", "first-ca"), created.content());
        assertEquals(1, created.revision());
        State second = ctx.run(Events.upgradeCharm(), first);
        SecretState updated = second.secretByLabel("certs").orElseThrow();
        assertEquals(created.id(), updated.id());
        assertEquals(2, updated.revision());
        assertEquals(Map.of("ca-cert", "second-ca"), updated.latestContent());
    }

    @Test
    void aSecretMadeInALaterHookGetsAnIdOfItsOwn() {
        // Each hook makes the secret for its own label, as a provider does per relation.
        Context ctx = DemoCharm.with(Component.of("users", m -> {
            String label = "user-" + m.state().get("n", Integer.class).orElse(0);
            if (m.secrets().byLabel(label).isEmpty()) {
                m.secrets().addForApp(Map.of("password", label + "-pw"), label);
            }
            m.state().set("n", m.state().get("n", Integer.class).orElse(0) + 1);
        }));
        State first = ctx.run(Events.install(), State.empty().withLeader(true));
        State second = ctx.run(Events.configChanged(), first);
        assertEquals(2, second.secrets().size(), "the second hook's secret replaced the first's: " + second.secrets());
        assertEquals(Map.of("password", "user-0-pw"), second.secretByLabel("user-0").orElseThrow().content());
        assertEquals(Map.of("password", "user-1-pw"), second.secretByLabel("user-1").orElseThrow().content());
    }

    @Test
    void aFollowerCannotCreateAnApplicationSecret() {
        Context ctx = DemoCharm.with(Component.of("certs", m -> m.secrets().addForApp(Map.of("ca-cert", "x"), "certs")));
        HookFailedException e = assertThrows(HookFailedException.class, () -> ctx.run(Events.install(),
                State.empty()));
        assertTrue(e.getMessage().contains("not the leader"), e.getMessage());
    }

    @Test
    void storedStatePortsAndWorkloadVersionCarryOver() {
        Context ctx = DemoCharm.with(Component.of("count", m -> {
            int n = m.state().get("runs", Integer.class).orElse(0);
            m.state().set("runs", n + 1);
            m.setPorts(List.of(Port.tcp(8000 + n)));
            m.unit().setWorkloadVersion("v" + n);
        }));
        State once = ctx.run(Events.install(), State.empty());
        State twice = ctx.run(Events.updateStatus(), once);
        assertEquals(Optional.of("2"), twice.storedValue("runs"));
        assertEquals(Set.of(Port.tcp(8001)), twice.openedPorts());
        assertEquals("v1", twice.workloadVersion());
    }

    @Test
    void actionResultsLogsAndFailure() {
        Context ctx = DemoCharm.withAction(a -> {
            a.log("greeting " + a.param("name").orElseThrow());
            a.setResults(Map.of("reply", Map.of("text", "hi " + a.param("name").orElseThrow())));
        });
        State out = ctx.run(Events.action("greet", Map.of("name", "Ada")), State.empty());
        assertEquals(Map.of("reply.text", "hi Ada"), out.actionResults());
        assertEquals(List.of("greeting Ada"), out.actionLogs());
        assertEquals(Optional.empty(), out.actionFailure());

        State failed = ctx.run(Events.action("greet", Map.of("name", "Ada", "loud", true)), State.empty());
        assertEquals(Optional.of("unknown parameter loud for action greet; allowed: [name]"), failed.actionFailure());
        assertEquals(Map.of(), failed.actionResults());
    }

    @Test
    void hookFailureCarriesTheLogsAndStderr() {
        Context ctx = DemoCharm.with(Component.of("boom", m -> {
            m.log().warning("about to fail");
            throw new IllegalStateException("kaboom");
        }));
        HookFailedException e = assertThrows(HookFailedException.class, () -> ctx.run(Events.start(), State.empty()));
        assertTrue(e.getMessage().startsWith("hook start failed; juju-log:\n"), e.getMessage());
        assertTrue(e.logs().contains("WARNING about to fail"), e.logs().toString());
        assertTrue(e.logs().stream().anyMatch(l -> l.startsWith("ERROR hook start failed: java.lang.IllegalStateException: "
                + "kaboom")), e.logs().toString());
        assertTrue(e.getMessage().contains("\nstderr:\nERROR hook start failed"), e.getMessage());
    }

    @Test
    void logsAreRecordedWithSecretsRedacted() {
        SecretState token = SecretState.granted(Map.of("token", "tok-123456"));
        Context ctx = DemoCharm.with(Component.of("token", m -> {
            String t = m.secrets().byId(token.id()).content().get("token");
            m.log().info("using token " + t);
        }));
        State out = ctx.run(Events.configChanged(), State.empty().withSecret(token));
        assertTrue(out.logs().contains("INFO using token ***"), out.logs().toString());
        assertFalse(String.join("\n", out.logs()).contains("tok-123456"));
    }

    @Test
    void aConsumerManagingASecretItDoesNotOwnIsPermissionDeniedAsWithRealTools() {
        SecretState token = SecretState.granted(Map.of("token", "tok-123456"));
        Context ctx = DemoCharm.with(Component.of("rotate", m -> {
            try {
                m.secrets().byId(token.id()).setContent(Map.of("token", "new"));
            } catch (SecretPermissionDeniedException e) {
                m.log().info("refused: " + e.command());
            }
        }));
        State out = ctx.run(Events.configChanged(), State.empty().withSecret(token));
        // The real argv: the content travels in a 0600 file named after the key.
        assertTrue(out.logs().stream().anyMatch(l -> l.startsWith("INFO refused: [secret-set, " + token.id() + ", token#file=")),
                out.logs().toString());
    }

    @Test
    void everyEventBuilderReachesTheCharmAsItsEvent() {
        SecretState s = SecretState.ownedByApp("certs", Map.of("ca-cert", "x"));
        RelationState peers = RelationState.peer("cluster", "demo", List.of("demo/1"));
        State state = State.empty().withLeader(true).withRelation(DB).withRelation(peers).withSecret(s)
                .withContainer(ContainerState.reachable("workload"));
        Context ctx = DemoCharm.with();
        Map<TestEvent, String> expected = new java.util.LinkedHashMap<>();
        expected.put(Events.install(), "Install[]");
        expected.put(Events.start(), "Start[]");
        expected.put(Events.configChanged(), "ConfigChanged[]");
        expected.put(Events.upgradeCharm(), "UpgradeCharm[]");
        expected.put(Events.updateStatus(), "UpdateStatus[]");
        expected.put(Events.leaderElected(), "LeaderElected[]");
        expected.put(Events.leaderSettingsChanged(), "LeaderSettingsChanged[]");
        expected.put(Events.postSeriesUpgrade(), "PostSeriesUpgrade[]");
        expected.put(Events.relationCreated(DB), "RelationCreated[relation=db:3, remoteApp=mysql]");
        expected.put(Events.relationJoined(DB), "RelationJoined[relation=db:3, remoteApp=mysql, remoteUnit=mysql/0]");
        expected.put(Events.relationChanged(DB), "RelationChanged[relation=db:3, remoteApp=mysql, "
                + "remoteUnit=Optional[mysql/0]]");
        expected.put(Events.relationAppChanged(DB), "RelationChanged[relation=db:3, remoteApp=mysql, "
                + "remoteUnit=Optional.empty]");
        expected.put(Events.relationDeparted(DB, "mysql/0"), "RelationDeparted[relation=db:3, remoteApp=mysql, "
                + "remoteUnit=Optional[mysql/0], departingUnit=mysql/0]");
        expected.put(Events.relationBroken(DB), "RelationBroken[relation=db:3, remoteApp=mysql]");
        expected.put(Events.relationJoined(peers), "RelationJoined[relation=" + peers.ref() + ", remoteApp=demo, "
                + "remoteUnit=demo/1]");
        expected.put(Events.pebbleReady("workload"), "PebbleReady[container=workload]");
        expected.put(Events.pebbleCustomNotice("workload", "7", "example.com/reload"), "PebbleCustomNotice["
                + "container=workload, noticeId=7, noticeKey=example.com/reload, noticeType=custom]");
        expected.put(Events.pebbleCheckFailed("workload", "up"), "PebbleCheckFailed[container=workload, checkName=up]");
        expected.put(Events.pebbleCheckRecovered("workload", "up"), "PebbleCheckRecovered[container=workload, "
                + "checkName=up]");
        expected.put(Events.storageAttached("data"), "StorageAttached[storageId=data/0]");
        expected.put(Events.secretChanged(s), "SecretChanged[secretId=" + s.id() + ", label=Optional[certs]]");
        expected.put(Events.secretRotate(s), "SecretRotate[secretId=" + s.id() + ", label=Optional[certs]]");
        expected.put(Events.secretRemove(s, 1), "SecretRemove[secretId=" + s.id() + ", label=Optional[certs], "
                + "revision=1]");
        expected.put(Events.secretExpired(s, 1), "SecretExpired[secretId=" + s.id() + ", label=Optional[certs], "
                + "revision=1]");
        expected.forEach((event, seen) -> {
            State out = ctx.run(event, state);
            assertTrue(out.logs().contains("INFO event " + seen), event.name() + ": " + out.logs());
            assertEquals(Status.active(), out.unitStatus(), event.name());
        });
    }

    @Test
    void eventsThatDoNotReconcileLeaveTheStatusAlone() {
        Context ctx = DemoCharm.with();
        for (TestEvent e : List.of(Events.stop(), Events.remove(), Events.collectMetrics(), Events.preSeriesUpgrade(),
                Events.storageDetaching("data"), Events.hook("meter-status-changed"))) {
            State out = ctx.run(e, State.empty());
            assertEquals(Status.of("unknown", ""), out.unitStatus(), e.name());
        }
    }

    @Test
    void anotherUnitOfTheSameCharm() {
        Context ctx = DemoCharm.with(Component.of("who", m -> m.log().info("I am " + m.unit().name()))).asUnit("demo/3");
        assertTrue(ctx.run(Events.install(), State.empty()).logs().contains("INFO I am demo/3"));
        assertEquals("demo", ctx.metadata().name());
    }
}
