package io.jcharm.testing;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.ConfigOption;
import java.util.Map;

/** Refuses a test State or event that the charm's metadata makes impossible in Juju. */
final class Consistency {
    private Consistency() {
    }

    static void check(CharmMetadata meta, TestEvent event, State state) {
        for (RelationState r : state.relations()) {
            if (meta.endpoint(r.endpoint()).isEmpty()) {
                throw new IllegalArgumentException("the state has a relation on endpoint \"" + r.endpoint()
                        + "\", which charm " + meta.name() + " does not declare; declared: " + meta.endpoints().keySet());
            }
        }
        for (Map.Entry<String, Object> e : state.config().entrySet()) {
            ConfigOption o = meta.config().get(e.getKey());
            if (o == null) {
                throw new IllegalArgumentException("the state sets config option \"" + e.getKey()
                        + "\", which is not in charm " + meta.name() + "'s config; options: " + meta.config().keySet());
            }
            checkType(o, e.getValue());
        }
        for (ContainerState c : state.containers()) {
            if (!meta.containers().containsKey(c.name())) {
                throw new IllegalArgumentException("the state has container \"" + c.name() + "\", which charm "
                        + meta.name() + " does not declare; declared: " + meta.containers().keySet());
            }
        }
        checkEvent(meta, event, state);
    }

    private static void checkEvent(CharmMetadata meta, TestEvent event, State state) {
        String path = event.dispatchPath();
        if (path.startsWith("actions/") && !meta.actions().containsKey(event.name())) {
            throw new IllegalArgumentException("action \"" + event.name() + "\" is not declared by charm " + meta.name()
                    + "; declared: " + meta.actions().keySet());
        }
        Map<String, String> env = event.environment();
        String relEnv = env.get("JUJU_RELATION_ID");
        String endpoint = env.get("JUJU_RELATION");
        if (endpoint != null && meta.endpoint(endpoint).isEmpty()) {
            throw new IllegalArgumentException("the event is for endpoint \"" + endpoint + "\", which charm "
                    + meta.name() + " does not declare; declared: " + meta.endpoints().keySet());
        }
        if (relEnv != null && state.relations().stream().noneMatch(r -> r.ref().equals(relEnv))
                && !event.name().endsWith("-relation-broken")) {
            throw new IllegalArgumentException("the event is for relation " + relEnv
                    + ", which is not in the state; add it with withRelation");
        }
        String workload = env.get("JUJU_WORKLOAD_NAME");
        if (workload != null) {
            if (!meta.containers().containsKey(workload)) {
                throw new IllegalArgumentException("the event is for container \"" + workload + "\", which charm "
                        + meta.name() + " does not declare; declared: " + meta.containers().keySet());
            }
            if (state.containers().stream().noneMatch(c -> c.name().equals(workload))) {
                throw new IllegalArgumentException("the event is for container \"" + workload
                        + "\", which is not in the state; add it with withContainer");
            }
        }
        String storage = env.get("JUJU_STORAGE_ID");
        if (storage != null && !meta.storage().containsKey(storage.substring(0, Math.max(0, storage.indexOf('/'))))) {
            throw new IllegalArgumentException("the event is for storage " + storage + ", which charm " + meta.name()
                    + " does not declare; declared: " + meta.storage().keySet());
        }
        String secret = env.get("JUJU_SECRET_ID");
        if (secret != null && state.secrets().stream().noneMatch(s -> s.id().equals(secret))) {
            throw new IllegalArgumentException("the event is for secret " + secret
                    + ", which is not in the state; add it with withSecret");
        }
    }

    /** config-get answers with typed JSON: a test value of another type could not come from Juju. */
    private static void checkType(ConfigOption o, Object v) {
        if (v == null) {
            return; // unset: config-get leaves it out or gives the default
        }
        boolean ok = switch (o.type()) {
            case STRING, SECRET -> v instanceof String;
            case INT -> v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
            case FLOAT -> v instanceof Number;
            case BOOLEAN -> v instanceof Boolean;
        };
        if (!ok) {
            throw new IllegalArgumentException("the state sets config option \"" + o.name() + "\" to " + v
                    + " (" + v.getClass().getSimpleName() + "), but it is of type "
                    + o.type().yamlName() + "; Juju would refuse that value");
        }
    }
}
