package io.jcharm.charms.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.core.tools.Port;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** State-transition tests: one event in, the state Juju would see out. */
class HelloCharmTest {
    private final Context ctx = Context.of(HelloCharm::new);

    @Test
    void defaultConfigIsActiveAndOpensThePort() {
        State out = ctx.run(Events.install(), State.empty().withLeader(true));
        assertEquals(Status.active(), out.unitStatus());
        assertEquals(Status.active(), out.appStatus());
        assertEquals(Set.of(Port.tcp(8080)), out.openedPorts());
    }

    @Test
    void emptyGreetingBlocksNamingTheOption() {
        State out = ctx.run(Events.configChanged(), State.empty().withConfig(Map.of("greeting", " ")));
        assertEquals(Status.blocked("[config] invalid config greeting: must not be empty"), out.unitStatus());
    }

    @Test
    void portOutOfRangeBlocks() {
        State out = ctx.run(Events.configChanged(), State.empty().withConfig(Map.of("port", 70000L)));
        assertEquals(Status.blocked("[config] invalid config port: must be between 1 and 65535, got 70000"),
                out.unitStatus());
        assertTrue(out.openedPorts().isEmpty(), "ports depend on config, so they are not touched");
    }

    @Test
    void publishesGreetingInUnitBagAndAppBagOnLeader() {
        RelationState rel = RelationState.of("greeting", "other");
        State in = State.empty().withLeader(true).withConfig(Map.of("greeting", "Hi")).withRelation(rel);
        State out = ctx.run(Events.relationJoined(rel), in);
        assertEquals(Map.of("greeting", "Hi"), out.relation(rel.id()).localUnitData());
        assertEquals(Map.of("greeting", "Hi"), out.relation(rel.id()).localAppData());
    }

    @Test
    void followerDoesNotWriteAppData() {
        RelationState rel = RelationState.of("greeting", "other");
        State out = ctx.run(Events.relationJoined(rel), State.empty().withRelation(rel));
        assertEquals(Map.of("greeting", "Hello"), out.relation(rel.id()).localUnitData());
        assertTrue(out.relation(rel.id()).localAppData().isEmpty());
    }

    @Test
    void listenWaitsForRemoteGreetingThenGoesActive() {
        RelationState listen = RelationState.of("listen", "talker");
        State waiting = ctx.run(Events.relationJoined(listen), State.empty().withRelation(listen));
        assertEquals(Status.waiting("[listen] waiting for a greeting from talker"), waiting.unitStatus());

        RelationState spoken = listen.withRemoteAppData(Map.of("greeting", "Bonjour"));
        State active = ctx.run(Events.relationAppChanged(spoken), waiting.withRelation(spoken));
        assertEquals(Status.active(), active.unitStatus());
    }

    @Test
    void tokenSecretMissingKeyBlocksAndSecretValueNeverLogged() {
        SecretState secret = SecretState.granted(Map.of("not-token", "s3cr3t-value"));
        State in = State.empty().withSecret(secret).withConfig(Map.of("token-secret", secret.id()));
        State out = ctx.run(Events.configChanged(), in);
        assertEquals(Status.blocked("[token] secret " + secret.id() + " has no key \"token\": juju update-secret "
                + secret.id() + " token=<value>"), out.unitStatus());
        assertFalse(out.logs().stream().anyMatch(l -> l.contains("s3cr3t-value")));
    }

    @Test
    void unknownTokenSecretBlocksWithGrantHint() {
        State in = State.empty().withConfig(Map.of("token-secret", "secret:cv0tmpd2ju3s6aaaaaaa"));
        State out = ctx.run(Events.configChanged(), in);
        assertEquals(Status.blocked("[token] secret secret:cv0tmpd2ju3s6aaaaaaa not found or not granted: "
                + "juju grant-secret secret:cv0tmpd2ju3s6aaaaaaa hello"), out.unitStatus());
    }

    @Test
    void tokenSecretNotGrantedBlocksWithGrantHint() {
        // The secret exists but its owner has not run juju grant-secret: Juju says "permission denied".
        SecretState hidden = SecretState.notGranted("secret:cv0tmpd2ju3s6abbbbbb");
        State in = State.empty().withSecret(hidden).withConfig(Map.of("token-secret", hidden.id()));
        State out = ctx.run(Events.configChanged(), in);
        assertEquals(Status.blocked("[token] secret secret:cv0tmpd2ju3s6abbbbbb not found or not granted: "
                + "juju grant-secret secret:cv0tmpd2ju3s6abbbbbb hello"), out.unitStatus());
        assertEquals(List.of(hidden), out.secrets(), "still there, still hidden");
    }

    @Test
    void greetActionCountsInControllerState() {
        State first = ctx.run(Events.action("greet", Map.of("name", "Ada", "shout", true)), State.empty());
        assertEquals(Map.of("message", "HELLO, ADA!", "count", "1"), first.actionResults());
        assertEquals(Optional.of("1"), first.storedValue("greetings-served"));
        State second = ctx.run(Events.action("greet", Map.of("name", "Bob")), first);
        assertEquals("2", second.actionResults().get("count"));
        assertEquals("Hello, Bob!", second.actionResults().get("message"));
    }

    @Test
    void greetWithoutNameFailsTheActionNotTheHook() {
        State out = ctx.run(Events.action("greet", Map.of()), State.empty());
        assertEquals(Optional.of("missing required parameter name for action greet"), out.actionFailure());
        assertTrue(out.actionResults().isEmpty());
    }

    @Test
    void stateThatContradictsMetadataIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ctx.run(Events.install(), State.empty().withConfig(Map.of("colour", "red"))));
        assertTrue(e.getMessage().contains("config option \"colour\""), e.getMessage());
    }
}
