package io.jcharm.testing.revisions;

import io.jcharm.core.Status;
import io.jcharm.core.tools.Port;
import io.jcharm.pebble.emulator.ExecReply;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our own JSON form of a {@link Snapshot} (format 1): sorted keys and one value per line so that a
 * recapture's diff reads as what the revision changed; Kubernetes objects as JSON objects.
 *
 * <pre>{@code
 * String text = SnapshotJson.write(snapshot, "mvn ... -Djcharm.revision.capture=abc1234");
 * Snapshot again = SnapshotJson.read(text, "revisions/abc1234/minio.json");
 * }</pre>
 */
final class SnapshotJson {
    static final int FORMAT = 1;
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    /** Kubernetes objects are handed back as the API server's compact JSON. */
    private static final JsonMapper COMPACT = JsonMapper.builder().build();

    private SnapshotJson() {
    }

    static String write(Snapshot s, String recapture) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("charm", s.charm());
        root.put("revision", s.revision());
        root.put("scenario", s.scenario());
        root.put("recapture", recapture);
        root.put("unit", unit(s.state()));
        Map<String, Object> cluster = new TreeMap<>();
        s.cluster().forEach((k, v) -> cluster.put(k, JSON.readValue(v, Map.class)));
        root.put("cluster", cluster);
        root.put("userObjects", new TreeSet<>(s.userObjects()));
        root.put("machine", new TreeMap<>(s.machine()));
        return JSON.writeValueAsString(root) + "\n";
    }

    private static Map<String, Object> unit(State st) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("leader", st.leader());
        u.put("model", Map.of("name", st.modelName(), "uuid", st.modelUuid()));
        u.put("plannedUnits", st.plannedUnits());
        u.put("config", new TreeMap<>(st.config()));
        u.put("stored", new TreeMap<>(st.stored()));
        u.put("unitStatus", status(st.unitStatus()));
        u.put("appStatus", status(st.appStatus()));
        u.put("workloadVersion", st.workloadVersion());
        u.put("openedPorts", st.openedPorts().stream().map(Port::toString).sorted().toList());
        List<Object> relations = new ArrayList<>();
        st.relations().stream().sorted(java.util.Comparator.comparingInt(RelationState::id)).forEach(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoint", r.endpoint());
            m.put("id", r.id());
            m.put("remoteApp", r.remoteApp());
            m.put("localAppData", new TreeMap<>(r.localAppData()));
            m.put("localUnitData", new TreeMap<>(r.localUnitData()));
            m.put("remoteAppData", new TreeMap<>(r.remoteAppData()));
            Map<String, Object> units = new TreeMap<>();
            r.remoteUnitsData().forEach((unit, d) -> units.put(unit, new TreeMap<>(d)));
            m.put("remoteUnitsData", units);
            relations.add(m);
        });
        u.put("relations", relations);
        List<Object> secrets = new ArrayList<>();
        st.secrets().stream().sorted(java.util.Comparator.comparing(SecretState::id)).forEach(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("label", s.label().orElse(null));
            m.put("owner", s.owner().orElse(null));
            m.put("revision", s.revision());
            m.put("content", new TreeMap<>(s.content()));
            m.put("latestContent", new TreeMap<>(s.latestContent()));
            m.put("description", s.description().orElse(null));
            m.put("grantedTo", new TreeSet<>(s.grantedTo()));
            m.put("hidden", s.hidden());
            secrets.add(m);
        });
        u.put("secrets", secrets);
        List<Object> containers = new ArrayList<>();
        st.containers().stream().sorted(java.util.Comparator.comparing(ContainerState::name)).forEach(c0 -> {
            ContainerState c = c0.plan().isPresent() ? c0.carriedOver() : c0;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("canConnect", c.canConnect());
            Map<String, Object> layers = new LinkedHashMap<>();
            c.layers().forEach((label, layer) -> layers.put(label, layer.toYaml()));
            m.put("layers", layers);
            m.put("running", new TreeSet<>(c.running()));
            m.put("files", new TreeMap<>(c.files()));
            List<Object> execs = new ArrayList<>();
            c.execs().forEach((argv, reply) -> execs.add(Map.of("argv", argv, "exitCode", reply.exitCode(),
                    "stdout", new String(reply.stdout(), StandardCharsets.UTF_8),
                    "stderr", new String(reply.stderr(), StandardCharsets.UTF_8))));
            m.put("execs", execs);
            containers.add(m);
        });
        u.put("containers", containers);
        return u;
    }

    private static Map<String, String> status(Status s) {
        return Map.of("name", s.name(), "message", s.message());
    }

    @SuppressWarnings("unchecked")
    static Snapshot read(String text, String where) {
        Map<String, Object> root;
        try {
            root = JSON.readValue(text, Map.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + " is not a snapshot's JSON (" + e.getMessage() + "): recapture it", e);
        }
        Object format = root.get("format");
        if (!Integer.valueOf(FORMAT).equals(format)) {
            throw new IllegalArgumentException(where + " has snapshot format " + format + ", this lib/testing reads "
                    + FORMAT + ": convert it or recapture it with the command in its \"recapture\" field");
        }
        Map<String, Object> u = (Map<String, Object>) root.get("unit");
        Map<String, Object> model = (Map<String, Object>) u.get("model");
        List<RelationState> relations = new ArrayList<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) u.get("relations")) {
            Map<String, Map<String, String>> units = new LinkedHashMap<>();
            ((Map<String, Map<String, String>>) r.get("remoteUnitsData")).forEach(units::put);
            relations.add(new RelationState((String) r.get("endpoint"), (Integer) r.get("id"), (String) r.get("remoteApp"),
                    strings(r.get("localAppData")), strings(r.get("localUnitData")), strings(r.get("remoteAppData")), units));
        }
        List<SecretState> secrets = new ArrayList<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) u.get("secrets")) {
            Set<Integer> granted = new TreeSet<>((List<Integer>) s.get("grantedTo"));
            secrets.add(new SecretState((String) s.get("id"), Optional.ofNullable((String) s.get("label")),
                    Optional.ofNullable((String) s.get("owner")), strings(s.get("content")), strings(s.get("latestContent")),
                    (Integer) s.get("revision"), Optional.ofNullable((String) s.get("description")), granted,
                    (Boolean) s.get("hidden")));
        }
        List<ContainerState> containers = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) u.get("containers")) {
            String name = (String) c.get("name");
            ContainerState cs = (Boolean) c.get("canConnect") ? ContainerState.reachable(name) : ContainerState.unreachable(name);
            for (Map.Entry<String, Object> l : ((Map<String, Object>) c.get("layers")).entrySet()) {
                cs = cs.withLayer(l.getKey(), Layer.parse((String) l.getValue()));
            }
            for (Map.Entry<String, String> f : strings(c.get("files")).entrySet()) {
                cs = cs.withFile(f.getKey(), f.getValue());
            }
            for (Map<String, Object> e : (List<Map<String, Object>>) c.get("execs")) {
                cs = cs.withExec((List<String>) e.get("argv"), ExecReply.of((Integer) e.get("exitCode"),
                        (String) e.get("stdout"), (String) e.get("stderr")));
            }
            cs = cs.withRunning(((List<String>) c.get("running")).toArray(String[]::new));
            containers.add(cs);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        // JSON has one number type; the charm's int options arrive as Long, as Juju's config-get gives them.
        ((Map<String, Object>) u.get("config")).forEach((k, v) -> config.put(k, v instanceof Integer i ? Long.valueOf(i) : v));
        Set<Port> ports = new java.util.HashSet<>();
        ((List<String>) u.get("openedPorts")).forEach(p -> ports.add(Port.parse(p)));
        State state = new State((Boolean) u.get("leader"), config, relations, secrets, strings(u.get("stored")), Map.of(),
                containers, (String) model.get("name"), (String) model.get("uuid"), status(u.get("unitStatus")),
                status(u.get("appStatus")), (String) u.get("workloadVersion"), ports, (Integer) u.get("plannedUnits"),
                Map.of(), List.of(), Map.of(), Optional.empty(), List.of());
        Map<String, String> cluster = new TreeMap<>();
        ((Map<String, Object>) root.get("cluster")).forEach((k, v) -> cluster.put(k, COMPACT.writeValueAsString(v)));
        return new Snapshot((String) root.get("charm"), (String) root.get("revision"), (String) root.get("scenario"), state,
                cluster, (List<String>) root.get("userObjects"), strings(root.get("machine")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> strings(Object o) {
        return new LinkedHashMap<>((Map<String, String>) o);
    }

    @SuppressWarnings("unchecked")
    private static Status status(Object o) {
        Map<String, String> m = (Map<String, String>) o;
        return Status.of(m.get("name"), m.get("message"));
    }
}
