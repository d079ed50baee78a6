package io.jcharm.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.controller.CharmFacts;
import io.jcharm.core.Status;
import io.jcharm.core.tools.HookToolException;
import io.jcharm.core.tools.RelationNotFoundException;
import io.jcharm.core.tools.RelationRef;
import io.jcharm.core.tools.SecretNotFoundException;
import io.jcharm.core.tools.SecretOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-process controller enforces what the Juju controller enforces, through the SDK's real argv. */
class InProcessControllerTest {
    private static final RelationState DB = RelationState.of("db", "mysql").withId(3);
    private static final RelationRef DB_REF = new RelationRef("db", 3);

    private static final CharmFacts FACTS = new CharmFacts(Set.of("db", "website"), Set.of(), Set.of(), Map.of());

    private static InProcessController tools(State state) {
        return new InProcessController("demo/0", state, FACTS, Map.of(), Events.install());
    }

    private static String notLeader(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(HookToolException.class, call).getMessage();
    }

    @Test
    void applicationDataIsLeaderOnly() {
        InProcessController follower = tools(State.empty().withRelation(DB));
        String message = notLeader(() -> follower.tools().relationSet(DB_REF, Map.of("k", "v"), true));
        assertTrue(message.contains("ERROR cannot write relation settings"), message);
        follower.tools().relationSet(DB_REF, Map.of("k", "v"), false);
        InProcessController leader = tools(State.empty().withLeader(true).withRelation(DB));
        leader.tools().relationSet(DB_REF, Map.of("k", "v"), true);
        assertEquals(Map.of("k", "v"), leader.output().relation(3).localAppData());
    }

    @Test
    void applicationStatusIsLeaderOnly() {
        InProcessController follower = tools(State.empty());
        assertTrue(notLeader(() -> follower.tools().statusSet(Status.active(), true)).contains("not the leader"));
        assertTrue(notLeader(() -> follower.tools().appStatusGet()).contains("not the leader"));
        follower.tools().statusSet(Status.waiting("w"), false);
        assertEquals(Status.waiting("w"), follower.output().unitStatus());
    }

    @Test
    void applicationSecretsAreLeaderOnly() {
        SecretState appSecret = SecretState.ownedByApp("certs", Map.of("ca-cert", "x"));
        InProcessController follower = tools(State.empty().withRelation(DB).withSecret(appSecret));
        assertTrue(notLeader(() -> follower.tools().secretAdd(Map.of("key", "v"), SecretOptions.app())).contains("not the leader"));
        assertTrue(notLeader(() -> follower.tools().secretSet(appSecret.id(), Optional.of(Map.of("ca-cert", "y")),
                SecretOptions.none())).contains("not the leader"));
        assertTrue(notLeader(() -> follower.tools().secretGrant(appSecret.id(), DB_REF, Optional.empty()))
                .contains("not the leader"));
        assertTrue(notLeader(() -> follower.tools().secretRevoke(appSecret.id(), DB_REF, Optional.empty()))
                .contains("not the leader"));
        assertTrue(notLeader(() -> follower.tools().secretRemove(appSecret.id(), Optional.empty())).contains("not the leader"));
        String unitOwned = follower.tools().secretAdd(Map.of("key", "v"), SecretOptions.unit());
        follower.tools().secretSet(unitOwned, Optional.of(Map.of("key", "w")), SecretOptions.none());
        assertEquals(Map.of("key", "w"), follower.tools().secretGet(Optional.of(unitOwned), Optional.empty(), false, false));
    }

    @Test
    void onlyTheOwnerManagesASecret() {
        SecretState granted = SecretState.granted(Map.of("key", "v"));
        InProcessController leader = tools(State.empty().withLeader(true).withSecret(granted));
        assertTrue(notLeader(() -> leader.tools().secretSet(granted.id(), Optional.of(Map.of("key", "w")), SecretOptions.none()))
                .contains("permission denied"));
        assertTrue(notLeader(() -> leader.tools().secretInfoGet(Optional.of(granted.id()), Optional.empty()))
                .contains("not found"));
        assertEquals(List.of(), leader.tools().secretIds(), "secret-ids lists owned secrets only");
    }

    @Test
    void trackedRevisionPeekAndRefresh() {
        SecretState s = new SecretState("secret:aaaa", Optional.empty(), Optional.empty(), Map.of("v", "1"),
                Map.of("v", "2"), 2, Optional.empty(), Set.of());
        InProcessController t = tools(State.empty().withSecret(s));
        Optional<String> id = Optional.of(s.id());
        assertEquals(Map.of("v", "1"), t.tools().secretGet(id, Optional.empty(), false, false), "the tracked revision");
        assertEquals(Map.of("v", "2"), t.tools().secretGet(id, Optional.empty(), false, true), "peek sees the latest");
        assertEquals(Map.of("v", "1"), t.tools().secretGet(id, Optional.empty(), false, false), "peek does not track");
        assertEquals(Map.of("v", "2"), t.tools().secretGet(id, Optional.empty(), true, false), "refresh tracks the latest");
        assertEquals(Map.of("v", "2"), t.tools().secretGet(id, Optional.empty(), false, false));
        assertEquals(Map.of("v", "2"), t.output().secrets().get(0).content());
    }

    @Test
    void secretGetWithIdAndLabelAppliesTheLabel() {
        SecretState s = SecretState.granted(Map.of("key", "v"));
        InProcessController t = tools(State.empty().withSecret(s));
        t.tools().secretGet(Optional.of(s.id()), Optional.of("tls"), false, false);
        assertEquals(Map.of("key", "v"), t.tools().secretGet(Optional.empty(), Optional.of("tls"), false, false));
        assertEquals(s.id(), t.output().secretByLabel("tls").orElseThrow().id());
    }

    @Test
    void missingSecretAndRelationUseJujusErrors() {
        InProcessController t = tools(State.empty());
        SecretNotFoundException s = assertThrows(SecretNotFoundException.class,
                () -> t.tools().secretGet(Optional.of("secret:nope"), Optional.empty(), false, false));
        assertTrue(s.getMessage().contains("ERROR secret \"nope\" not found"), s.getMessage());
        RelationNotFoundException r = assertThrows(RelationNotFoundException.class, () -> t.tools().relationList(DB_REF));
        assertTrue(r.getMessage().contains("relation not found"), r.getMessage());
        assertThrows(RelationNotFoundException.class, () -> tools(State.empty().withRelation(DB))
                .tools().relationList(new RelationRef("website", 3)), "the id must belong to the endpoint");
    }

    @Test
    void revisionGrowsOnlyWhenContentChanges() {
        SecretState s = SecretState.ownedByApp("certs", Map.of("ca-cert", "x"));
        InProcessController t = tools(State.empty().withLeader(true).withSecret(s).withRelation(DB));
        t.tools().secretSet(s.id(), Optional.of(Map.of("ca-cert", "x")), SecretOptions.none());
        assertEquals(1, t.tools().secretInfoGet(Optional.of(s.id()), Optional.empty()).revision());
        t.tools().secretSet(s.id(), Optional.of(Map.of("ca-cert", "y")), SecretOptions.none().withDescription("CA"));
        assertEquals(2, t.tools().secretInfoGet(Optional.empty(), Optional.of("certs")).revision());
        t.tools().secretGrant(s.id(), DB_REF, Optional.empty());
        SecretState out = t.output().secrets().get(0);
        assertEquals(Set.of(3), out.grantedTo());
        assertEquals(Optional.of("CA"), out.description());
        t.tools().secretRemove(s.id(), Optional.empty());
        assertEquals(List.of(), t.output().secrets());
    }
}
