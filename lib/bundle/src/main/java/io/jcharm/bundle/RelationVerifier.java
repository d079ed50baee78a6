package io.jcharm.bundle;

import io.jcharm.bundle.Grammar.EndpointSpec;
import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.ConfigOption;
import io.jcharm.core.meta.Endpoint;
import io.jcharm.core.meta.Role;
import io.jcharm.yaml.GoFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The second half of Juju's verifier: relations (L1–L10, inferring missing endpoint names when
 * charms are given), options (O1, O2) and bindings (E1).
 */
final class RelationVerifier {
    private final BundleData bd;
    private final SourceMap where;
    private final Optional<Map<String, CharmMetadata>> charms;
    private final List<Problem> out;

    RelationVerifier(BundleData bd, SourceMap where, Optional<Map<String, CharmMetadata>> charms, List<Problem> out) {
        this.bd = bd;
        this.where = where;
        this.charms = charms;
        this.out = out;
    }

    void verify() {
        verifyRelations();
        verifyOptions();
        verifyBindings();
    }

    private void verifyRelations() {
        Set<List<String>> seen = new HashSet<>();
        List<ControllerChecks.Resolved> resolved = new ArrayList<>();
        for (int i = 0; i < bd.relations().size(); i++) {
            List<String> pair = bd.relations().get(i);
            String idx = Integer.toString(i);
            if (pair.size() != 2) {
                err("L1", "relation " + GoFormat.quote(pair) + " has " + pair.size() + " endpoint(s), not 2",
                        "write a relation as a list of two endpoints: [app:endpoint, app:endpoint]", idx);
                continue;
            }
            EndpointSpec[] eps = new EndpointSpec[2];
            boolean parseErr = false;
            for (int k = 0; k < 2; k++) {
                Optional<EndpointSpec> ep = Grammar.parseEndpoint(pair.get(k));
                if (ep.isEmpty()) {
                    err("L2", "invalid relation syntax " + GoFormat.quote(pair.get(k)), "write app or app:endpoint", idx);
                    parseErr = true;
                    continue;
                }
                String app = ep.get().application();
                boolean foundApp = bd.applications().containsKey(app);
                boolean foundSaas = bd.saas().containsKey(app);
                if (!foundApp && !foundSaas) {
                    err("L3", "relation " + GoFormat.quote(pair) + " refers to application " + GoFormat.quote(app) + " not defined in this bundle",
                            "add the application, or remove the relation", idx);
                }
                if (foundApp && foundSaas) {
                    err("L4", "ambiguous relation " + GoFormat.quote(app) + " refers to a application and a SAAS in this bundle", "rename one of them", idx);
                }
                eps[k] = ep.get();
            }
            if (parseErr) {
                continue;
            }
            if (eps[0].application().equals(eps[1].application())) {
                err("L5", "relation " + GoFormat.quote(pair) + " relates an application to itself", "relate two different applications (peers are automatic)", idx);
            }
            EndpointRef[] refs = null;
            if ((eps[0].relation().isEmpty() || eps[1].relation().isEmpty()) && charms.isPresent() && known(eps)) {
                Inference r = EndpointInference.infer(eps[0], eps[1], a -> Optional.ofNullable(charms.get().get(a)),
                        EndpointInference.Style.BUNDLE);
                if (r instanceof Inference.Failed f) {
                    err("L6", "cannot infer endpoint between " + eps[0] + " and " + eps[1] + ": " + f.message(),
                            "name the endpoints explicitly, e.g. [" + eps[0].application() + ":<endpoint>, " + eps[1].application() + ":<endpoint>]", idx);
                } else if (r instanceof Inference.Inferred in) {
                    eps[0] = new EndpointSpec(in.first().application(), in.first().endpoint().name());
                    eps[1] = new EndpointSpec(in.second().application(), in.second().endpoint().name());
                    refs = new EndpointRef[] {in.first(), in.second()};
                }
            }
            List<String> key = new ArrayList<>(List.of(eps[0].toString(), eps[1].toString()));
            boolean swap = eps[1].application().compareTo(eps[0].application()) < 0
                    || eps[1].application().equals(eps[0].application()) && eps[1].relation().compareTo(eps[0].relation()) < 0;
            if (swap) {
                key = List.of(eps[1].toString(), eps[0].toString());
            }
            if (!seen.add(key)) {
                err("L7", "relation " + GoFormat.quote(pair) + " is defined more than once", "remove the duplicate", idx);
            }
            if (charms.isPresent() && !eps[0].relation().isEmpty() && !eps[1].relation().isEmpty()) {
                EndpointSpec a = swap ? eps[1] : eps[0];
                EndpointSpec b = swap ? eps[0] : eps[1];
                verifyRelation(a, b, idx);
            }
            if (refs == null) {
                refs = resolve(eps);
            }
            if (refs != null) {
                resolved.add(new ControllerChecks.Resolved(refs[0], refs[1], idx));
            }
        }
        charms.ifPresent(cs -> new ControllerChecks(bd, where, cs, out).relations(resolved));
    }

