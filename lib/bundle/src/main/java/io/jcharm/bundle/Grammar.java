package io.jcharm.bundle;

import io.jcharm.yaml.GoFormat;
import io.jcharm.yaml.GoScalars;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammars Juju checks bundle values against (juju/charm v12 {@code bundledata.go}, {@code
 * url.go}, {@code base.go}), with Juju's error texts: names, placements, charm URLs, bases,
 * constraints, storage and device directives, offer URLs.
 *
 * <pre>{@code
 * Grammar.constraintsError("mem=lots");  // Optional[bad "mem" constraint: must be a non-negative float ...]
 * }</pre>
 */
public final class Grammar {
    static final String APPLICATION = "(?:[a-z][a-z0-9]*(?:-[a-z0-9]*[a-z][a-z0-9]*)*)";
    static final String RELATION = "[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*";
    static final String NUMBER = "(?:0|[1-9][0-9]*)";
    static final Pattern APP = Pattern.compile("^" + APPLICATION + "$");
    static final Pattern REL = Pattern.compile("^" + RELATION + "$");
    static final Pattern APP_REL = Pattern.compile("^(" + APPLICATION + "):(" + RELATION + ")$");
    static final Pattern MACHINE_ID = Pattern.compile("^" + NUMBER + "$");
    static final Pattern STORAGE_NAME = Pattern.compile("^" + APPLICATION + "$");
    static final Pattern DEVICE_NAME = STORAGE_NAME;
    static final Pattern SERIES = Pattern.compile("^[a-z]+([a-z0-9]+)?$");
    static final Pattern PLACEMENT = Pattern.compile("^(?:([a-z]+):)?(?:(" + APPLICATION + ")(?:/(" + NUMBER + "))?|(" + NUMBER + "))$");
    static final Pattern MODEL = Pattern.compile("^[a-z0-9]+[a-z0-9-]*$");
    private static final Pattern POOL = Pattern.compile("^[a-zA-Z]+[-?a-zA-Z0-9]*$");
    private static final Pattern COUNT = Pattern.compile("^-?[0-9]+$");
    private static final Pattern SIZE = Pattern.compile("^-?[0-9]+(?:\\.[0-9]+)?[MGTPEZY](?:i?B)?$");
    private static final Pattern SPACE = Pattern.compile("^[a-z0-9]+(?:-[a-z0-9]+)*$");
    private static final Pattern IPV4 = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    static final Set<String> ARCHES = Set.of("amd64", "i386", "arm64", "ppc64el", "s390x", "riscv64");
    private static final Set<String> RISKS = Set.of("stable", "candidate", "beta", "edge");
    private static final Set<String> OSES = Set.of("ubuntu", "centos", "windows", "opensuse", "genericlinux", "kubernetes");
    private static final Set<String> CONSTRAINT_KEYS = Set.of("arch", "container", "cores", "cpu-power", "mem", "root-disk",
            "root-disk-source", "tags", "instance-role", "instance-type", "spaces", "virt-type", "zones",
            "allocate-public-ip", "image-id");

    private Grammar() {
    }

    /** A relation endpoint as a bundle writes it: {@code app} or {@code app:endpoint}. */
    public record EndpointSpec(String application, String relation) {
        @Override
        public String toString() {
            return relation.isEmpty() ? application : application + ":" + relation;
        }
    }

    /** Juju's parseEndpoint; the error is {@code invalid relation syntax "x"}. */
    static Optional<EndpointSpec> parseEndpoint(String s) {
        Matcher m = APP_REL.matcher(s);
        if (m.matches()) {
            return Optional.of(new EndpointSpec(m.group(1), m.group(2)));
        }
        return APP.matcher(s).matches() ? Optional.of(new EndpointSpec(s, "")) : Optional.empty();
    }

    /** A parsed unit placement: container type, application (+unit, -1 if none) or machine ("new" or an id). */
    record Placement(String containerType, String application, int unit, String machine) {
    }

    static Optional<Placement> parsePlacement(String p) {
        Matcher m = PLACEMENT.matcher(p);
        if (!m.matches()) {
            return Optional.empty();
        }
        String container = m.group(1) == null ? "" : m.group(1);
        String app = m.group(2) == null ? "" : m.group(2);
        int unit = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
        String machine = m.group(4) == null ? "" : m.group(4);
        if (app.equals("new")) {
            if (unit != -1) {
                return Optional.empty();
            }
            return Optional.of(new Placement(container, "", -1, "new"));
        }
        return Optional.of(new Placement(container, app, unit, machine));
    }

    /** Juju's charm URL parser (charm/url.go behaviour), with its error texts. */
    public static CharmUrl.Parsed parseCharmUrl(String url) {
        return CharmUrl.parse(url);
    }

