package io.jcharm.core;

import static io.jcharm.core.Fixtures.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.tools.RelationRef;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JujuContextTest {

    private static BadContextException bad(Map<String, String> env) {
        return assertThrows(BadContextException.class, () -> JujuContext.fromEnvironment(env));
    }

    @Test
    void readsTheVariablesEveryHookHas() {
        JujuContext c = JujuContext.fromEnvironment(env("hooks/install", "JUJU_HOOK_NAME", "install"));
        assertEquals("hooks/install", c.dispatchPath());
        assertEquals("install", c.hookName());
        assertEquals("demo/0", c.unitName());
        assertEquals("demo", c.appName());
        assertEquals("kubeflow", c.modelName());
        assertEquals("6e2f9a1c-0000-4000-8000-000000000001", c.modelUuid());
        assertEquals("3.6.14", c.jujuVersion());
        assertEquals(Path.of("/var/lib/juju/agents/unit-demo-0/charm"), c.charmDir());
        assertFalse(c.isAction());
        assertFalse(c.debug());
        assertEquals(Optional.empty(), c.relation());
    }

    @Test
    void readsEveryOptionalVariable() {
        JujuContext c = JujuContext.fromEnvironment(env("hooks/db-relation-departed",
                "JUJU_AVAILABILITY_ZONE", "zone-a", "JUJU_MACHINE_ID", "3", "JUJU_PRINCIPAL_UNIT", "main/1",
                "JUJU_DEBUG", "1", "JUJU_RELATION", "db", "JUJU_RELATION_ID", "db:7", "JUJU_REMOTE_APP", "mysql",
                "JUJU_REMOTE_UNIT", "mysql/2", "JUJU_DEPARTING_UNIT", "mysql/2", "JUJU_WORKLOAD_NAME", "workload",
                "JUJU_NOTICE_ID", "12", "JUJU_NOTICE_KEY", "example.com/a", "JUJU_NOTICE_TYPE", "custom",
                "JUJU_PEBBLE_CHECK_NAME", "ready", "JUJU_SECRET_ID", "secret:abc", "JUJU_SECRET_LABEL", "tls",
                "JUJU_SECRET_REVISION", "4", "JUJU_STORAGE_ID", "data/1", "JUJU_STORAGE_LOCATION", "/srv/data",
                "JUJU_ACTION_UUID", "u-1", "KUBECONFIG", "/tmp/kube"));
        assertEquals(Optional.of("zone-a"), c.availabilityZone());
        assertEquals(Optional.of("3"), c.machineId());
        assertEquals(Optional.of("main/1"), c.principalUnit());
        assertTrue(c.debug());
        assertEquals(Optional.of(new RelationRef("db", 7)), c.relation());
        assertEquals(Optional.of("mysql"), c.remoteApp());
        assertEquals(Optional.of("mysql/2"), c.remoteUnit());
        assertEquals(Optional.of("mysql/2"), c.departingUnit());
        assertEquals(Optional.of("workload"), c.workloadName());
        assertEquals(Optional.of("12"), c.noticeId());
        assertEquals(Optional.of("example.com/a"), c.noticeKey());
        assertEquals(Optional.of("custom"), c.noticeType());
        assertEquals(Optional.of("ready"), c.checkName());
        assertEquals(Optional.of("secret:abc"), c.secretId());
        assertEquals(Optional.of("tls"), c.secretLabel());
        assertEquals(Optional.of(4), c.secretRevision());
        assertEquals(Optional.of("data/1"), c.storageId());
        assertEquals(Optional.of("/srv/data"), c.storageLocation());
        assertEquals(Optional.of("u-1"), c.actionUuid());
        assertEquals("/tmp/kube", c.environment().get("KUBECONFIG"));
        assertThrows(UnsupportedOperationException.class, () -> c.environment().put("X", "y"));
    }

    @Test
    void missingJujuVersionDefaultsLikeOps() {
        Map<String, String> e = env("hooks/meter-status-changed");
        e.remove("JUJU_VERSION");
        assertEquals("0.0.0", JujuContext.fromEnvironment(e).jujuVersion());
    }

    @Test
    void actionsHaveNameIdAndEmptyHookName() {
        JujuContext c = JujuContext.fromEnvironment(env("actions/greet", "JUJU_ACTION_NAME", "greet",
                "JUJU_ACTION_UUID", "42", "JUJU_HOOK_NAME", ""));
        assertTrue(c.isAction());
        assertEquals(Optional.of("greet"), c.actionName());
        assertEquals(Optional.of("42"), c.actionUuid());
        assertEquals("", c.hookName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JUJU_DISPATCH_PATH", "JUJU_UNIT_NAME", "JUJU_MODEL_NAME", "JUJU_MODEL_UUID", "JUJU_CHARM_DIR"})
    void everyHookNeedsTheBasics(String variable) {
        Map<String, String> e = env("hooks/install");
        e.remove(variable);
        assertEquals(variable + " is not set; Juju sets it for every hook and action. Run the charm's dispatch "
                + "through Juju (or jcharm's local model), not by hand.", bad(e).getMessage());
        e.put(variable, " ");
        assertTrue(bad(e).getMessage().startsWith(variable + " is not set"), "blank counts as missing");
    }

    static Stream<Arguments> perKind() {
        String[] rel = {"JUJU_RELATION", "db", "JUJU_RELATION_ID", "db:3", "JUJU_REMOTE_APP", "mysql"};
        String[] unit = {"JUJU_REMOTE_UNIT", "mysql/0"};
        return Stream.of(
                cases("hooks/db-relation-created", rel, "JUJU_RELATION", "JUJU_RELATION_ID", "JUJU_REMOTE_APP"),
                cases("hooks/db-relation-joined", concat(rel, unit), "JUJU_RELATION", "JUJU_RELATION_ID",
                        "JUJU_REMOTE_APP", "JUJU_REMOTE_UNIT"),
                cases("hooks/db-relation-changed", rel, "JUJU_RELATION", "JUJU_RELATION_ID", "JUJU_REMOTE_APP"),
                cases("hooks/db-relation-departed", concat(rel, unit, new String[] {"JUJU_DEPARTING_UNIT", "mysql/0"}),
                        "JUJU_RELATION", "JUJU_RELATION_ID", "JUJU_REMOTE_APP", "JUJU_REMOTE_UNIT", "JUJU_DEPARTING_UNIT"),
                cases("hooks/db-relation-broken", rel, "JUJU_RELATION", "JUJU_RELATION_ID", "JUJU_REMOTE_APP"),
                cases("actions/greet", new String[] {"JUJU_ACTION_NAME", "greet", "JUJU_ACTION_UUID", "7"},
                        "JUJU_ACTION_NAME", "JUJU_ACTION_UUID"),
                cases("hooks/secret-changed", new String[] {"JUJU_SECRET_ID", "secret:a"}, "JUJU_SECRET_ID"),
                cases("hooks/secret-rotate", new String[] {"JUJU_SECRET_ID", "secret:a"}, "JUJU_SECRET_ID"),
                cases("hooks/secret-remove", new String[] {"JUJU_SECRET_ID", "secret:a", "JUJU_SECRET_REVISION", "2"},
                        "JUJU_SECRET_ID", "JUJU_SECRET_REVISION"),
                cases("hooks/secret-expired", new String[] {"JUJU_SECRET_ID", "secret:a", "JUJU_SECRET_REVISION", "2"},
                        "JUJU_SECRET_ID", "JUJU_SECRET_REVISION"),
                cases("hooks/data-storage-attached", new String[] {"JUJU_STORAGE_ID", "data/0"}, "JUJU_STORAGE_ID"),
                cases("hooks/data-storage-detaching", new String[] {"JUJU_STORAGE_ID", "data/0"}, "JUJU_STORAGE_ID"),
                cases("hooks/workload-pebble-custom-notice", new String[] {"JUJU_NOTICE_ID", "1", "JUJU_NOTICE_KEY",
                    "a.com/b"}, "JUJU_NOTICE_ID", "JUJU_NOTICE_KEY"),
                cases("hooks/workload-pebble-check-failed", new String[] {"JUJU_PEBBLE_CHECK_NAME", "up"},
                        "JUJU_PEBBLE_CHECK_NAME"),
                cases("hooks/workload-pebble-check-recovered", new String[] {"JUJU_PEBBLE_CHECK_NAME", "up"},
                        "JUJU_PEBBLE_CHECK_NAME")).flatMap(s -> s);
    }

    private static Stream<Arguments> cases(String dispatch, String[] full, String... required) {
        return Stream.of(required).map(r -> Arguments.of(dispatch, full, r));
    }

    private static String[] concat(String[]... parts) {
        return Stream.of(parts).flatMap(Stream::of).toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0} without {2}")
    @MethodSource("perKind")
    void eachKindOfHookNeedsItsVariables(String dispatch, String[] full, String missing) {
        Map<String, String> e = env(dispatch, full);
        JujuContext.fromEnvironment(e); // complete: accepted
        e.remove(missing);
        String message = bad(e).getMessage();
        assertTrue(message.startsWith(missing + " is not set; Juju sets it for "), message);
    }

    @Test
    void appLevelRelationChangedHasNoRemoteUnit() {
        JujuContext c = JujuContext.fromEnvironment(env("hooks/db-relation-changed", "JUJU_RELATION", "db",
                "JUJU_RELATION_ID", "db:3", "JUJU_REMOTE_APP", "mysql"));
        assertEquals(Optional.empty(), c.remoteUnit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"db", "db:", ":3", "db:x", "3"})
    void malformedRelationIdIsNamed(String id) {
        BadContextException e = bad(env("hooks/db-relation-changed", "JUJU_RELATION", "db", "JUJU_RELATION_ID", id,
                "JUJU_REMOTE_APP", "mysql"));
        assertEquals("JUJU_RELATION_ID=\"" + id + "\" must be <endpoint>:<number>", e.getMessage());
    }

    @Test
    void relationIdMustMatchTheRelationName() {
        BadContextException e = bad(env("hooks/db-relation-changed", "JUJU_RELATION", "db", "JUJU_RELATION_ID",
                "ingress:3", "JUJU_REMOTE_APP", "mysql"));
        assertEquals("JUJU_RELATION=\"db\" does not match JUJU_RELATION_ID=\"ingress:3\"", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "/0", "demo/", "demo/x", "Demo/0", "demo/0/1"})
    void malformedUnitNameIsNamed(String unit) {
        BadContextException e = bad(env("hooks/install", "JUJU_UNIT_NAME", unit));
        assertEquals("JUJU_UNIT_NAME=\"" + unit + "\" must be <application>/<number>", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "0", "-1", "1.5"})
    void malformedSecretRevisionIsNamed(String revision) {
        BadContextException e = bad(env("hooks/secret-remove", "JUJU_SECRET_ID", "secret:a",
                "JUJU_SECRET_REVISION", revision));
        assertEquals("JUJU_SECRET_REVISION=\"" + revision + "\" must be a positive number", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"data", "data/", "/0", "data/a"})
    void malformedStorageIdIsNamed(String id) {
        BadContextException e = bad(env("hooks/data-storage-attached", "JUJU_STORAGE_ID", id));
        assertEquals("JUJU_STORAGE_ID=\"" + id + "\" must be <storage>/<number>", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"install", "charm/install", "hooks", "/hooks/install"})
    void dispatchPathMustStartWithHooksOrActions(String path) {
        assertEquals("JUJU_DISPATCH_PATH=\"" + path + "\" must be hooks/<hook> or actions/<action>; is dispatch "
                + "being run by Juju?", bad(env(path)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hooks/", "actions/", "hooks/a/b"})
    void dispatchPathMustNameOneHook(String path) {
        assertEquals("JUJU_DISPATCH_PATH=\"" + path + "\" must name one hook or action after the slash",
                bad(env(path, "JUJU_ACTION_NAME", "x", "JUJU_ACTION_UUID", "1")).getMessage());
    }

    @Test
    void actionNameMustMatchTheDispatchPath() {
        BadContextException e = bad(env("actions/greet", "JUJU_ACTION_NAME", "backup", "JUJU_ACTION_UUID", "1"));
        assertEquals("JUJU_ACTION_NAME=\"backup\" does not match JUJU_DISPATCH_PATH=\"actions/greet\"", e.getMessage());
    }

    @Test
    void theDispatchPathNotJujuHookNameDecidesWhatIsRequired() {
        // A stale JUJU_HOOK_NAME must not let a relation hook through without its relation.
        Map<String, String> e = env("hooks/db-relation-changed", "JUJU_HOOK_NAME", "install");
        assertTrue(bad(e).getMessage().startsWith("JUJU_RELATION_ID is not set"));
    }

    @Test
    void aContainerNamedLikeARelationIsNotARelationHook() {
        JujuContext c = JujuContext.fromEnvironment(env("hooks/db-relation-proxy-pebble-ready"));
        assertEquals(Optional.empty(), c.relation());
    }
}
