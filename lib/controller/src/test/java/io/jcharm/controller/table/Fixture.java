package io.jcharm.controller.table;

import io.jcharm.controller.Action;
import io.jcharm.controller.AppState;
import io.jcharm.controller.CharmFacts;
import io.jcharm.controller.ConsumerDoc;
import io.jcharm.controller.EndpointDoc;
import io.jcharm.controller.GrantDoc;
import io.jcharm.controller.ModelState;
import io.jcharm.controller.Relation;
import io.jcharm.controller.Secret;
import io.jcharm.controller.StatusDoc;
import io.jcharm.controller.UnitState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one world every row of {@link ToolTable} runs in: application {@code hello} (hello/0 the
 * leader, hello/1) related to {@code listener} (listener/0) over relation 1
 * ({@code hello:greeting - listener:listen}), hello's peer relation 2, a secret hello owns and
 * granted to listener, a secret listener owns and granted to nobody, controller-side state, and
 * an action run on hello/0.
 *
 * <pre>{@code
 * ModelState<AppState<UnitState>> world = Fixture.world();
 * Map<String, Object> meta = Fixture.metadata("hello");   // as metadata.yaml would read
 * }</pre>
 */
public final class Fixture {
    public static final String UUID = "00000000-0000-4000-8000-0000000000aa";
    public static final int GREETING = 1;
    public static final int PEERS = 2;
    /** Owned by hello, granted to listener over relation 1. */
    public static final String HELLO_SECRET = "secret:cv0tmpd2ju3s6a0000aa";
    /** Owned by listener, granted to nobody. */
    public static final String LISTENER_SECRET = "secret:cv0tmpd2ju3s6a0000bb";
    public static final String ACTION = "a-1";

    private Fixture() {
    }

    public static ModelState<AppState<UnitState>> world() {
        ModelState<AppState<UnitState>> m = ModelState.basic("table", UUID);
        AppState<UnitState> hello = app(m, "hello", "hello/0", "hello/1");
        hello.leader = "hello/0";
        AppState<UnitState> listener = app(m, "listener", "listener/0");
        listener.leader = "listener/0";

        Relation greeting = new Relation();
        greeting.id = GREETING;
        greeting.endpoints.add(new EndpointDoc("hello", "greeting", "provides", "greeting"));
        greeting.endpoints.add(new EndpointDoc("listener", "listen", "requires", "greeting"));
        greeting.appData.put("hello", bag("greeting", "hi"));
        greeting.appData.put("listener", bag("port", "8080"));
        greeting.unitData.put("hello/0", bag("u", "0"));
        greeting.unitData.put("hello/1", bag("u", "1"));
        greeting.unitData.put("listener/0", bag("ready", "yes"));
        m.relations.put(GREETING, greeting);
        Relation peers = new Relation();
        peers.id = PEERS;
        peers.endpoints.add(new EndpointDoc("hello", "peers", "peer", "hello-peers"));
        peers.appData.put("hello", bag("leader-says", "x"));
        peers.unitData.put("hello/0", bag("p", "0"));
        peers.unitData.put("hello/1", bag("p", "1"));
        m.relations.put(PEERS, peers);
        enter(hello.units.get("hello/0"), GREETING, "listener/0");
        enter(hello.units.get("hello/1"), GREETING, "listener/0");
        enter(listener.units.get("listener/0"), GREETING, "hello/0", "hello/1");
        enter(hello.units.get("hello/0"), PEERS, "hello/1");
        enter(hello.units.get("hello/1"), PEERS, "hello/0");

        Secret token = new Secret();
        token.id = HELLO_SECRET;
        token.owner = "hello";
        token.label = "token";
        token.revisions.put(1, bag("token", "t0p"));
        token.grants.add(new GrantDoc(GREETING, "listener", null));
        token.consumers.put("listener/0", new ConsumerDoc(null, 1));
        m.secrets.put(token.id, token);
        Secret hidden = new Secret();
        hidden.id = LISTENER_SECRET;
        hidden.owner = "listener";
        hidden.label = "mine";
        hidden.revisions.put(1, bag("password", "s3cr3t"));
        m.secrets.put(hidden.id, hidden);

        hello.units.get("hello/0").state.put("runs", "1");
        Action greet = new Action();
        greet.id = ACTION;
        greet.unit = "hello/0";
        greet.name = "greet";
        greet.params.put("shout", true);
        greet.status = "running";
        m.actions.put(ACTION, greet);
        return m;
    }

    /** An application's metadata.yaml, as a parsed map. */
    public static Map<String, Object> metadata(String app) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", app);
        if (app.equals("hello")) {
            meta.put("provides", Map.of("greeting", Map.of("interface", "greeting")));
            meta.put("peers", Map.of("peers", Map.of("interface", "hello-peers")));
            meta.put("storage", Map.of("data", Map.of("type", "filesystem")));
        } else {
            meta.put("requires", Map.of("listen", Map.of("interface", "greeting")));
        }
        return meta;
    }

    /** An application's config.yaml, as a parsed map. */
    public static Map<String, Object> config(String app) {
        return app.equals("hello")
                ? Map.of("options", Map.of("greeting", Map.of("type", "string", "default", "Hello")))
                : Map.of();
    }

    /** The config values config-get shows (defaults; nothing was set). */
    public static Map<String, Object> effectiveConfig(String app) {
        return app.equals("hello") ? Map.of("greeting", "Hello") : Map.of();
    }

    /** What the controller knows of an application's charm, read from {@link #metadata}. */
    public static CharmFacts facts(String app) {
        return app.equals("hello")
                ? new CharmFacts(Set.of("greeting", "peers"), Set.of(), Set.of(), Map.of("data", "filesystem"))
                : new CharmFacts(Set.of("listen"), Set.of(), Set.of(), Map.of());
    }

    private static AppState<UnitState> app(ModelState<AppState<UnitState>> m, String name, String... units) {
        AppState<UnitState> a = AppState.named(name);
        for (String u : units) {
            UnitState s = UnitState.named(u);
            s.workload = new StatusDoc("active", "");
            a.units.put(u, s);
        }
        m.applications.put(name, a);
        return a;
    }

    private static void enter(UnitState u, int relation, String... members) {
        u.entered.add(relation);
        u.members.put(relation, new TreeSet<>(List.of(members)));
    }

    private static Map<String, String> bag(String k, String v) {
        Map<String, String> m = new TreeMap<>();
        m.put(k, v);
        return m;
    }
}
