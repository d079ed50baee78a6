package io.jcharm.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The in-memory hook tools enforce what the Juju controller enforces. */
class FakeHookToolsTest {
    private static final RelationState DB = RelationState.of("db", "mysql").withId(3);
    private static final RelationRef DB_REF = new RelationRef("db", 3);

    private static FakeHookTools tools(State state) {
        return new FakeHookTools("demo/0", state, Map.of(), Map.of());
    }

    private static String notLeader(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(HookToolException.class, call).getMessage();
    }

    @Test
    void applicationDataIsLeaderOnly() {
        FakeHookTools follower = tools(State.empty().withRelation(DB));
        String message = notLeader(() -> follower.relationSet(DB_REF, Map.of("k", "v"), true));
        assertTrue(message.contains("ERROR cannot write relation settings: this unit is not the leader"), message);
        follower.relationSet(DB_REF, Map.of("k", "v"), false);
        FakeHookTools leader = tools(State.empty().withLeader(true).withRelation(DB));
        leader.relationSet(DB_REF, Map.of("k", "v"), true);
        assertEquals(Map.of("k", "v"), leader.output().relation(3).localAppData());
    }

    @Test
    void applicationStatusIsLeaderOnly() {
        FakeHookTools follower = tools(State.empty());
        assertTrue(notLeader(() -> follower.statusSet(Status.active(), true)).contains("not the leader"));
        assertTrue(notLeader(follower::appStatusGet).contains("not the leader"));
        follower.statusSet(Status.waiting("w"), false);
        assertEquals(Status.waiting("w"), follower.output().unitStatus());
    }

    @Test
    void applicationSecretsAreLeaderOnly() {
        SecretState appSecret = SecretState.ownedByApp("certs", Map.of("ca", "x"));
        FakeHookTools follower = tools(State.empty().withRelation(DB).withSecret(appSecret));
        assertTrue(notLeader(() -> follower.secretAdd(Map.of("k", "v"), SecretOptions.app())).contains("not the leader"));
        assertTrue(notLeader(() -> follower.secretSet(appSecret.id(), Optional.of(Map.of("ca", "y")),
                SecretOptions.none())).contains("not the leader"));
        assertTrue(notLeader(() -> follower.secretGrant(appSecret.id(), DB_REF, Optional.empty()))
                .contains("not the leader"));
        assertTrue(notLeader(() -> follower.secretRevoke(appSecret.id(), DB_REF, Optional.empty()))
                .contains("not the leader"));
        assertTrue(notLeader(() -> follower.secretRemove(appSecret.id(), Optional.empty())).contains("not the leader"));
        String unitOwned = follower.secretAdd(Map.of("k", "v"), SecretOptions.unit());
        follower.secretSet(unitOwned, Optional.of(Map.of("k", "w")), SecretOptions.none());
        assertEquals(Map.of("k", "w"), follower.secretGet(Optional.of(unitOwned), Optional.empty(), false, false));
    }

    @Test
    void onlyTheOwnerManagesASecret() {
        SecretState granted = SecretState.granted(Map.of("k", "v"));
        FakeHookTools leader = tools(State.empty().withLeader(true).withSecret(granted));
        assertTrue(notLeader(() -> leader.secretSet(granted.id(), Optional.of(Map.of("k", "w")), SecretOptions.none()))
                .contains("permission denied"));
        assertTrue(notLeader(() -> leader.secretInfoGet(Optional.of(granted.id()), Optional.empty()))
                .contains("permission denied"));
        assertEquals(List.of(), leader.secretIds(), "secret-ids lists owned secrets only");
    }

    @Test
    void trackedRevisionPeekAndRefresh() {
        SecretState s = new SecretState("secret:aaaa", Optional.empty(), Optional.empty(), Map.of("v", "1"),
                Map.of("v", "2"), 2, Optional.empty(), Set.of());
        FakeHookTools t = tools(State.empty().withSecret(s));
        Optional<String> id = Optional.of(s.id());
        assertEquals(Map.of("v", "1"), t.secretGet(id, Optional.empty(), false, false), "the tracked revision");
        assertEquals(Map.of("v", "2"), t.secretGet(id, Optional.empty(), false, true), "peek sees the latest");
        assertEquals(Map.of("v", "1"), t.secretGet(id, Optional.empty(), false, false), "peek does not track");
        assertEquals(Map.of("v", "2"), t.secretGet(id, Optional.empty(), true, false), "refresh tracks the latest");
        assertEquals(Map.of("v", "2"), t.secretGet(id, Optional.empty(), false, false));
        assertEquals(Map.of("v", "2"), t.output().secrets().get(0).content());
    }

    @Test
    void secretGetWithIdAndLabelAppliesTheLabel() {
        SecretState s = SecretState.granted(Map.of("k", "v"));
        FakeHookTools t = tools(State.empty().withSecret(s));
        t.secretGet(Optional.of(s.id()), Optional.of("tls"), false, false);
        assertEquals(Map.of("k", "v"), t.secretGet(Optional.empty(), Optional.of("tls"), false, false));
        assertEquals(s.id(), t.output().secretByLabel("tls").orElseThrow().id());
    }

    @Test
    void missingSecretAndRelationUseJujusErrors() {
        FakeHookTools t = tools(State.empty());
        SecretNotFoundException s = assertThrows(SecretNotFoundException.class,
                () -> t.secretGet(Optional.of("secret:nope"), Optional.empty(), false, false));
        assertTrue(s.getMessage().contains("ERROR secret \"secret:nope\" not found"), s.getMessage());
        RelationNotFoundException r = assertThrows(RelationNotFoundException.class, () -> t.relationList(DB_REF));
        assertTrue(r.getMessage().contains("relation not found"), r.getMessage());
        assertThrows(RelationNotFoundException.class, () -> tools(State.empty().withRelation(DB))
                .relationList(new RelationRef("website", 3)), "the id must belong to the endpoint");
    }

    @Test
    void revisionGrowsOnlyWhenContentChanges() {
        SecretState s = SecretState.ownedByApp("certs", Map.of("ca", "x"));
        FakeHookTools t = tools(State.empty().withLeader(true).withSecret(s).withRelation(DB));
        t.secretSet(s.id(), Optional.of(Map.of("ca", "x")), SecretOptions.none());
        assertEquals(1, t.secretInfoGet(Optional.of(s.id()), Optional.empty()).revision());
        t.secretSet(s.id(), Optional.of(Map.of("ca", "y")), SecretOptions.none().withDescription("CA"));
        assertEquals(2, t.secretInfoGet(Optional.empty(), Optional.of("certs")).revision());
        t.secretGrant(s.id(), DB_REF, Optional.empty());
        SecretState out = t.output().secrets().get(0);
        assertEquals(Set.of(3), out.grantedTo());
        assertEquals(Optional.of("CA"), out.description());
        t.secretRemove(s.id(), Optional.empty());
        assertEquals(List.of(), t.output().secrets());
    }
}
