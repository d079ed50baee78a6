package io.jcharm.bundle;

import io.jcharm.bundle.Grammar.EndpointSpec;
import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.Endpoint;
import io.jcharm.core.meta.Role;
import io.jcharm.yaml.GoFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Endpoint inference exactly as Juju does it (juju/juju {@code state/state.go} InferEndpoints):
 * candidates on each side are the named endpoint or all provides + requires + the implicit
 * juju-info provider; a pair needs the same interface and provider↔requirer roles; with several
 * pairs, those using the implicit juju-info are dropped; if still not one, the error lists every
 * candidate.
 *
 * <pre>{@code
 * Inference r = EndpointInference.infer(new EndpointSpec("seldon-core", ""), new EndpointSpec("istio", ""),
 *         app -> Optional.of(metadata.get(app)), EndpointInference.Style.BUNDLE);
 * }</pre>
 */
public final class EndpointInference {

    /** Which of Juju's two implementations to mirror, for their slightly different messages. */
    public enum Style {
        /** The bundle verifier (charm library): keys sorted by name, no scope filter. */
        BUNDLE,
        /** The controller ({@code juju integrate}): requirer first in keys, container scope needs a subordinate. */
        SERVER
    }

    private EndpointInference() {
    }

    public static Inference infer(EndpointSpec s0, EndpointSpec s1, Function<String, Optional<CharmMetadata>> metadata,
                                  Style style) {
        Optional<CharmMetadata> m0 = metadata.apply(s0.application());
        Optional<CharmMetadata> m1 = metadata.apply(s1.application());
        if (m0.isEmpty() || m1.isEmpty()) {
            String missing = m0.isEmpty() ? s0.application() : s1.application();
            return new Inference.Failed("application " + GoFormat.quote(missing) + " not found");
        }
        if (style == Style.SERVER) {
            for (var side : List.of(new Object[] {s0, m0.get()}, new Object[] {s1, m1.get()})) {
                EndpointSpec s = (EndpointSpec) side[0];
                CharmMetadata m = (CharmMetadata) side[1];
                if (!s.relation().isEmpty() && possible(s, m).isEmpty()) {
                    return new Inference.Failed("application " + GoFormat.quote(s.application()) + " has no "
                            + GoFormat.quote(s.relation()) + " relation");
                }
            }
        }
        List<EndpointRef[]> candidates = new ArrayList<>();
        for (EndpointRef e0 : possible(s0, m0.get())) {
            for (EndpointRef e1 : possible(s1, m1.get())) {
                if (canRelate(e0, e1) && (style == Style.BUNDLE || scopeOk(e0, e1, m0.get(), m1.get()))) {
                    candidates.add(new EndpointRef[] {e0, e1});
                }
            }
        }
        if (candidates.isEmpty()) {
            return new Inference.Failed("no relations found");
        }
        if (candidates.size() == 1) {
            return new Inference.Inferred(candidates.get(0)[0], candidates.get(0)[1]);
        }
        List<EndpointRef[]> explicit = candidates.stream().filter(c -> !c[0].isImplicit() && !c[1].isImplicit()).toList();
        if (explicit.size() == 1) {
            return new Inference.Inferred(explicit.get(0)[0], explicit.get(0)[1]);
        }
        List<String> keys = new ArrayList<>();
        for (EndpointRef[] c : candidates) {
            keys.add(GoFormat.quote(style == Style.BUNDLE ? bundleKey(c) : serverKey(c)));
        }
        keys.sort(null);
        String spec = s0 + " " + s1;
        return new Inference.Failed("ambiguous relation: " + (style == Style.BUNDLE ? spec : GoFormat.quote(spec))
                + " could refer to " + String.join("; ", keys));
    }

    /** The endpoints a spec could mean: provides, requires (never peers) and the implicit juju-info. */
    static List<EndpointRef> possible(EndpointSpec spec, CharmMetadata meta) {
        List<EndpointRef> out = new ArrayList<>();
        List<Endpoint> all = new ArrayList<>();
        meta.endpoints(Role.PROVIDER).forEach(all::add);
        meta.endpoints(Role.REQUIRER).forEach(all::add);
        all.add(EndpointRef.jujuInfo());
        for (Endpoint e : all) {
            if (spec.relation().isEmpty() || spec.relation().equals(e.name())) {
                out.add(new EndpointRef(spec.application(), e));
            }
        }
        return out;
    }

    static boolean canRelate(EndpointRef a, EndpointRef b) {
        Role ra = a.endpoint().role();
        Role rb = b.endpoint().role();
        return !a.application().equals(b.application())
                && a.endpoint().interfaceName().equals(b.endpoint().interfaceName())
                && ra != Role.PEER
                && (ra == Role.PROVIDER && rb == Role.REQUIRER || ra == Role.REQUIRER && rb == Role.PROVIDER);
    }

    private static boolean scopeOk(EndpointRef a, EndpointRef b, CharmMetadata ma, CharmMetadata mb) {
        boolean container = a.endpoint().containerScoped() || b.endpoint().containerScoped();
        return !container || ma.subordinate() || mb.subordinate();
    }

    private static String bundleKey(EndpointRef[] c) {
        List<String> names = new ArrayList<>(List.of(c[0].toString(), c[1].toString()));
        names.sort(null);
        return String.join(" ", names);
    }

    /** The controller orders a relation's endpoints requirer first, then provider. */
    private static String serverKey(EndpointRef[] c) {
        EndpointRef a = c[0];
        EndpointRef b = c[1];
        boolean swap = a.endpoint().role() == Role.PROVIDER && b.endpoint().role() == Role.REQUIRER;
        return swap ? b + " " + a : a + " " + b;
    }
}
