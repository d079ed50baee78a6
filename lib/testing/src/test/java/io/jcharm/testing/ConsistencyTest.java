package io.jcharm.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Context refuses a State or event that the charm's metadata makes impossible, saying which part. */
class ConsistencyTest {
    private final Context ctx = DemoCharm.with();

    private String refused(TestEvent event, State state) {
        return assertThrows(IllegalArgumentException.class, () -> ctx.run(event, state)).getMessage();
    }

    @Test
    void relationOnAnUnknownEndpoint() {
        assertEquals("the state has a relation on endpoint \"cache\", which charm demo does not declare; declared: "
                + "[website, db, cluster]", refused(Events.install(),
                State.empty().withRelation(RelationState.of("cache", "redis"))));
    }

    @Test
    void optionNotInConfig() {
        assertEquals("the state sets config option \"colour\", which is not in charm demo's config; options: "
                + "[greeting, replicas, ratio, debug]", refused(Events.configChanged(),
                State.empty().withConfig(Map.of("colour", "red"))));
    }

    @Test
    void optionOfTheWrongType() {
        assertEquals("the state sets config option \"replicas\" to 3 (String), but it is of type int; Juju would refuse "
                + "that value", refused(Events.configChanged(), State.empty().withConfig(Map.of("replicas", "3"))));
        assertEquals("the state sets config option \"debug\" to yes (String), but it is of type boolean; Juju would "
                + "refuse that value", refused(Events.configChanged(), State.empty().withConfig(Map.of("debug", "yes"))));
        ctx.run(Events.configChanged(), State.empty().withConfig(Map.of("replicas", 3, "ratio", 2, "debug", true,
                "greeting", "yo")));
    }

    @Test
    void undeclaredAction() {
        assertEquals("action \"restore\" is not declared by charm demo; declared: [greet, rotate]",
                refused(Events.action("restore", Map.of()), State.empty()));
    }

    @Test
    void undeclaredContainer() {
        assertEquals("the state has container \"sidecar\", which charm demo does not declare; declared: [workload]",
                refused(Events.install(), State.empty().withContainer(ContainerState.reachable("sidecar"))));
    }

    @Test
    void eventForARelationNotInTheState() {
        RelationState db = RelationState.of("db", "mysql");
        assertEquals("the event is for relation " + db.ref() + ", which is not in the state; add it with withRelation",
                refused(Events.relationChanged(db), State.empty()));
    }

    @Test
    void eventForAnUndeclaredEndpoint() {
        RelationState cache = RelationState.of("cache", "redis");
        assertEquals("the event is for endpoint \"cache\", which charm demo does not declare; declared: "
                + "[website, db, cluster]", refused(Events.relationBroken(cache), State.empty()));
    }

    @Test
    void eventForAContainer() {
        assertEquals("the event is for container \"sidecar\", which charm demo does not declare; declared: [workload]",
                refused(Events.pebbleReady("sidecar"), State.empty()));
        assertEquals("the event is for container \"workload\", which is not in the state; add it with withContainer",
                refused(Events.pebbleReady("workload"), State.empty()));
    }

    @Test
    void eventForUndeclaredStorage() {
        assertEquals("the event is for storage logs/0, which charm demo does not declare; declared: [data]",
                refused(Events.storageAttached("logs"), State.empty()));
    }

    @Test
    void eventForASecretNotInTheState() {
        SecretState s = SecretState.granted(Map.of("k", "v"));
        assertEquals("the event is for secret " + s.id() + ", which is not in the state; add it with withSecret",
                refused(Events.secretChanged(s), State.empty()));
    }

    @Test
    void relationBrokenMayNameARelationAlreadyGone() {
        RelationState db = RelationState.of("db", "mysql");
        State out = ctx.run(Events.relationBroken(db), State.empty());
        assertEquals(0, out.relations().size());
    }
}
