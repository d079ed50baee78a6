package io.jcharm.core;

import io.jcharm.core.tools.RelationNotFoundException;
import io.jcharm.core.tools.RelationRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One relation of this application: its remote application and units and their data bags.
 *
 * <pre>{@code
 * Relation r = model.relation("gateway-info").orElseThrow();
 * String ns = r.remoteApp().get("gateway_namespace").orElse("kubeflow");
 * }</pre>
 */
public final class Relation {
    private final Model model;
    private final RelationRef ref;
    private final boolean peer;
    private final boolean broken;
    private List<String> units;
    private Optional<String> remoteAppName;
    private final Map<String, DataBag> bags = new LinkedHashMap<>();

    Relation(Model model, RelationRef ref, boolean peer, boolean broken, Optional<String> knownRemoteApp) {
        this.model = model;
        this.ref = ref;
        this.peer = peer;
        this.broken = broken;
        this.remoteAppName = knownRemoteApp;
    }

    public RelationRef ref() { return ref; }
    public String endpoint() { return ref.endpoint(); }
    public int id() { return ref.id(); }
    public boolean isPeer() { return peer; }

    /** False in this relation's relation-broken hook or when Juju no longer knows it. */
    public boolean active() {
        units();
        return !broken && units != null;
    }

    /** The remote units (for a peer relation, the other units of this application). */
    public List<String> units() {
        if (units == null) {
            try {
                units = List.copyOf(model.tools().relationList(ref));
            } catch (RelationNotFoundException e) {
                return List.of();
            }
        }
        return units;
    }

    /** The remote application's name, when known. */
    public Optional<String> remoteAppName() {
        if (remoteAppName.isEmpty()) {
            if (peer) {
                remoteAppName = Optional.of(model.app().name());
            } else {
                try {
                    String name = model.tools().relationRemoteApp(ref);
                    remoteAppName = name == null || name.isEmpty() ? Optional.empty() : Optional.of(name);
                } catch (RelationNotFoundException e) {
                    return Optional.empty();
                }
            }
        }
        return remoteAppName;
    }

    /** This unit's bag: always readable and writable. */
    public DataBag localUnit() {
        String me = model.unit().name();
        return bag(LOCAL_UNIT, me, false, true, null, true, null);
    }

    /** This application's bag: readable and writable on the leader (readable by all for peers). */
    public DataBag localApp() {
        boolean leader = model.isLeader();
        String app = model.app().name();
        return bag(LOCAL_APP, app, true, leader || peer,
                "only the leader can read its own application data on " + ref + " (this is " + model.unit().name() + ")",
                leader, "only the leader can write application data on " + ref + " (this is " + model.unit().name() + ")");
    }

    /**
     * The remote application's bag (read-only); empty when the remote app is not known yet. On a
     * peer relation the "remote" application is this one, so this is {@link #localApp()}.
     */
    public DataBag remoteApp() {
        if (peer) {
            return localApp();
        }
        String app = remoteAppName().orElse("");
        if (app.isEmpty()) {
            return new DataBag("", true, null, false, "remote data is read-only", Map::of);
        }
        return bag("remote-app", app, true, true, null, false, "application data of " + app + " on " + ref + " is read-only");
    }

    /** A remote (or peer) unit's bag (read-only); this unit's own name gives {@link #localUnit()}. */
    public DataBag unit(String unitName) {
        if (unitName.equals(model.unit().name())) {
            return localUnit();
        }
        return bag("unit:" + unitName, unitName, false, true, null, false,
                "data of unit " + unitName + " on " + ref + " is read-only");
    }

    // Bags are keyed by role, not owner name: a peer (or cross-model) remote app can share this app's name.
    private static final String LOCAL_UNIT = "local-unit";
    private static final String LOCAL_APP = "local-app";

    private DataBag bag(String key, String owner, boolean app, boolean readable, String readDenied, boolean writable,
                        String writeDenied) {
        return bags.computeIfAbsent(key, k -> new DataBag(owner, readable, readDenied, writable,
                writeDenied, () -> {
                    try {
                        return model.tools().relationGet(ref, owner, app);
                    } catch (RelationNotFoundException e) {
                        return Map.of();
                    }
                }));
    }

    /** Sends one relation-set per written bag, only the keys that changed. */
    void flush() {
        for (String key : List.of(LOCAL_UNIT, LOCAL_APP)) {
            DataBag bag = bags.get(key);
            Map<String, String> changes = bag == null ? Map.of() : bag.pendingChanges();
            if (!changes.isEmpty()) {
                model.tools().relationSet(ref, changes, key.equals(LOCAL_APP));
                bag.markFlushed();
            }
        }
    }
}
