package io.jcharm.bundle;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.yaml.GoFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Juju's bundle verifier (juju/charm v12 {@code bundledata.go} verifyBundle), check for check and
 * in Juju's order, with Juju's texts: bundle type and machines, SAAS, machines, applications and
 * placement, relations (with endpoint inference when charms are given), options, bindings, unused
 * machines. Every error is reported.
 *
 * <pre>{@code
 * List<Problem> problems = new BundleVerifier(bundle, sources, bundleDir, Optional.of(charms)).verify();
 * }</pre>
 */
public final class BundleVerifier {
    private final BundleData bd;
    private final SourceMap where;
    private final Path bundleDir;
    private final Optional<Map<String, CharmMetadata>> charms;
    private final Map<String, CharmResolution> resolutions;
    private final List<Problem> out = new ArrayList<>();
    private final Map<String, Integer> machineRefs = new LinkedHashMap<>();
    private Map<String, MachineSpec> machines;
    private boolean baseDocument;
    /** Checks only the controller makes with charm metadata; Juju's client never runs them. */
    private static final java.util.Set<String> CHARM_AWARE = java.util.Set.of("A17", "A18", "L6", "L8", "L9", "L10", "O1", "O2", "E1");

    /**
     * @param resolutions application name to what the charm lookup found, when the charm-aware
     *                    checks should run; empty for Juju's client-side checks only
     */
    public BundleVerifier(BundleData bd, SourceMap where, Path bundleDir, Optional<Map<String, CharmResolution>> resolutions) {
        this.bd = bd;
        this.where = where;
        this.bundleDir = bundleDir;
        this.resolutions = resolutions.orElse(Map.of());
        this.charms = resolutions.map(rs -> {
            Map<String, CharmMetadata> m = new LinkedHashMap<>();
            rs.forEach((app, r) -> {
                if (r instanceof CharmResolution.Found f) {
                    m.put(app, f.metadata());
                }
            });
            return m;
        });
    }

    /**
     * Verify as {@code juju deploy} verifies the bundle file's first document on its own, which
     * also refuses {@code image-id} constraints.
     */
    public BundleVerifier baseDocument() {
        this.baseDocument = true;
        return this;
    }

    /** The metadata of each application's charm that was found (empty without charm-aware checks). */
    public Map<String, CharmMetadata> charms() {
        return charms.orElse(Map.of());
    }

    public List<Problem> verify() {
        machines = bd.machines();
        if (!bd.type().isEmpty() && !bd.isKubernetes()) {
            err("B1", "bundle has an invalid type " + GoFormat.quote(bd.type()), "set `bundle: kubernetes`, or remove the key for a machine bundle", "bundle");
        }
        if (bd.isKubernetes()) {
            if (!bd.machines().isEmpty()) {
                err("B2", "bundle machines not valid for Kubernetes bundles", "remove the machines section", "machines");
            }
            machines = Map.of();
        }
        machines.keySet().forEach(id -> machineRefs.put(id, 0));
        if (!bd.series().isEmpty() && !Grammar.SERIES.matcher(bd.series()).matches()) {
            err("B3", "bundle declares an invalid series " + GoFormat.quote(bd.series()), "use a series such as jammy, or default-base", "series");
        }
        if (!bd.defaultBase().isEmpty() && !Grammar.isValidBase(bd.defaultBase())) {
            err("B4", "bundle declares an invalid base " + GoFormat.quote(bd.defaultBase()), "write a base as <os>@<channel>, e.g. ubuntu@22.04", "default-base");
        }
        verifySaas();
        verifyMachines();
        verifyApplications();
        new RelationVerifier(bd, where, charms, out).verify();
        machineRefs.forEach((id, count) -> {
            if (count == 0) {
                err("M5", "machine " + GoFormat.quote(id) + " is not referred to by a placement directive",
                        "place a unit on it with `to: [\"" + id + "\"]`, or remove the machine", "machines", id);
            }
        });
        seriesMatchesBase();
        return out;
    }

