package io.jcharm.bundle;

import io.jcharm.core.meta.CharmMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Juju's bundle verifier (reference §4.4), check for check and in Juju's order, with Juju's texts:
 * bundle type and machines, SAAS, machines, applications and placement, relations (with endpoint
 * inference when charms are given), options, bindings, unused machines. Every error is reported.
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

    /** The metadata of each application's charm that was found (empty without charm-aware checks). */
    public Map<String, CharmMetadata> charms() {
        return charms.orElse(Map.of());
    }

    public List<Problem> verify() {
        machines = bd.machines();
        if (!bd.type().isEmpty() && !bd.isKubernetes()) {
            err("B1", "bundle has an invalid type " + Grammar.q(bd.type()), "set `bundle: kubernetes`, or remove the key for a machine bundle", "bundle");
        }
        if (bd.isKubernetes()) {
            if (!bd.machines().isEmpty()) {
                err("B2", "bundle machines not valid for Kubernetes bundles", "remove the machines section", "machines");
            }
            machines = Map.of();
        }
        machines.keySet().forEach(id -> machineRefs.put(id, 0));
        if (!bd.series().isEmpty() && !Grammar.SERIES.matcher(bd.series()).matches()) {
            err("B3", "bundle declares an invalid series " + Grammar.q(bd.series()), "use a series such as jammy, or default-base", "series");
        }
        if (!bd.defaultBase().isEmpty() && !Grammar.isValidBase(bd.defaultBase())) {
            err("B4", "bundle declares an invalid base " + Grammar.q(bd.defaultBase()), "write a base as <os>@<channel>, e.g. ubuntu@22.04", "default-base");
        }
        verifySaas();
        verifyMachines();
        verifyApplications();
        new RelationVerifier(bd, where, charms, out).verify();
        machineRefs.forEach((id, count) -> {
            if (count == 0) {
                err("M5", "machine " + Grammar.q(id) + " is not referred to by a placement directive",
                        "place a unit on it with `to: [\"" + id + "\"]`, or remove the machine", "machines", id);
            }
        });
        return out;
    }

    private void verifySaas() {
        bd.saas().forEach((name, saas) -> {
            if (bd.applications().containsKey(name)) {
                err("S1", "application " + Grammar.q(name) + " already exists with SAAS " + Grammar.q(name) + " name",
                        "rename the application or the SAAS entry", "saas", name);
            }
            if (!Grammar.APP.matcher(name).matches()) {
                err("S2", "invalid SAAS name " + Grammar.q(name) + " found", "use lower-case letters, digits and dashes", "saas", name);
            }
            if (saas != null && !saas.url().isEmpty() && !Grammar.isValidOfferUrl(saas.url())) {
                err("S3", "invalid offer URL " + Grammar.q(saas.url()) + " for SAAS " + name,
                        "write the offer as [<controller>:][<user>/]<model>.<application>", "saas", name, "url");
            }
        });
    }

    private void verifyMachines() {
        machines.forEach((id, m) -> {
            if (!Grammar.MACHINE_ID.matcher(id).matches()) {
                err("M1", "invalid machine id " + Grammar.q(id) + " found in machines", "machine ids are numbers: \"0\", \"1\", ...", "machines", id);
            }
            if (m == null) {
                return;
            }
            if (!m.constraints().isEmpty()) {
                Grammar.constraintsError(m.constraints()).ifPresent(e -> err("M2", "invalid constraints " + Grammar.q(m.constraints())
                        + " in machine " + Grammar.q(id) + ": " + e, "fix the constraint (key=value, e.g. mem=4G cores=2)", "machines", id, "constraints"));
            }
            if (!m.series().isEmpty() && !Grammar.SERIES.matcher(m.series()).matches()) {
                err("M3", "invalid series " + Grammar.q(m.series()) + " for machine " + Grammar.q(id), "use a series such as jammy", "machines", id, "series");
            }
            if (!m.base().isEmpty() && !Grammar.isValidBase(m.base())) {
                err("M4", "invalid base " + Grammar.q(m.base()) + " for machine " + Grammar.q(id), "write a base as <os>@<channel>, e.g. ubuntu@22.04", "machines", id, "base");
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
                err("A1", "bundle application for key " + Grammar.q(name) + " is undefined", "give the application a charm, or remove the key", "applications", name);
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
            err("A3", "SAAS " + Grammar.q(name) + " already exists with application " + Grammar.q(name) + " name", "rename one of them", "applications", name);
        }
        Optional<CharmUrl> url = Optional.empty();
        if (app.charm().startsWith(".") || Path.of(app.charm()).isAbsolute()) {
            Path p = Path.of(app.charm()).isAbsolute() ? Path.of(app.charm()) : bundleDir.resolve(app.charm()).normalize();
            if (!Files.exists(p)) {
                err("A4", "charm path in application " + Grammar.q(name) + " does not exist: " + p,
                        "fix the path (relative to the bundle file), or build the charm", "applications", name, "charm");
            } else if (!Files.isReadable(p)) {
                err("A4", "invalid charm path in application " + Grammar.q(name) + ": permission denied", "make it readable", "applications", name, "charm");
            }
        } else if (!app.charm().isEmpty()) {
            CharmUrl.Parsed parsed = Grammar.parseCharmUrl(app.charm());
            parsed.error().ifPresent(e -> err("A5", "invalid charm URL in application " + Grammar.q(name) + ": " + e,
                    "name a Charmhub charm (e.g. mysql-k8s) or a local path starting with ./", "applications", name, "charm"));
            url = parsed.url();
        }
        if (url.isPresent()) {
            CharmUrl u = url.get();
            if (u.schema().equals("ch") && u.revision() != -1) {
                err("A6", "cannot specify revision in " + Grammar.q(u.toString()) + ", please use revision",
                        "drop -" + u.revision() + " from the charm name and add `revision: " + u.revision() + "` with a channel", "applications", name, "charm");
            }
            if (app.revision().isPresent()) {
                if (u.schema().equals("ch") && app.channel().isEmpty()) {
                    err("A7", "application " + Grammar.q(name) + " with a revision requires a channel for future upgrades, please use channel",
                            "add channel: (e.g. 8.0/stable)", "applications", name, "revision");
                }
                if (app.revision().get() < 0) {
                    err("A8", "the revision for application " + Grammar.q(name) + " must be zero or greater", "use a revision >= 0", "applications", name, "revision");
                }
            }
            if (!u.series().isEmpty() && !app.series().isEmpty() && !u.series().equals(app.series())) {
                err("A9", "the charm URL for application " + Grammar.q(name) + " has a series which does not match, please remove the series from the URL",
                        "remove the series from the charm URL", "applications", name, "charm");
            }
        }
        if (!app.series().isEmpty() && !Grammar.SERIES.matcher(app.series()).matches()) {
            err("A10", "application " + Grammar.q(name) + " declares an invalid series " + Grammar.q(app.series()), "use a series such as jammy", "applications", name, "series");
        }
        if (!app.base().isEmpty() && !Grammar.isValidBase(app.base())) {
            err("A11", "application " + Grammar.q(name) + " declares an invalid base " + Grammar.q(app.base()), "write a base as <os>@<channel>, e.g. ubuntu@22.04", "applications", name, "base");
        }
        Grammar.constraintsError(app.constraints()).ifPresent(e -> err("A12", "invalid constraints " + Grammar.q(app.constraints())
                + " in application " + Grammar.q(name) + ": " + e, "fix the constraint (key=value, e.g. mem=2G)", "applications", name, "constraints"));
        app.storage().forEach((s, directive) -> {
            if (!Grammar.STORAGE_NAME.matcher(s).matches()) {
                err("A13", "invalid storage name " + Grammar.q(s) + " in application " + Grammar.q(name), "storage names use lower-case letters, digits and dashes", "applications", name, "storage", s);
            }
            Grammar.storageError(directive).ifPresent(e -> err("A14", "invalid storage " + Grammar.q(s) + " in application " + Grammar.q(name) + ": " + e,
                    "write pool, size and count separated by commas, e.g. 10G or rootfs,2,10G", "applications", name, "storage", s));
        });
        app.devices().forEach((d, spec) -> {
            if (!Grammar.DEVICE_NAME.matcher(d).matches()) {
                err("A15", "invalid device name " + Grammar.q(d) + " in application " + Grammar.q(name), "device names use lower-case letters, digits and dashes", "applications", name, "devices", d);
            }
            Grammar.deviceError(spec).ifPresent(e -> err("A15", "invalid device " + Grammar.q(d) + " in application " + Grammar.q(name) + ": " + e,
                    "write [<count>,]<device-class>[,<attributes>]", "applications", name, "devices", d));
        });
        app.offers().forEach((offer, spec) -> {
            if (!Grammar.APP.matcher(offer).matches()) {
                err("A16", "invalid offer name " + Grammar.q(offer) + " in application " + Grammar.q(name), "offer names follow application-name rules", "applications", name, "offers", offer);
            }
            for (String ep : spec.endpoints()) {
                if (!Grammar.REL.matcher(ep).matches()) {
                    err("A16", "invalid endpoint name " + Grammar.q(ep) + " for offer " + Grammar.q(offer) + " in application " + Grammar.q(name),
                            "name an endpoint of the charm", "applications", name, "offers", offer);
                }
            }
        });
        if (resolutions.get(name) instanceof CharmResolution.Missing miss) {
            if (miss.error()) {
                err("A18", "application " + Grammar.q(name) + " refers to non-existent charm " + Grammar.q(app.charm()),
                        miss.message() + "; " + miss.hint(), "applications", name, "charm");
            } else if (!miss.message().isEmpty()) {
                out.add(Problem.warning("A18", miss.message() + " (application " + Grammar.q(name) + ")",
                        where.locate("applications", name, "charm"), miss.hint()));
            }
        }
        charms.ifPresent(cs -> {
            CharmMetadata meta = cs.get(name);
            if (meta != null && meta.subordinate()) {
                if (!app.to().isEmpty()) {
                    err("A17", "application " + Grammar.q(name) + " is subordinate but specifies unit placement",
                            "remove to:/placement: a subordinate runs beside its principal's units", "applications", name, "to");
                }
                if (app.numUnits() > 0) {
                    err("A17", "application " + Grammar.q(name) + " is subordinate but has non-zero num_units",
                            "remove num_units/scale: a subordinate gets one unit per related principal unit", "applications", name, "num_units");
                }
            }
        });
        app.resources().forEach((r, rev) -> {
            if (r.isEmpty()) {
                err("A19", "missing resource name on application " + Grammar.q(name), "give each resource its name", "applications", name, "resources");
            }
            if (!(rev instanceof Long || rev instanceof String)) {
                err("A20", "resource revision " + Grammar.q(name) + " is not int or string",
                        "give a revision number or a path/image string for resource \"" + r + "\"", "applications", name, "resources", r);
            }
        });
        if (app.numUnits() < 0) {
            err("A21", "negative number of units specified on application " + Grammar.q(name), "use 0 or more units", "applications", name, "num_units");
        }
        if (bd.isKubernetes()) {
            verifyKubernetesPlacement(name, app.to());
        } else {
            verifyPlacement(name, app.numUnits(), app.to());
        }
        if (!app.exposedEndpoints().isEmpty()) {
            if (app.expose()) {
                err("X1", "exposed-endpoints cannot be specified together with \"exposed:true\" in application " + Grammar.q(name)
                        + " as this poses a security risk when deploying bundles to older controllers", "remove expose: true", "applications", name, "expose");
            } else {
                app.exposedEndpoints().forEach((ep, spec) -> spec.exposeToCidrs().forEach(cidr -> {
                    if (!Grammar.isValidCidr(cidr)) {
                        err("X2", "invalid CIDR " + Grammar.q(cidr) + " for expose to CIDRs field for endpoint " + Grammar.q(ep)
                                + " in application " + Grammar.q(name), "write a CIDR such as 10.0.0.0/8", "applications", name, "exposed-endpoints", ep);
                    }
                }));
            }
        }
    }

    private void verifyPlacement(String name, long numUnits, List<String> to) {
        if (numUnits >= 0 && to.size() > numUnits) {
            err("P1", "too many units specified in unit placement for application " + Grammar.q(name),
                    "give num_units at least as many as the to: entries", "applications", name, "to");
        }
        for (String p : to) {
            Optional<Grammar.Placement> up = Grammar.parsePlacement(p);
            if (up.isEmpty()) {
                err("P2", "invalid placement syntax " + Grammar.q(p), "write [<container>:](<machine>|<app>[/<unit>]|new)", "applications", name, "to");
                continue;
            }
            Grammar.Placement pl = up.get();
            if (!pl.application().isEmpty()) {
                ApplicationSpec target = bd.applications().get(pl.application());
                if (!bd.applications().containsKey(pl.application())) {
                    err("P3", "placement " + Grammar.q(p) + " refers to an application not defined in this bundle", "place on an application of this bundle", "applications", name, "to");
                    continue;
                }
                long units = target == null ? 0 : target.numUnits();
                if (pl.unit() >= 0 && pl.unit() >= units) {
                    err("P4", "placement " + Grammar.q(p) + " specifies a unit greater than the " + units
                            + " unit(s) started by the target application", "give the target more units or place on a lower unit", "applications", name, "to");
                }
            } else if (!pl.machine().equals("new")) {
                if (!machines.containsKey(pl.machine())) {
                    err("P5", "placement " + Grammar.q(p) + " refers to a machine not defined in this bundle", "declare the machine under machines:", "applications", name, "to");
                    continue;
                }
                machineRefs.merge(pl.machine(), 1, Integer::sum);
            }
        }
    }

    private void verifyKubernetesPlacement(String name, List<String> to) {
        if (to.size() > 1) {
            err("K1", "too many placement directives for application " + Grammar.q(name), "a Kubernetes application takes one placement (k=v node selector)", "applications", name, "to");
            return;
        }
        if (to.size() == 1) {
            Grammar.keyValuesError(to.get(0)).ifPresent(e -> err("K2", e + " for application " + Grammar.q(name),
                    "write the placement as key=value[,key=value]", "applications", name, "to"));
        }
    }

    private void err(String check, String message, String hint, String... path) {
        out.add(Problem.error(check, message, where.locate(path), hint));
    }
}
