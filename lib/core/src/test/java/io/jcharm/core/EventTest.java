package io.jcharm.core;

import static io.jcharm.core.Fixtures.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.tools.RelationRef;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTest {
    private static final CharmMetadata META = Fixtures.meta();
    private static final RelationRef DB = new RelationRef("db", 3);
    private static final String[] REL = {"JUJU_RELATION", "db", "JUJU_RELATION_ID", "db:3", "JUJU_REMOTE_APP", "mysql"};

    private static Event event(String dispatch, String... env) {
        return Event.from(context(dispatch, env), META).orElseThrow();
    }

    private static String[] rel(String... more) {
        return Stream.concat(Stream.of(REL), Stream.of(more)).toArray(String[]::new);
    }

    static Stream<Arguments> simpleHooks() {
        return Stream.of(
                Arguments.of("install", new Event.Install(), true),
                Arguments.of("start", new Event.Start(), true),
                Arguments.of("stop", new Event.Stop(), false),
                Arguments.of("remove", new Event.Remove(), false),
                Arguments.of("config-changed", new Event.ConfigChanged(), true),
                Arguments.of("upgrade-charm", new Event.UpgradeCharm(), true),
                Arguments.of("update-status", new Event.UpdateStatus(), true),
                Arguments.of("leader-elected", new Event.LeaderElected(), true),
                Arguments.of("leader-settings-changed", new Event.LeaderSettingsChanged(), true),
                Arguments.of("collect-metrics", new Event.CollectMetrics(), false),
                Arguments.of("pre-series-upgrade", new Event.PreSeriesUpgrade(), false),
                Arguments.of("post-series-upgrade", new Event.PostSeriesUpgrade(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("simpleHooks")
    void simpleHooksMapToTheirEvent(String hook, Event expected, boolean reconciles) {
        Event e = event("hooks/" + hook);
        assertEquals(expected, e);
        assertEquals(hook, e.hookName());
        assertEquals(reconciles, e instanceof Event.Reconciling, "reconciles on " + hook);
    }

    @Test
    void relationCreated() {
        Event e = event("hooks/db-relation-created", REL);
        assertEquals(new Event.RelationCreated(DB, "mysql"), e);
        assertEquals("db-relation-created", e.hookName());
    }

    @Test
    void relationJoined() {
        Event e = event("hooks/db-relation-joined", rel("JUJU_REMOTE_UNIT", "mysql/1"));
        assertEquals(new Event.RelationJoined(DB, "mysql", "mysql/1"), e);
        assertEquals("db-relation-joined", e.hookName());
    }

    @Test
    void relationChangedForAUnit() {
        assertEquals(new Event.RelationChanged(DB, "mysql", Optional.of("mysql/1")),
                event("hooks/db-relation-changed", rel("JUJU_REMOTE_UNIT", "mysql/1")));
    }

    @Test
    void relationChangedForTheRemoteApplication() {
        Event e = event("hooks/db-relation-changed", REL);
        assertEquals(new Event.RelationChanged(DB, "mysql", Optional.empty()), e);
        assertEquals("db-relation-changed", e.hookName());
    }

    @Test
    void relationDeparted() {
        Event e = event("hooks/db-relation-departed", rel("JUJU_REMOTE_UNIT", "mysql/1", "JUJU_DEPARTING_UNIT",
                "mysql/1"));
        assertEquals(new Event.RelationDeparted(DB, "mysql", Optional.of("mysql/1"), "mysql/1"), e);
        assertEquals("db-relation-departed", e.hookName());
    }

    @Test
    void relationBroken() {
        Event e = event("hooks/db-relation-broken", REL);
        assertEquals(new Event.RelationBroken(DB, "mysql"), e);
        assertTrue(e instanceof Event.RelationEvent);
        assertEquals("db-relation-broken", e.hookName());
    }

    @Test
    void peerAndProviderEndpointsToo() {
        assertEquals(new Event.RelationCreated(new RelationRef("cluster", 1), "demo"), event(
                "hooks/cluster-relation-created", "JUJU_RELATION", "cluster", "JUJU_RELATION_ID", "cluster:1",
                "JUJU_REMOTE_APP", "demo"));
        assertEquals(new Event.RelationCreated(new RelationRef("website", 2), "nginx"), event(
                "hooks/website-relation-created", "JUJU_RELATION", "website", "JUJU_RELATION_ID", "website:2",
                "JUJU_REMOTE_APP", "nginx"));
    }

    @Test
    void storageAttachedAndDetaching() {
        Event attached = event("hooks/data-storage-attached", "JUJU_STORAGE_ID", "data/1");
        assertEquals(new Event.StorageAttached("data/1"), attached);
        assertEquals("data-storage-attached", attached.hookName());
        assertTrue(attached instanceof Event.Reconciling);
        Event detaching = event("hooks/data-storage-detaching", "JUJU_STORAGE_ID", "data/1");
        assertEquals(new Event.StorageDetaching("data/1"), detaching);
        assertEquals("data-storage-detaching", detaching.hookName());
        assertFalse(detaching instanceof Event.Reconciling, "teardown does not reconcile");
    }

    @Test
    void storageIdOfAnotherStorageIsRefused() {
        BadContextException e = assertThrows(BadContextException.class, () -> event("hooks/data-storage-attached",
                "JUJU_STORAGE_ID", "logs/0"));
        assertEquals("JUJU_STORAGE_ID=\"logs/0\" does not belong to storage \"data\" of hook data-storage-attached",
                e.getMessage());
    }

    @Test
    void pebbleEvents() {
        assertEquals(new Event.PebbleReady("workload"), event("hooks/workload-pebble-ready",
                "JUJU_WORKLOAD_NAME", "workload"));
        assertEquals(new Event.PebbleCustomNotice("workload", "12", "example.com/reload", "custom"),
                event("hooks/workload-pebble-custom-notice", "JUJU_NOTICE_ID", "12",
                        "JUJU_NOTICE_KEY", "example.com/reload"));
        assertEquals(new Event.PebbleCheckFailed("workload", "ready"), event("hooks/workload-pebble-check-failed",
                "JUJU_PEBBLE_CHECK_NAME", "ready"));
        Event recovered = event("hooks/workload-pebble-check-recovered", "JUJU_PEBBLE_CHECK_NAME", "ready");
        assertEquals(new Event.PebbleCheckRecovered("workload", "ready"), recovered);
        assertEquals("workload-pebble-check-recovered", recovered.hookName());
        assertTrue(recovered instanceof Event.WorkloadEvent);
    }

    @Test
    void secretEvents() {
        assertEquals(new Event.SecretChanged("secret:a", Optional.of("tls")), event("hooks/secret-changed",
                "JUJU_SECRET_ID", "secret:a", "JUJU_SECRET_LABEL", "tls"));
        assertEquals(new Event.SecretRotate("secret:a", Optional.empty()), event("hooks/secret-rotate",
                "JUJU_SECRET_ID", "secret:a"));
        Event remove = event("hooks/secret-remove", "JUJU_SECRET_ID", "secret:a", "JUJU_SECRET_REVISION", "3");
        assertEquals(new Event.SecretRemove("secret:a", Optional.empty(), 3), remove);
        assertEquals("secret-remove", remove.hookName());
        Event expired = event("hooks/secret-expired", "JUJU_SECRET_ID", "secret:a", "JUJU_SECRET_REVISION", "5");
        assertEquals(new Event.SecretExpired("secret:a", Optional.empty(), 5), expired);
        assertTrue(expired instanceof Event.SecretEvent);
    }

    @Test
    void actions() {
        Event e = event("actions/greet", "JUJU_ACTION_NAME", "greet", "JUJU_ACTION_UUID", "abc");
        assertEquals(new Event.Action("greet", "abc"), e);
        assertEquals("greet", e.hookName());
        assertFalse(e instanceof Event.Reconciling);
    }

    @ParameterizedTest
    @ValueSource(strings = {"meter-status-changed", "leader-deposed", "some-future-hook"})
    void hooksTheSdkDoesNotKnowAreNoEvent(String hook) {
        assertEquals(Optional.empty(), Event.from(context("hooks/" + hook), META));
    }

    @Test
    void undeclaredEndpointIsRefusedWithTheDeclaredNames() {
        BadContextException e = assertThrows(BadContextException.class, () -> event("hooks/cache-relation-changed",
                "JUJU_RELATION", "cache", "JUJU_RELATION_ID", "cache:1", "JUJU_REMOTE_APP", "redis"));
        assertEquals("hook cache-relation-changed names endpoint \"cache\" which charm \"demo\" does not declare; "
                + "declared: [website, db, ingress, cluster]", e.getMessage());
    }

    @Test
    void undeclaredContainerIsRefusedWithTheDeclaredNames() {
        BadContextException e = assertThrows(BadContextException.class, () -> event("hooks/sidecar-pebble-ready"));
        assertEquals("hook sidecar-pebble-ready names container \"sidecar\" which charm \"demo\" does not declare; "
                + "declared: [workload]", e.getMessage());
    }

    @Test
    void undeclaredStorageIsRefusedWithTheDeclaredNames() {
        BadContextException e = assertThrows(BadContextException.class, () -> event("hooks/logs-storage-attached",
                "JUJU_STORAGE_ID", "logs/0"));
        assertEquals("hook logs-storage-attached names storage \"logs\" which charm \"demo\" does not declare; "
                + "declared: [data]", e.getMessage());
    }

    @Test
    void undeclaredActionIsRefusedWithTheDeclaredNames() {
        BadContextException e = assertThrows(BadContextException.class, () -> event("actions/restore",
                "JUJU_ACTION_NAME", "restore", "JUJU_ACTION_UUID", "1"));
        assertEquals("action \"restore\" is not declared in actions.yaml of charm \"demo\"; declared: [greet, backup]",
                e.getMessage());
    }

    @Test
    void aHandBuiltContextMissingVariablesGivesBadContextNotNoSuchElement() {
        JujuContext full = context("hooks/db-relation-joined", rel("JUJU_REMOTE_UNIT", "mysql/0"));
        JujuContext partial = new JujuContext(full.dispatchPath(), full.hookName(), full.unitName(), full.modelName(),
                full.modelUuid(), full.jujuVersion(), full.charmDir(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, full.relation(), full.remoteApp(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), full.environment());
        BadContextException e = assertThrows(BadContextException.class, () -> Event.from(partial, META));
        assertEquals("JUJU_REMOTE_UNIT is not set; Juju sets it for db-relation-joined", e.getMessage());
    }
}
