package io.jcharm.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builders for every Juju event, for {@link Context#run}.
 *
 * <pre>{@code
 * ctx.run(Events.install(), state);
 * ctx.run(Events.relationChanged(state.relation("gateway-info")), state);
 * ctx.run(Events.action("serve-model", Map.of("name", "iris")), state);
 * }</pre>
 */
public final class Events {
    private Events() {
    }

    public static TestEvent install() { return hook("install"); }
    public static TestEvent start() { return hook("start"); }
    public static TestEvent stop() { return hook("stop"); }
    public static TestEvent remove() { return hook("remove"); }
    public static TestEvent configChanged() { return hook("config-changed"); }
    public static TestEvent upgradeCharm() { return hook("upgrade-charm"); }
    public static TestEvent updateStatus() { return hook("update-status"); }
    public static TestEvent leaderElected() { return hook("leader-elected"); }
    public static TestEvent leaderSettingsChanged() { return hook("leader-settings-changed"); }
    public static TestEvent collectMetrics() { return hook("collect-metrics"); }
    public static TestEvent preSeriesUpgrade() { return hook("pre-series-upgrade"); }
    public static TestEvent postSeriesUpgrade() { return hook("post-series-upgrade"); }

    /** Any hook by name, for hooks Juju may fire that the SDK does not model (meter-status-changed). */
    public static TestEvent hook(String name) {
        return new TestEvent("hooks/" + name, Map.of(), Map.of());
    }

    public static TestEvent relationCreated(RelationState r) {
        return relation(r, "created", null, null);
    }

    /** relation-joined for the relation's first remote unit. */
    public static TestEvent relationJoined(RelationState r) {
        return relation(r, "joined", firstUnit(r), null);
    }

    /** relation-changed for the relation's first remote unit. */
    public static TestEvent relationChanged(RelationState r) {
        return relation(r, "changed", firstUnit(r), null);
    }

    /** relation-changed for a change of the remote application's data (no remote unit). */
    public static TestEvent relationAppChanged(RelationState r) {
        return relation(r, "changed", null, null);
    }

    public static TestEvent relationDeparted(RelationState r, String departingUnit) {
        return relation(r, "departed", departingUnit, departingUnit);
    }

    public static TestEvent relationBroken(RelationState r) {
        return relation(r, "broken", null, null);
    }

    public static TestEvent pebbleReady(String container) {
        return new TestEvent("hooks/" + container + "-pebble-ready", Map.of("JUJU_WORKLOAD_NAME", container), Map.of());
    }

    /** A Pebble custom notice ({@code pebble notify <key>}) in the container. */
    public static TestEvent pebbleCustomNotice(String container, String noticeId, String noticeKey) {
        return new TestEvent("hooks/" + container + "-pebble-custom-notice", Map.of("JUJU_WORKLOAD_NAME", container,
                "JUJU_NOTICE_ID", noticeId, "JUJU_NOTICE_KEY", noticeKey, "JUJU_NOTICE_TYPE", "custom"), Map.of());
    }

    /** A Pebble check in the container reached its failure threshold. */
    public static TestEvent pebbleCheckFailed(String container, String check) {
        return new TestEvent("hooks/" + container + "-pebble-check-failed", Map.of("JUJU_WORKLOAD_NAME", container,
                "JUJU_PEBBLE_CHECK_NAME", check), Map.of());
    }

    /** A failed Pebble check in the container passes again. */
    public static TestEvent pebbleCheckRecovered(String container, String check) {
        return new TestEvent("hooks/" + container + "-pebble-check-recovered", Map.of("JUJU_WORKLOAD_NAME", container,
                "JUJU_PEBBLE_CHECK_NAME", check), Map.of());
    }

    public static TestEvent secretChanged(SecretState s) {
        return secret("secret-changed", s, null);
    }

    public static TestEvent secretRotate(SecretState s) {
        return secret("secret-rotate", s, null);
    }

    public static TestEvent secretRemove(SecretState s, int revision) {
        return secret("secret-remove", s, revision);
    }

    public static TestEvent secretExpired(SecretState s, int revision) {
        return secret("secret-expired", s, revision);
    }

    /** {@code <name>-storage-attached} for storage {@code <name>/0}. */
    public static TestEvent storageAttached(String storage) {
        return new TestEvent("hooks/" + storage + "-storage-attached", Map.of("JUJU_STORAGE_ID", storage + "/0"), Map.of());
    }

    /** {@code <name>-storage-detaching} for storage {@code <name>/0}. */
    public static TestEvent storageDetaching(String storage) {
        return new TestEvent("hooks/" + storage + "-storage-detaching", Map.of("JUJU_STORAGE_ID", storage + "/0"), Map.of());
    }

    /** An action with parameters as {@code juju run} would pass them. */
    public static TestEvent action(String name, Map<String, Object> params) {
        return new TestEvent("actions/" + name, Map.of("JUJU_ACTION_NAME", name,
                "JUJU_ACTION_UUID", "1a2b3c4d-0000-4000-8000-00000000000" + Math.abs(name.hashCode() % 10)), params);
    }

    private static TestEvent relation(RelationState r, String kind, String unit, String departing) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JUJU_RELATION", r.endpoint());
        env.put("JUJU_RELATION_ID", r.ref());
        env.put("JUJU_REMOTE_APP", r.remoteApp());
        if (unit != null) {
            env.put("JUJU_REMOTE_UNIT", unit);
        }
        if (departing != null) {
            env.put("JUJU_DEPARTING_UNIT", departing);
        }
        return new TestEvent("hooks/" + r.endpoint() + "-relation-" + kind, env, Map.of());
    }

    private static TestEvent secret(String hook, SecretState s, Integer revision) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JUJU_SECRET_ID", s.id());
        s.label().ifPresent(l -> env.put("JUJU_SECRET_LABEL", l));
        if (revision != null) {
            env.put("JUJU_SECRET_REVISION", revision.toString());
        }
        return new TestEvent("hooks/" + hook, env, Map.of());
    }

    private static String firstUnit(RelationState r) {
        return r.remoteUnitsData().keySet().stream().findFirst().orElseThrow(() -> new IllegalArgumentException(
                "relation " + r.ref() + " has no remote units; add one with withRemoteUnitsData"));
    }
}
