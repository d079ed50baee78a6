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
        }
        for (ContainerState c : state.containers()) {
            if (!meta.containers().containsKey(c.name())) {
                throw new IllegalArgumentException("the state has container \"" + c.name() + "\", which charm "
                        + meta.name() + " does not declare; declared: " + meta.containers().keySet());
            }
        }
        String path = event.dispatchPath();
        if (path.startsWith("actions/") && !meta.actions().containsKey(event.name())) {
            throw new IllegalArgumentException("action \"" + event.name() + "\" is not declared by charm " + meta.name()
                    + "; declared: " + meta.actions().keySet());
        }
        String relEnv = event.environment().get("JUJU_RELATION_ID");
        if (relEnv != null && state.relations().stream().noneMatch(r -> r.ref().equals(relEnv))
                && !event.name().endsWith("-relation-broken")) {
            throw new IllegalArgumentException("the event is for relation " + relEnv
                    + ", which is not in the state; add it with withRelation");
        }
    }
}