    /**
     * Juju's client (verifyMixedSeriesBasesMatch) reports the first series that does not match
     * its base ahead of the other errors, but only when there are other errors: alone, Juju's
     * verifyBundle returns nil and drops it.
     */
    private void seriesMatchesBase() {
        List<Problem> mismatches = new ArrayList<>();
        mismatch(mismatches, bd.series(), bd.defaultBase(), "bundle", List.of("series"));
        machines.forEach((id, m) -> {
            if (m != null) {
                mismatch(mismatches, m.series(), m.base(), "machine " + GoFormat.quote(id), List.of("machines", id, "series"));
            }
        });
        bd.applications().forEach((name, app) -> {
            if (app != null) {
                mismatch(mismatches, app.series(), app.base(), "application " + GoFormat.quote(name),
                        List.of("applications", name, "series"));
            }
        });
        if (mismatches.isEmpty()) {
            return;
        }
        Problem first = mismatches.get(0);
        boolean others = out.stream().anyMatch(p -> p.isError() && !CHARM_AWARE.contains(p.check()));
        if (others) {
            out.add(0, first);
        } else {
            out.add(Problem.warning(first.check(), first.message(), first.location(), "juju deploy lets this through only"
                    + " because no other error was found (its verifyBundle drops it then); " + first.hint()));
        }
    }

    private void mismatch(List<Problem> found, String series, String base, String owner, List<String> path) {
        if (series.isEmpty() || base.isEmpty()) {
            return;
        }
        Grammar.seriesOfBase(base).filter(s -> !s.equals(series)).ifPresent(s -> found.add(Problem.error("B5",
                owner + " series " + GoFormat.quote(series) + " and base " + GoFormat.quote(base) + " must match if both supplied",
                where.locate(path), "remove series (deprecated) or make it " + GoFormat.quote(s))));
    }

    private void verifySaas() {
        bd.saas().forEach((name, saas) -> {
            if (bd.applications().containsKey(name)) {
                err("S1", "application " + GoFormat.quote(name) + " already exists with SAAS " + GoFormat.quote(name) + " name",
                        "rename the application or the SAAS entry", "saas", name);
            }
            if (!Grammar.APP.matcher(name).matches()) {
                err("S2", "invalid SAAS name " + GoFormat.quote(name) + " found", "use lower-case letters, digits and dashes", "saas", name);
            }
            if (saas != null && !saas.url().isEmpty() && !Grammar.isValidOfferUrl(saas.url())) {
                err("S3", "invalid offer URL " + GoFormat.quote(saas.url()) + " for SAAS " + name,
                        "write the offer as [<controller>:][<user>/]<model>.<application>", "saas", name, "url");
            }
        });
    }

    private void verifyMachines() {
        machines.forEach((id, m) -> {
            if (!Grammar.MACHINE_ID.matcher(id).matches()) {
                err("M1", "invalid machine id " + GoFormat.quote(id) + " found in machines", "machine ids are numbers: \"0\", \"1\", ...", "machines", id);
            }
            if (m == null) {
                return;
            }
            if (!m.constraints().isEmpty()) {
                constraintsError(m.constraints()).ifPresent(e -> err("M2", "invalid constraints " + GoFormat.quote(m.constraints())
                        + " in machine " + GoFormat.quote(id) + ": " + e, "fix the constraint (key=value, e.g. mem=4G cores=2)", "machines", id, "constraints"));
            }
            if (!m.series().isEmpty() && !Grammar.SERIES.matcher(m.series()).matches()) {
                err("M3", "invalid series " + GoFormat.quote(m.series()) + " for machine " + GoFormat.quote(id), "use a series such as jammy", "machines", id, "series");
            }
            if (!m.base().isEmpty() && !Grammar.isValidBase(m.base())) {
                err("M4", "invalid base " + GoFormat.quote(m.base()) + " for machine " + GoFormat.quote(id), "write a base as <os>@<channel>, e.g. ubuntu@22.04", "machines", id, "base");
            }
        });
    }

