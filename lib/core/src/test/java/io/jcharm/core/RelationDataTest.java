package io.jcharm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.tools.RelationRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RelationDataTest {
    private final RecordingHookTools tools = new RecordingHookTools();
    private RelationRef db;
    private RelationRef cluster;

    record Endpoints(String host, int port) {
    }

    @BeforeEach
    void relations() {
        db = tools.relate("db", 3, "mysql", "mysql/0", "mysql/1");
        tools.unitBag(db, "mysql/0").put("host", "10.0.0.5");
        tools.appBag(db, "mysql").put("database", "demo");
        tools.appBag(db, "demo").put("requested", "demo");
        tools.unitBag(db, "demo/0").put("ingress-address", "10.1.1.1");
        cluster = tools.relate("cluster", 1, "demo", "demo/1");
    }

    private Model model() {
        return Fixtures.model(tools, "hooks/update-status");
    }

    private Relation dbRelation(Model m) {
        return m.relation("db").orElseThrow();
    }

    @Test
    void ownUnitBagIsReadableAndWritableOnAnyUnit() {
        Model m = model();
        DataBag mine = dbRelation(m).localUnit();
        assertTrue(mine.writable());
        assertEquals(Optional.of("10.1.1.1"), mine.get("ingress-address"));
        mine.put("user", "demo");
        m.commit();
        assertEquals(List.of(new RecordingHookTools.RelationSet(db, Map.of("user", "demo"), false)), tools.relationSets);
    }

    @Test
    void ownAppBagIsLeaderOnly() {
        Model m = model();
        DataBag app = dbRelation(m).localApp();
        assertFalse(app.writable());
        assertEquals("only the leader can read its own application data on db:3 (this is demo/0)",
                assertThrows(RelationDataException.class, () -> app.get("requested")).getMessage());
        assertEquals("only the leader can write application data on db:3 (this is demo/0)",
                assertThrows(RelationDataException.class, () -> app.put("requested", "x")).getMessage());
        assertEquals(0, tools.count("relation-get"), "refused before asking Juju");
    }

    @Test
    void leaderReadsAndWritesItsAppBag() {
        tools.leader = true;
        Model m = model();
        DataBag app = dbRelation(m).localApp();
        assertEquals(Optional.of("demo"), app.get("requested"));
        app.put("requested", "demo2");
        m.commit();
        assertEquals(List.of(new RecordingHookTools.RelationSet(db, Map.of("requested", "demo2"), true)),
                tools.relationSets);
    }

    @Test
    void peerAppBagIsReadableByAllButWritableOnlyByTheLeader() {
        tools.appBag(cluster, "demo").put("leader-address", "10.1.1.1");
        Model m = model();
        Relation peers = m.relation("cluster").orElseThrow();
        assertTrue(peers.isPeer());
        assertEquals(Optional.of("10.1.1.1"), peers.localApp().get("leader-address"));
        assertThrows(RelationDataException.class, () -> peers.localApp().put("k", "v"));
        assertEquals(Optional.of("demo"), peers.remoteAppName());
    }

    @Test
    void peerRemoteAppIsTheSameBagAsLocalApp() {
        tools.leader = true;
        Model m = model();
        Relation peers = m.relation("cluster").orElseThrow();
        DataBag viaRemote = peers.remoteApp();
        assertSame(peers.localApp(), viaRemote);
        peers.localApp().put("k", "v");
        m.commit();
        assertEquals(List.of(new RecordingHookTools.RelationSet(cluster, Map.of("k", "v"), true)), tools.relationSets);
    }

    @Test
    void remoteBagsAreReadOnly() {
        Model m = model();
        Relation r = dbRelation(m);
        assertEquals(Optional.of("demo"), r.remoteApp().get("database"));
        assertEquals(Optional.of("10.0.0.5"), r.unit("mysql/0").get("host"));
        assertEquals("application data of mysql on db:3 is read-only",
                assertThrows(RelationDataException.class, () -> r.remoteApp().put("x", "y")).getMessage());
        assertEquals("data of unit mysql/0 on db:3 is read-only",
                assertThrows(RelationDataException.class, () -> r.unit("mysql/0").put("x", "y")).getMessage());
        assertEquals(List.of("mysql/0", "mysql/1"), r.units());
    }

    @Test
    void ownUnitByNameIsTheWritableLocalBag() {
        Model m = model();
        Relation r = dbRelation(m);
        DataBag byName = r.unit("demo/0");
        assertTrue(byName.writable());
        assertSame(r.localUnit(), byName);
    }

    @Test
    void exactlyOneRelationSetPerBagWithOnlyChangedKeys() {
        tools.leader = true;
        Model m = model();
        Relation r = dbRelation(m);
        r.localUnit().put("a", "1");
        r.localUnit().put("b", "2");
        r.localUnit().put("ingress-address", "10.1.1.1"); // unchanged
        r.localUnit().put("a", "3");
        r.localApp().putAll(Map.of("requested", "demo", "extra", "x"));
        m.commit();
        assertEquals(List.of("relation-set db:3 {a=3, b=2}", "relation-set db:3 --app {extra=x}"),
                tools.calls.stream().filter(c -> c.startsWith("relation-set")).toList());
    }

    @Test
    void nothingChangedMeansNoRelationSet() {
        tools.leader = true;
        Model m = model();
        Relation r = dbRelation(m);
        r.localUnit().put("ingress-address", "10.1.1.1");
        r.localApp().get("requested");
        r.remoteApp().asMap();
        r.localUnit().put("temp", "1");
        r.localUnit().remove("temp");
        r.localApp().put("requested", "other");
        r.localApp().put("requested", "demo");
        m.commit();
        assertEquals(0, tools.count("relation-set"), tools.calls.toString());
    }

    @Test
    void deletesAreSentAsEmptyStrings() {
        tools.leader = true;
        tools.unitBag(db, "demo/0").put("old", "x");
        tools.unitBag(db, "demo/0").put("older", "y");
        tools.unitBag(db, "demo/0").put("oldest", "z");
        Model m = model();
        DataBag mine = dbRelation(m).localUnit();
        mine.remove("old");
        mine.put("older", null);
        mine.put("oldest", "");
        mine.remove("never-there");
        assertEquals(Optional.empty(), mine.get("old"));
        assertFalse(mine.asMap().containsKey("oldest"));
        m.commit();
        assertEquals(List.of(new RecordingHookTools.RelationSet(db, Map.of("old", "", "older", "", "oldest", ""),
                false)), tools.relationSets);
    }

    @Test
    void aSecondCommitSendsOnlyNewChanges() {
        Model m = model();
        DataBag mine = dbRelation(m).localUnit();
        mine.put("a", "1");
        m.commit();
        m.commit();
        mine.put("b", "2");
        m.commit();
        assertEquals(List.of("relation-set db:3 {a=1}", "relation-set db:3 {b=2}"),
                tools.calls.stream().filter(c -> c.startsWith("relation-set")).toList());
    }

    @Test
    void jsonValuesRoundTrip() {
        Model m = model();
        DataBag mine = dbRelation(m).localUnit();
        mine.putJson("endpoints", new Endpoints("db.local", 3306));
        assertEquals(Optional.of("{\"host\":\"db.local\",\"port\":3306}"), mine.get("endpoints"));
        assertEquals(Optional.of(new Endpoints("db.local", 3306)), mine.getJson("endpoints", Endpoints.class));
        assertEquals(Optional.empty(), mine.getJson("missing", Endpoints.class));
    }

    @Test
    void malformedJsonNamesWhoWroteWhichKey() {
        tools.unitBag(db, "mysql/0").put("endpoints", "{not json");
        Model m = model();
        RelationDataException e = assertThrows(RelationDataException.class,
                () -> dbRelation(m).unit("mysql/0").getJson("endpoints", Endpoints.class));
        assertTrue(e.getMessage().startsWith("mysql/0 wrote endpoints that is not valid Endpoints JSON: "),
                e.getMessage());
    }

    @Test
    void malformedJsonIsReportedInOneLineWithoutJacksonsLocationDetails() {
        tools.unitBag(db, "mysql/0").put("endpoints", "[\"db.local\"");
        tools.unitBag(db, "mysql/0").put("hosts", "{\"db.local\": true}");
        Model m = model();
        RelationDataException cut = assertThrows(RelationDataException.class,
                () -> dbRelation(m).unit("mysql/0").getJson("endpoints", String[].class));
        assertEquals("mysql/0 wrote endpoints that is not valid String[] JSON: Unexpected end-of-input: expected close"
                + " marker for Array", cut.getMessage());
        RelationDataException shape = assertThrows(RelationDataException.class,
                () -> dbRelation(m).unit("mysql/0").getJson("hosts", String[].class));
        assertEquals("mysql/0 wrote hosts that is not valid String[] JSON: Cannot deserialize value of type"
                + " `java.lang.String[]` from Object value", shape.getMessage());
    }

    @Test
    void relationBrokenExcludesTheBrokenRelation() {
        RelationRef second = tools.relate("ingress", 8, "traefik", "traefik/0");
        tools.relate("ingress", 9, "nginx", "nginx/0");
        Model m = Fixtures.model(tools, "hooks/ingress-relation-broken", "JUJU_RELATION", "ingress",
                "JUJU_RELATION_ID", "ingress:8", "JUJU_REMOTE_APP", "traefik");
        assertEquals(List.of(9), m.relations("ingress").stream().map(Relation::id).toList());
        Relation broken = m.eventRelation().orElseThrow();
        assertEquals(second, broken.ref());
        assertFalse(broken.active());
        assertEquals(Optional.of("traefik"), broken.remoteAppName());
        assertTrue(m.relations("ingress").get(0).active());
    }

    @Test
    void remoteAppComesFromTheEnvironmentForTheEventRelation() {
        Model m = Fixtures.model(tools, "hooks/db-relation-changed", "JUJU_RELATION", "db", "JUJU_RELATION_ID", "db:3",
                "JUJU_REMOTE_APP", "mysql");
        assertEquals(Optional.of("mysql"), m.eventRelation().orElseThrow().remoteAppName());
        assertEquals(0, tools.count("relation-list --app"));
        RelationRef other = tools.relate("ingress", 5, "traefik");
        assertEquals(Optional.of("traefik"), m.relations("ingress").get(0).remoteAppName());
        assertEquals(List.of("relation-list --app " + other), tools.calls.stream()
                .filter(c -> c.startsWith("relation-list --app")).toList());
    }

    @Test
    void aVanishedRelationIsInactiveWithNoData() {
        Model m = model();
        Relation r = dbRelation(m);
        tools.relations.remove(db);
        assertFalse(r.active());
        assertEquals(List.of(), r.units());
        assertEquals(Map.of(), r.unit("mysql/0").asMap());
    }

    @Test
    void unknownEndpointAndAmbiguousRelation() {
        Model m = model();
        assertEquals("charm \"demo\" has no endpoint \"cache\"; declared: [website, db, ingress, cluster]",
                assertThrows(IllegalArgumentException.class, () -> m.relations("cache")).getMessage());
        tools.relate("ingress", 8, "a");
        tools.relate("ingress", 9, "b");
        assertEquals("endpoint ingress has 2 relations; use relations(\"ingress\")",
                assertThrows(IllegalStateException.class, () -> m.relation("ingress")).getMessage());
        assertEquals(Optional.empty(), m.relation("website"));
    }
}