    /** Both applications are in the bundle with known charms (SAAS and unknown charms are skipped). */
    private boolean known(EndpointSpec[] eps) {
        return charms.get().containsKey(eps[0].application()) && charms.get().containsKey(eps[1].application());
    }

    private EndpointRef[] resolve(EndpointSpec[] eps) {
        if (charms.isEmpty() || !known(eps) || eps[0].relation().isEmpty() || eps[1].relation().isEmpty()) {
            return null;
        }
        Optional<Endpoint> a = endpoint(charms.get().get(eps[0].application()), eps[0].relation());
        Optional<Endpoint> b = endpoint(charms.get().get(eps[1].application()), eps[1].relation());
        if (a.isEmpty() || b.isEmpty()) {
            return null;
        }
        EndpointRef ra = new EndpointRef(eps[0].application(), a.get());
        EndpointRef rb = new EndpointRef(eps[1].application(), b.get());
        return EndpointInference.canRelate(ra, rb) ? new EndpointRef[] {ra, rb} : null;
    }

    private static Optional<Endpoint> endpoint(CharmMetadata meta, String name) {
        Optional<Endpoint> e = meta.endpoint(name).filter(x -> x.role() != Role.PEER);
        return e.isPresent() || !name.equals("juju-info") ? e : Optional.of(EndpointRef.jujuInfo());
    }

    /** L8–L10: endpoints exist, roles are complementary, interfaces match. */
    private void verifyRelation(EndpointSpec ep0, EndpointSpec ep1, String idx) {
        ApplicationSpec app0 = bd.applications().get(ep0.application());
        ApplicationSpec app1 = bd.applications().get(ep1.application());
        CharmMetadata c0 = charms.get().get(ep0.application());
        CharmMetadata c1 = charms.get().get(ep1.application());
        if (app0 == null || app1 == null || app0 == app1 || c0 == null || c1 == null) {
            return;
        }
        Optional<Endpoint> prov0 = provider(c0, ep0.relation());
        Optional<Endpoint> req0 = c0.endpoint(ep0.relation()).filter(e -> e.role() == Role.REQUIRER);
        if (prov0.isEmpty() && req0.isEmpty()) {
            undefined(app0, ep0, c0, idx);
        }
        Optional<Endpoint> prov1 = provider(c1, ep1.relation());
        Optional<Endpoint> req1 = c1.endpoint(ep1.relation()).filter(e -> e.role() == Role.REQUIRER);
        if (prov1.isEmpty() && req1.isEmpty()) {
            undefined(app1, ep1, c1, idx);
        }
        Endpoint prov;
        Endpoint req;
        EndpointSpec epProv;
        EndpointSpec epReq;
        if (prov0.isPresent() && req1.isPresent()) {
            prov = prov0.get();
            req = req1.get();
            epProv = ep0;
            epReq = ep1;
        } else if (req0.isPresent() && prov1.isPresent()) {
            prov = prov1.get();
            req = req0.get();
            epProv = ep1;
            epReq = ep0;
        } else if (prov0.isPresent() && prov1.isPresent()) {
            err("L9", "relation " + GoFormat.quote(ep0.toString()) + " to " + GoFormat.quote(ep1.toString()) + " relates provider to provider",
                    "relate a provides endpoint to a requires endpoint", idx);
            return;
        } else if (req0.isPresent() && req1.isPresent()) {
            err("L9", "relation " + GoFormat.quote(ep0.toString()) + " to " + GoFormat.quote(ep1.toString()) + " relates requirer to requirer",
                    "relate a requires endpoint to a provides endpoint", idx);
            return;
        } else {
            return;
        }
        if (!prov.interfaceName().equals(req.interfaceName())) {
            err("L10", "mismatched interface between " + GoFormat.quote(epProv.toString()) + " and " + GoFormat.quote(epReq.toString()) + " ("
                    + GoFormat.quote(prov.interfaceName()) + " vs " + GoFormat.quote(req.interfaceName()) + ")",
                    "relate endpoints that speak the same interface", idx);
        }
    }