    private void verifyApplications() {
        if (bd.applications().isEmpty()) {
            err("A0", "at least one application must be specified", "add an applications: section", "applications");
            return;
        }
        bd.applications().forEach((name, app) -> {
            if (app == null) {
                err("A1", "bundle application for key " + GoFormat.quote(name) + " is undefined", "give the application a charm, or remove the key", "applications", name);
                return;
            }
            verifyApplication(name, app);
        });
    }

    private void verifyApplication(String name, ApplicationSpec app) {
        if (app.charm().isEmpty()) {
            err("A2", "empty charm path", "set charm: for application \"" + name + "\"", "applications", name);
        }
        if (bd.saas().containsKey(name)) {
            err("A3", "SAAS " + GoFormat.quote(name) + " already exists with application " + GoFormat.quote(name) + " name", "rename one of them", "applications", name);
        }
        Optional<CharmUrl> url = Optional.empty();
        if (app.charm().startsWith(".") || Path.of(app.charm()).isAbsolute()) {
            Path p = Path.of(app.charm()).isAbsolute() ? Path.of(app.charm()) : bundleDir.resolve(app.charm()).normalize();
            if (!Files.exists(p)) {
                err("A4", "charm path in application " + GoFormat.quote(name) + " does not exist: " + p,
                        "fix the path (relative to the bundle file), or build the charm", "applications", name, "charm");
            } else if (!Files.isReadable(p)) {
                err("A4", "invalid charm path in application " + GoFormat.quote(name) + ": permission denied", "make it readable", "applications", name, "charm");
            }
        } else {
            // An empty charm is parsed too: Juju then adds the URL parser's error to "empty charm path".
            CharmUrl.Parsed parsed = Grammar.parseCharmUrl(app.charm());
            parsed.error().ifPresent(e -> err("A5", "invalid charm URL in application " + GoFormat.quote(name) + ": " + e,
                    "name a Charmhub charm (e.g. mysql-k8s) or a local path starting with ./", "applications", name, "charm"));
            url = parsed.url();
        }
        if (url.isPresent()) {
            CharmUrl u = url.get();
            if (u.schema().equals("ch") && u.revision() != -1) {
                err("A6", "cannot specify revision in " + GoFormat.quote(u.toString()) + ", please use revision",
                        "drop -" + u.revision() + " from the charm name and add `revision: " + u.revision() + "` with a channel", "applications", name, "charm");
            }
            if (app.revision().isPresent()) {
                if (u.schema().equals("ch") && app.channel().isEmpty()) {
                    err("A7", "application " + GoFormat.quote(name) + " with a revision requires a channel for future upgrades, please use channel",
                            "add channel: (e.g. 8.0/stable)", "applications", name, "revision");
                }
                if (app.revision().get() < 0) {
                    err("A8", "the revision for application " + GoFormat.quote(name) + " must be zero or greater", "use a revision >= 0", "applications", name, "revision");
                }
            }
            if (!u.series().isEmpty() && !app.series().isEmpty() && !u.series().equals(app.series())) {
                err("A9", "the charm URL for application " + GoFormat.quote(name) + " has a series which does not match, please remove the series from the URL",
                        "remove the series from the charm URL", "applications", name, "charm");
            }
        }
        if (!app.series().isEmpty() && !Grammar.SERIES.matcher(app.series()).matches()) {
            err("A10", "application " + GoFormat.quote(name) + " declares an invalid series " + GoFormat.quote(app.series()), "use a series such as jammy", "applications", name, "series");
        }
        if (!app.base().isEmpty() && !Grammar.isValidBase(app.base())) {
            err("A11", "application " + GoFormat.quote(name) + " declares an invalid base " + GoFormat.quote(app.base()), "write a base as <os>@<channel>, e.g. ubuntu@22.04", "applications", name, "base");
        }
        constraintsError(app.constraints()).ifPresent(e -> err("A12", "invalid constraints " + GoFormat.quote(app.constraints())
                + " in application " + GoFormat.quote(name) + ": " + e, "fix the constraint (key=value, e.g. mem=2G)", "applications", name, "constraints"));
        app.storage().forEach((s, directive) -> {
            if (!Grammar.STORAGE_NAME.matcher(s).matches()) {
                err("A13", "invalid storage name " + GoFormat.quote(s) + " in application " + GoFormat.quote(name), "storage names use lower-case letters, digits and dashes", "applications", name, "storage", s);
            }
            Grammar.storageError(directive).ifPresent(e -> err("A14", "invalid storage " + GoFormat.quote(s) + " in application " + GoFormat.quote(name) + ": " + e,
                    "write pool, size and count separated by commas, e.g. 10G or rootfs,2,10G", "applications", name, "storage", s));
        });
        app.devices().forEach((d, spec) -> {
            if (!Grammar.DEVICE_NAME.matcher(d).matches()) {
                err("A15", "invalid device name " + GoFormat.quote(d) + " in application " + GoFormat.quote(name), "device names use lower-case letters, digits and dashes", "applications", name, "devices", d);
            }
            Grammar.deviceError(spec).ifPresent(e -> err("A15", "invalid device " + GoFormat.quote(d) + " in application " + GoFormat.quote(name) + ": " + e,
                    "write [<count>,]<device-class>[,<attributes>]", "applications", name, "devices", d));
        });
        app.offers().forEach((offer, spec) -> {
            if (!Grammar.APP.matcher(offer).matches()) {
                err("A16", "invalid offer name " + GoFormat.quote(offer) + " in application " + GoFormat.quote(name), "offer names follow application-name rules", "applications", name, "offers", offer);
            }
            for (String ep : spec.endpoints()) {
                if (!Grammar.REL.matcher(ep).matches()) {
                    err("A16", "invalid endpoint name " + GoFormat.quote(ep) + " for offer " + GoFormat.quote(offer) + " in application " + GoFormat.quote(name),
                            "name an endpoint of the charm", "applications", name, "offers", offer);
                }
            }
        });
        if (resolutions.get(name) instanceof CharmResolution.Missing miss) {
            if (miss.error()) {
                err("A18", "application " + GoFormat.quote(name) + " refers to non-existent charm " + GoFormat.quote(app.charm()),
                        miss.message() + "; " + miss.hint(), "applications", name, "charm");
            } else if (!miss.message().isEmpty()) {
                out.add(Problem.warning("A18", miss.message() + " (application " + GoFormat.quote(name) + ")",
                        where.locate("applications", name, "charm"), miss.hint()));
            }
        }
        if (resolutions.get(name) instanceof CharmResolution.Found found) {
            found.warning().ifPresent(w -> out.add(Problem.warning("A18", w + " (application " + GoFormat.quote(name) + ")",
                    where.locate("applications", name, "channel"), "add a snapshot of that track with `jcharm charmhub import"
                            + " <the charm's source dir> --channel " + (app.channel().isEmpty() ? "<track>/stable" : app.channel()) + "`")));
        }
        charms.ifPresent(cs -> {
            CharmMetadata meta = cs.get(name);
            if (meta != null && meta.subordinate()) {
                if (!app.to().isEmpty()) {
                    err("A17", "application " + GoFormat.quote(name) + " is subordinate but specifies unit placement",
                            "remove to:/placement: a subordinate runs beside its principal's units", "applications", name, "to");
                }
                if (app.numUnits() > 0) {
                    err("A17", "application " + GoFormat.quote(name) + " is subordinate but has non-zero num_units",
                            "remove num_units/scale: a subordinate gets one unit per related principal unit", "applications", name, "num_units");
                }
            }
        });
        app.resources().forEach((r, rev) -> {
            if (r.isEmpty()) {
                err("A19", "missing resource name on application " + GoFormat.quote(name), "give each resource its name", "applications", name, "resources");
            }
            if (!(rev instanceof Long || rev instanceof String)) {
                err("A20", "resource revision " + GoFormat.quote(name) + " is not int or string",
                        "give a revision number or a path/image string for resource \"" + r + "\"", "applications", name, "resources", r);
            }
        });
        if (app.numUnits() < 0) {
            err("A21", "negative number of units specified on application " + GoFormat.quote(name), "use 0 or more units", "applications", name, "num_units");
        }
        if (bd.isKubernetes()) {
            verifyKubernetesPlacement(name, app.to());
        } else {
            verifyPlacement(name, app.numUnits(), app.to());
        }
        if (!app.exposedEndpoints().isEmpty()) {
            if (app.expose()) {
                err("X1", "exposed-endpoints cannot be specified together with \"exposed:true\" in application " + GoFormat.quote(name)
                        + " as this poses a security risk when deploying bundles to older controllers", "remove expose: true", "applications", name, "expose");
            } else {
                app.exposedEndpoints().forEach((ep, spec) -> spec.exposeToCidrs().forEach(cidr -> {
                    if (!Grammar.isValidCidr(cidr)) {
                        err("X2", "invalid CIDR " + GoFormat.quote(cidr) + " for expose to CIDRs field for endpoint " + GoFormat.quote(ep)
                                + " in application " + GoFormat.quote(name), "write a CIDR such as 10.0.0.0/8", "applications", name, "exposed-endpoints", ep);
                    }
                }));
            }
        }
    }

