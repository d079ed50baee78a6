package io.jcharm.charms.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import io.jcharm.testing.faults.FaultChecks;
import io.jcharm.testing.faults.FaultKind;
import io.jcharm.testing.faults.FaultMatrix;
import io.jcharm.testing.faults.FaultRecorder;
import io.jcharm.testing.revisions.Revisions;
import io.jcharm.testing.revisions.Settle;
import io.jcharm.testing.revisions.Snapshot;
import io.jcharm.testing.revisions.Upgrade;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * hello upgraded from each shipped revision's settled state (src/test/resources/revisions/): this
 * build's upgrade-charm and config-changed over the state that revision's hooks wrote.
 */
@FaultMatrix(charm = "hello")
class HelloUpgradeTest {
    private final Context ctx = Context.of(HelloCharm::new);

    /** The deployment a revision settles: leader, listening to a talker, greeting a listener, a token, greetings served. */
    private State settle() {
        RelationState listen = RelationState.of("listen", "talker").withRemoteAppData(Map.of("greeting", "Hi"));
        RelationState greeting = RelationState.of("greeting", "listener");
        SecretState token = SecretState.granted(Map.of("token", "tok-9f8e7d"));
        State s = Settle.deploy(ctx, State.empty().withLeader(true).withSecret(token)
                .withConfig(Map.of("token-secret", token.id(), "port", 8081L)), List.of(listen, greeting));
        s = ctx.run(Events.action("greet", Map.of("name", "Ada")), s);
        s = ctx.run(Events.action("greet", Map.of("name", "Bob")), s);
        return ctx.run(Events.updateStatus(), s);
    }

    @Test
    @EnabledIfSystemProperty(named = Revisions.CAPTURE, matches = ".+")
    void capture() {
        State settled = settle();
        assertEquals(Status.active(), settled.unitStatus());
        Revisions.capture("hello", "leader; listen related to talker, greeting to listener; token-secret granted;"
                + " port 8081; two greetings served", settled, Map.of(), List.of(), Map.of());
    }

    /** This build over {@code old}: active, the same greeting published, the count goes on; the cell's outcome. */
    private String upgradeOf(Snapshot old) {
        Upgrade up = Upgrade.run(ctx, old);
        assertEquals(Status.active(), up.settled().unitStatus());
        up.assertRelationDataKept();
        // The count the old revision kept goes on: the next greeting is the third.
        State greeted = ctx.run(Events.action("greet", Map.of("name", "Cy")), Upgrade.carried(up.settled()));
        assertEquals("3", greeted.storedValue("greetings-served").orElseThrow(), "the count the old revision kept was lost");
        return FaultChecks.outcome(up.settled()) + "; greetings-served counts on (2 -> 3), token kept";
    }

    @Test
    void upgradesFromEachShippedRevision(FaultRecorder faults) {
        for (Snapshot old : Revisions.previous("hello", Map.of())) {
            faults.observed(FaultKind.UPGRADE, Upgrade.variantOf(old), upgradeOf(old));
        }
    }

    /** Not vacuous: a revision that kept its count under another key (a format change) fails the same check. */
    @Test
    void aRevisionThatKeptTheCountUnderAnotherKeyIsCaught() {
        Snapshot old = Revisions.previous("hello", Map.of()).get(0);
        Snapshot renamed = Revisions.parse(Revisions.text(old).replace("\"greetings-served\" :", "\"greetings_served\" :"),
                "renamed", Map.of());
        assertEquals(Map.of("greetings_served", "2"), renamed.state().stored());
        AssertionError e = assertThrows(AssertionError.class, () -> upgradeOf(renamed));
        assertTrue(e.getMessage().startsWith("the count the old revision kept was lost"), e.getMessage());
    }
}
