package io.jcharm.controller;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.ObjectMapper;

/**
 * Juju secrets: ids, who may see what (owner, or a consumer granted over a relation), tracked
 * revisions and labels, and how a hook's secret changes apply.
 *
 * <pre>{@code
 * String id = Secrets.newId(random);                       // secret:9m4e2mr0ui3e8a215n4g
 * Map<String, Secret> view = Secrets.view(model, run.secretOps, json);
 * }</pre>
 */
public final class Secrets {
    private static final String XID_CHARS = "0123456789abcdefghijklmnopqrstuv";

    private Secrets() {
    }

    /** A new id in Juju's form: {@code secret:} and a 20-character xid. */
    public static String newId(SecureRandom random) {
        StringBuilder sb = new StringBuilder("secret:");
        for (int i = 0; i < 20; i++) {
            sb.append(XID_CHARS.charAt(random.nextInt(XID_CHARS.length())));
        }
        return sb.toString();
    }

    /** {@code secret://<model-uuid>/<xid>}, {@code secret:<xid>} or a bare xid, as {@code secret:<xid>}. */
    public static String canonical(String id) {
        String t = id.trim();
        if (t.startsWith("secret://")) {
            t = t.substring(t.lastIndexOf('/') + 1);
        } else if (t.startsWith("secret:")) {
            t = t.substring("secret:".length());
        }
        return "secret:" + t;
    }

    public static String xid(String id) {
        return canonical(id).substring("secret:".length());
    }

    /** The committed secrets with a hook's pending changes applied, on copies. */
    static Map<String, Secret> view(ModelState<?> doc, List<SecretOp> pending, ObjectMapper json) {
        Map<String, Secret> copy = new TreeMap<>();
        doc.secrets.forEach((k, s) -> copy.put(k, json.convertValue(s, Secret.class)));
        for (SecretOp op : pending) {
            apply(copy, op);
        }
        return copy;
    }

    /** Whether {@code unit} owns the secret (its application's, or its own). */
    public static boolean owns(Secret s, String unit) {
        String app = unit.substring(0, unit.indexOf('/'));
        return s.unitOwned ? s.owner.equals(unit) : s.owner.equals(app);
    }

    /** Whether {@code unit} was granted the secret. */
    public static boolean granted(Secret s, String unit) {
        String app = unit.substring(0, unit.indexOf('/'));
        return s.grants.stream().anyMatch(g -> g.app().equals(app) && (g.unit() == null || g.unit().equals(unit)));
    }

    /** The secret a unit calls {@code label}: its owner label, or its own consumer label. */
    static Optional<Secret> byLabel(Map<String, Secret> secrets, String unit, String label) {
        for (Secret s : secrets.values()) {
            if (owns(s, unit) && label.equals(s.label)) {
                return Optional.of(s);
            }
            ConsumerDoc c = s.consumers.get(unit);
            if (c != null && label.equals(c.label())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Applies one change.
     *
     * @return the consumers (unit names) that should hear of a new revision (secret-changed)
     */
    static List<String> apply(Map<String, Secret> secrets, SecretOp op) {
        List<String> notify = new ArrayList<>();
        Secret s = secrets.get(op.id());
        if (op instanceof SecretOp.Add a) {
            Secret n = new Secret();
            n.id = a.id();
            n.owner = a.owner();
            n.unitOwned = a.unitOwned();
            n.revisions.put(1, new LinkedHashMap<>(a.content()));
            n.label = a.label().orElse(null);
            n.description = a.description().orElse(null);
            n.expire = a.expire().orElse(null);
            n.rotate = a.rotate().orElse(null);
            secrets.put(n.id, n);
        } else if (s == null) {
            return notify; // removed meanwhile: nothing to change
        } else if (op instanceof SecretOp.Update u) {
            u.label().ifPresent(l -> s.label = l);
            u.description().ifPresent(d -> s.description = d);
            u.expire().ifPresent(e -> s.expire = e);
            u.rotate().ifPresent(r -> s.rotate = r);
            if (u.content().isPresent() && !u.content().get().equals(s.revisions.get(s.latest()))) {
                s.revisions.put(s.latest() + 1, new LinkedHashMap<>(u.content().get()));
                s.consumers.forEach((unit, c) -> {
                    if (c.revision() < s.latest()) {
                        notify.add(unit);
                    }
                });
            }
        } else if (op instanceof SecretOp.Remove r) {
            if (r.revision().isPresent()) {
                s.revisions.remove(r.revision().get());
                if (s.revisions.isEmpty()) {
                    secrets.remove(s.id);
                }
            } else {
                secrets.remove(s.id);
            }
        } else if (op instanceof SecretOp.Grant g) {
            GrantDoc grant = new GrantDoc(g.relationId(), g.app(), g.unit().orElse(null));
            if (!s.grants.contains(grant)) {
                s.grants.add(grant);
            }
        } else if (op instanceof SecretOp.Revoke r) {
            s.grants.removeIf(g -> r.relationId().map(id -> id == g.relationId()).orElse(true)
                    && r.app().map(a -> a.equals(g.app())).orElse(true)
                    && r.unit().map(u -> u.equals(g.unit())).orElse(true));
        } else if (op instanceof SecretOp.Track t) {
            ConsumerDoc old = s.consumers.get(t.consumer());
            String label = t.label().orElse(old == null ? null : old.label());
            s.consumers.put(t.consumer(), new ConsumerDoc(label, t.revision()));
        }
        return notify;
    }
}