    /** The base document's constraint parser also refuses image-id (juju deploy's verifyBaseBundle). */
    private Optional<String> constraintsError(String constraints) {
        Optional<String> e = Grammar.constraintsError(constraints);
        if (e.isEmpty() && baseDocument && Grammar.hasImageId(constraints)) {
            return Optional.of("'image-id' constraint in a base bundle not supported");
        }
        return e;
    }

    private void verifyPlacement(String name, long numUnits, List<String> to) {
        if (numUnits >= 0 && to.size() > numUnits) {
            err("P1", "too many units specified in unit placement for application " + GoFormat.quote(name),
                    "give num_units at least as many as the to: entries", "applications", name, "to");
        }
        for (String p : to) {
            Optional<Grammar.Placement> up = Grammar.parsePlacement(p);
            if (up.isEmpty()) {
                err("P2", "invalid placement syntax " + GoFormat.quote(p), "write [<container>:](<machine>|<app>[/<unit>]|new)", "applications", name, "to");
                continue;
            }
            Grammar.Placement pl = up.get();
            if (!pl.application().isEmpty()) {
                ApplicationSpec target = bd.applications().get(pl.application());
                if (!bd.applications().containsKey(pl.application())) {
                    err("P3", "placement " + GoFormat.quote(p) + " refers to an application not defined in this bundle", "place on an application of this bundle", "applications", name, "to");
                    continue;
                }
                long units = target == null ? 0 : target.numUnits();
                if (pl.unit() >= 0 && pl.unit() >= units) {
                    err("P4", "placement " + GoFormat.quote(p) + " specifies a unit greater than the " + units
                            + " unit(s) started by the target application", "give the target more units or place on a lower unit", "applications", name, "to");
                }
            } else if (!pl.machine().equals("new")) {
                if (!machines.containsKey(pl.machine())) {
                    err("P5", "placement " + GoFormat.quote(p) + " refers to a machine not defined in this bundle", "declare the machine under machines:", "applications", name, "to");
                    continue;
                }
                machineRefs.merge(pl.machine(), 1, Integer::sum);
            }
        }
    }

    private void verifyKubernetesPlacement(String name, List<String> to) {
        if (to.size() > 1) {
            err("K1", "too many placement directives for application " + GoFormat.quote(name), "a Kubernetes application takes one placement (k=v node selector)", "applications", name, "to");
            return;
        }
        if (to.size() == 1) {
            Grammar.keyValuesError(to.get(0)).ifPresent(e -> err("K2", e + " for application " + GoFormat.quote(name),
                    "write the placement as key=value[,key=value]", "applications", name, "to"));
        }
    }

    private void err(String check, String message, String hint, String... path) {
        out.add(Problem.error(check, message, where.locate(path), hint));
    }
}