    private void undefined(ApplicationSpec app, EndpointSpec ep, CharmMetadata meta, String idx) {
        List<String> names = new ArrayList<>();
        meta.endpoints(Role.PROVIDER).forEach(e -> names.add(e.name()));
        meta.endpoints(Role.REQUIRER).forEach(e -> names.add(e.name()));
        boolean peer = meta.endpoint(ep.relation()).map(e -> e.role() == Role.PEER).orElse(false);
        err("L8", "charm " + GoFormat.quote(app.charm()) + " used by application " + GoFormat.quote(ep.application()) + " does not define relation "
                + GoFormat.quote(ep.relation()), (peer ? "\"" + ep.relation() + "\" is a peer endpoint: Juju relates peers itself; " : "")
                + "use one of: " + String.join(", ", names) + ", juju-info", idx);
    }

    private static Optional<Endpoint> provider(CharmMetadata meta, String name) {
        Optional<Endpoint> p = meta.endpoint(name).filter(e -> e.role() == Role.PROVIDER);
        // juju-info is provided implicitly by every charm.
        return p.isPresent() || !name.equals("juju-info") ? p : Optional.of(EndpointRef.jujuInfo());
    }

    private void verifyOptions() {
        if (charms.isEmpty()) {
            return;
        }
        bd.applications().forEach((name, app) -> {
            CharmMetadata meta = charms.get().get(name);
            if (app == null || meta == null) {
                return;
            }
            app.options().forEach((opt, value) -> {
                ConfigOption option = meta.config().get(opt);
                if (option == null) {
                    out.add(Problem.error("O1", "cannot validate application " + GoFormat.quote(name) + ": configuration option "
                            + GoFormat.quote(opt) + " not found in charm " + GoFormat.quote(app.charm()), where.locate("applications", name, "options", opt),
                            "remove the option or fix its name; the charm's options are: " + String.join(", ", meta.config().keySet())));
                    return;
                }
                OptionCheck.error(option, value).ifPresent(e -> out.add(Problem.error("O2", "cannot validate application "
                        + GoFormat.quote(name) + ": " + e, where.locate("applications", name, "options", opt),
                        "give a " + option.type().yamlName() + " (quote strings that look like numbers or booleans)")));
            });
        });
    }

    private void verifyBindings() {
        if (charms.isEmpty()) {
            return;
        }
        bd.applications().forEach((name, app) -> {
            CharmMetadata meta = charms.get().get(name);
            if (app == null || meta == null) {
                return;
            }
            app.bindings().forEach((ep, space) -> {
                // "" is the default space: juju deploy accepts it (only VerifyWithCharms would not).
                if (!ep.isEmpty() && meta.endpoint(ep).isEmpty() && !meta.extraBindings().contains(ep)) {
                    out.add(Problem.error("E1", "application " + GoFormat.quote(name) + " wants to bind endpoint " + GoFormat.quote(ep)
                            + " to space " + GoFormat.quote(space) + ", but the endpoint is not defined by the charm",
                            where.locate("applications", name, "bindings", ep), "bind an endpoint the charm declares (or an extra-binding)"));
                }
            });
        });
    }

    private void err(String check, String message, String hint, String idx) {
        out.add(Problem.error(check, message, where.locate("relations", idx), hint));
    }
}