    /** Whether {@code os@channel} parses as a base. */
    public static boolean isValidBase(String base) {
        String[] parts = base.split("@", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty() || !OSES.contains(parts[0])) {
            return false;
        }
        String[] ch = parts[1].split("/", -1);
        for (String c : ch) {
            if (c.isEmpty()) {
                return false;
            }
        }
        return switch (ch.length) {
            case 1 -> true;
            case 2 -> RISKS.contains(ch[1]) || RISKS.contains(ch[0]);
            case 3 -> RISKS.contains(ch[1]);
            default -> false;
        };
    }

    /** Juju's constraints parser (core/constraints); empty when valid. */
    public static Optional<String> constraintsError(String constraints) {
        String s = constraints.replace("\\ ", "\u0000");
        Set<String> seen = new HashSet<>();
        for (String raw0 : s.trim().split(" ", -1)) {
            String raw = raw0.replace("\u0000", " ").trim();
            if (raw.isEmpty()) {
                continue;
            }
            int eq = raw.indexOf('=');
            if (eq <= 0) {
                return Optional.of("malformed constraint " + GoFormat.quote(raw));
            }
            String name = raw.substring(0, eq);
            String value = raw.substring(eq + 1);
            if (name.equals("cpu-cores")) {
                name = "cores";
            }
            if (!CONSTRAINT_KEYS.contains(name)) {
                return Optional.of("unknown constraint " + GoFormat.quote(name));
            }
            if (!seen.add(name) && !(name.equals("allocate-public-ip") && value.isEmpty())) {
                return Optional.of("bad " + GoFormat.quote(name) + " constraint: already set");
            }
            Optional<String> bad = constraintValueError(name, value);
            if (bad.isPresent()) {
                return Optional.of("bad " + GoFormat.quote(name) + " constraint: " + bad.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> constraintValueError(String name, String v) {
        switch (name) {
            case "arch":
                return v.isEmpty() || ARCHES.contains(v) ? Optional.empty() : Optional.of(GoFormat.quote(v) + " not recognized");
            case "container":
                return v.isEmpty() || Set.of("lxd", "kvm", "none").contains(v) ? Optional.empty()
                        : Optional.of("invalid container type " + GoFormat.quote(v));
            case "cores", "cpu-power":
                return v.isEmpty() || v.matches("[0-9]+") ? Optional.empty() : Optional.of("must be a non-negative integer");
            case "mem", "root-disk":
                return v.isEmpty() || sizeOk(v) ? Optional.empty()
                        : Optional.of("must be a non-negative float with optional M/G/T/P suffix");
            case "spaces":
                for (String sp : v.isEmpty() ? new String[0] : v.split(",", -1)) {
                    String name0 = sp.startsWith("^") ? sp.substring(1) : sp;
                    if (!SPACE.matcher(name0).matches()) {
                        return Optional.of(GoFormat.quote(name0) + " is not a valid space name");
                    }
                }
                return Optional.empty();
            case "allocate-public-ip":
                return v.isEmpty() || GoScalars.parseBool(v).isPresent() ? Optional.empty() : Optional.of("must be 'true' or 'false'");
            default:
                return Optional.empty();
        }
    }

    private static boolean sizeOk(String v) {
        String s = v;
        if ("MGTP".indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Double.parseDouble(s) >= 0 && !s.endsWith("d") && !s.endsWith("f") && !s.endsWith("D") && !s.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }


    /** Juju's storage directive parser (pool, count, size in any order). */
    public static Optional<String> storageError(String directive) {
        String pool = "";
        long count = 0;
        long size = 0;
        for (String field : directive.split(",", -1)) {
            if (field.isEmpty()) {
                continue;
            }
            if (POOL.matcher(field).matches()) {
                if (!pool.isEmpty()) {
                    return Optional.of("pool name is already set to " + GoFormat.quote(pool) + ", new value " + GoFormat.quote(field) + " not valid");
                }
                pool = field;
            } else if (COUNT.matcher(field).matches()) {
                if (field.startsWith("-") || Long.parseLong(field) == 0) {
                    return Optional.of("cannot parse count: count must be greater than zero, got " + GoFormat.quote(field));
                }
                count = Long.parseLong(field);
            } else if (SIZE.matcher(field).matches()) {
                if (field.startsWith("-")) {
                    return Optional.of("cannot parse size: expected a non-negative number, got " + GoFormat.quote(field));
                }
                size = 1;
            } else {
                return Optional.of("unrecognized storage directive " + GoFormat.quote(field) + " not valid");
            }
        }
        if (count == 0 && size == 0 && pool.isEmpty()) {
            return Optional.of("storage directives require at least one field to be specified");
        }
        return Optional.empty();
    }

    /** Juju's device constraints parser: {@code [<count>,]<device-class>|<vendor/type>[,<attributes>]}. */
    public static Optional<String> deviceError(String s) {
        String[] fields = s.split(",", -1);
        if (fields.length > 3) {
            return Optional.of("cannot parse device constraints string, supported format is "
                    + "[<count>,]<device-class>|<vendor/type>[,<attributes>]");
        }
        if (fields.length >= 2) {
            try {
                if (Long.parseLong(fields[0]) <= 0) {
                    return Optional.of("count must be greater than zero, got " + GoFormat.quote(fields[0]));
                }
            } catch (NumberFormatException e) {
                return Optional.of("count must be greater than zero, got " + GoFormat.quote(fields[0]));
            }
        }
        if (fields.length == 3) {
            for (String attr : fields[2].split(";", -1)) {
                if (attr.split("=", -1).length != 2) {
                    return Optional.of("device attribute key/value pair has bad format: " + GoFormat.quote(attr));
                }
            }
        }
        return Optional.empty();
    }

    /** Juju's keyvalues.Parse for a Kubernetes placement ({@code k=v[,k=v]}). */
    static Optional<String> keyValuesError(String s) {
        Map<String, String> seen = new HashMap<>();
        for (String kv : s.split(",", -1)) {
            int eq = kv.indexOf('=');
            if (eq < 0 || kv.substring(0, eq).trim().isEmpty() || kv.substring(eq + 1).isEmpty()) {
                return Optional.of("expected \"key=value\", got " + GoFormat.quote(kv));
            }
            String key = kv.substring(0, eq).trim();
            if (seen.put(key, kv.substring(eq + 1)) != null) {
                return Optional.of("key " + GoFormat.quote(key) + " specified more than once");
            }
        }
        return Optional.empty();
    }

    /** Juju's offer URL check ({@code [<source>:][<qualifier>/]<model>.<app>[:<endpoint>]}). */
    static boolean isValidOfferUrl(String url) {
        if (url.startsWith(":")) {
            return false;
        }
        String[] colon = url.split(":", -1);
        String rest = url;
        if (colon.length == 3) {
            rest = colon[1] + ":" + colon[2];
        } else if (colon.length == 2 && !REL.matcher(colon[1]).matches()) {
            rest = colon[1];
        }
        String noQualifier = rest.startsWith("/") ? rest.substring(1) : rest;
        int slash = noQualifier.indexOf('/');
        if (slash >= 0) {
            noQualifier = noQualifier.substring(slash + 1);
        }
        int dot = noQualifier.indexOf('.');
        if (dot < 0) {
            return false;
        }
        String model = noQualifier.substring(0, dot);
        String app = noQualifier.substring(dot + 1).split(":", -1)[0];
        if (model.contains("/") || app.contains("/") || model.isEmpty() || app.isEmpty()) {
            return false;
        }
        return MODEL.matcher(model).matches() && APP.matcher(app).matches();
    }

    /** Go's net.ParseCIDR, for literal addresses only (never a DNS lookup). */
    static boolean isValidCidr(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String addr = cidr.substring(0, slash);
        String bits = cidr.substring(slash + 1);
        if (!bits.matches("[0-9]{1,3}")) {
            return false;
        }
        int n = Integer.parseInt(bits);
        if (IPV4.matcher(addr).matches()) {
            return n <= 32;
        }
        if (addr.contains(":") && addr.matches("[0-9a-fA-F:.]+")) {
            try {
                java.net.InetAddress.getByName(addr);
                return n <= 128;
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /** Whether the constraints set a non-empty image-id (Juju's Value.HasImageID). */
    static boolean hasImageId(String constraints) {
        for (String c : constraints.trim().split(" +")) {
            if (c.startsWith("image-id=") && c.length() > "image-id=".length()) {
                return true;
            }
        }
        return false;
    }

    /** Ubuntu versions to series names, as Juju's base package maps them. */
    private static final Map<String, String> UBUNTU_SERIES = Map.ofEntries(Map.entry("14.04", "trusty"),
            Map.entry("16.04", "xenial"), Map.entry("18.04", "bionic"), Map.entry("20.04", "focal"), Map.entry("20.10", "groovy"),
            Map.entry("21.04", "hirsute"), Map.entry("21.10", "impish"), Map.entry("22.04", "jammy"), Map.entry("22.10", "kinetic"),
            Map.entry("23.04", "lunar"), Map.entry("23.10", "mantic"), Map.entry("24.04", "noble"), Map.entry("24.10", "oracular"),
            Map.entry("25.04", "plucky"), Map.entry("25.10", "questing"));

    /** The series a base stands for ({@code ubuntu@22.04/stable} is jammy); empty when Juju knows none. */
    static Optional<String> seriesOfBase(String base) {
        if (!isValidBase(base)) {
            return Optional.empty();
        }
        String[] parts = base.split("@", 2);
        String track = parts[1].split("/", -1)[0];
        return switch (parts[0]) {
            case "ubuntu" -> Optional.ofNullable(UBUNTU_SERIES.get(track));
            case "centos" -> Optional.of("centos" + track);
            case "kubernetes" -> Optional.of("kubernetes");
            default -> Optional.empty();
        };
    }
}
