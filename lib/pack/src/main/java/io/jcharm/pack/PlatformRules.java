package io.jcharm.pack;

import io.jcharm.yaml.GoFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code base} and {@code platforms} (or the older {@code bases}) from charmcraft.yaml and
 * applies the rules Juju puts on the resulting manifest.yaml bases (OS names, channels,
 * architectures), with Juju's texts.
 *
 * <pre>{@code
 * List<Platform> platforms = new PlatformRules(yaml, problems).platforms();
 * }</pre>
 */
final class PlatformRules {
    static final List<String> OSES = List.of("ubuntu", "centos", "windows", "osx", "opensuse", "genericlinux");
    static final List<String> ARCHES = List.of("amd64", "i386", "armhf", "arm64", "ppc64el", "s390x", "riscv64");
    private static final List<String> RISKS = List.of("stable", "candidate", "beta", "edge");
    /** charmcraft's LEGACY_BASES: the only bases a {@code bases:} entry may name. */
    static final List<String> LEGACY_BASES = List.of("ubuntu@18.04", "ubuntu@20.04", "ubuntu@22.04", "almalinux@9");

    private final Map<String, Object> yaml;
    private final Problems p;

    PlatformRules(Map<String, Object> yaml, Problems problems) {
        this.yaml = yaml;
        this.p = problems;
    }

    List<Platform> platforms() {
        List<Platform> out = new ArrayList<>();
        if (yaml.containsKey("bases")) {
            if (yaml.containsKey("base")) {
                p.add("base", "base cannot be used with bases: write either bases: (before 24.04) or base: and platforms:");
            }
            return bases(yaml.get("bases"));
        }
        Optional<String[]> base = Optional.empty();
        if (yaml.containsKey("base")) {
            base = base(yaml.get("base"), "base");
        }
        Object platforms = yaml.get("platforms");
        if (!(platforms instanceof Map<?, ?> all) || all.isEmpty()) {
            p.add(yaml.containsKey("platforms") ? "platforms" : "base", "Base requires 'platforms' definition:"
                    + " add e.g. platforms: {amd64: }");
            return out;
        }
        for (Map.Entry<?, ?> e : all.entrySet()) {
            String name = String.valueOf(e.getKey());
            platform(name, e.getValue(), base).ifPresent(out::add);
        }
        return out;
    }

    /**
     * charmcraft's deprecated {@code bases:}: each entry, in the short form ({@code name},
     * {@code channel}, {@code architectures}) or the long one ({@code build-on}, {@code run-on}),
     * makes one .charm whose manifest lists the run-on bases.
     */
    private List<Platform> bases(Object v) {
        List<Platform> out = new ArrayList<>();
        if (!(v instanceof List<?> entries) || entries.isEmpty()) {
            p.add("bases", "bases must be a non-empty list of {name, channel, architectures} or {build-on, run-on},"
                    + " got " + GoFormat.syntax(v));
            return out;
        }
        for (int i = 0; i < entries.size(); i++) {
            String path = "bases[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                p.add(path, "a bases entry must be a mapping, got " + GoFormat.syntax(entries.get(i)));
                continue;
            }
            boolean shortForm = entry.containsKey("name");
            Object buildOn = shortForm ? List.of(entry) : entry.get("build-on");
            Object runOn = shortForm ? List.of(entry) : entry.get("run-on");
            Optional<List<Base>> build = baseList(buildOn, shortForm ? path : path + ".build-on");
            Optional<List<Base>> run = baseList(runOn, shortForm ? path : path + ".run-on");
            // Only where it is built: charmcraft 2 (which Charmed Kubernetes' charms still pin) let
            // run-on name newer bases, and Juju accepts any valid base in manifest.yaml.
            build.ifPresent(bases -> bases.forEach(b -> legacy(b, shortForm ? path : path + ".build-on")));
            run.ifPresent(bases -> {
                if (bases.stream().allMatch(b -> manifestBase(b, shortForm ? path : path + ".run-on"))) {
                    out.add(Platform.ofBases(path, bases));
                }
            });
        }
        return out;
    }

    private Optional<List<Base>> baseList(Object v, String path) {
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            p.add(path, path.substring(path.lastIndexOf('.') + 1) + " must be a non-empty list of {name, channel,"
                    + " architectures}, got " + GoFormat.syntax(v));
            return Optional.empty();
        }
        List<Base> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = list.size() == 1 && !path.endsWith("-on") ? path : path + "[" + i + "]";
            Object item = list.get(i);
            if (!(item instanceof Map<?, ?> m) || !(m.get("name") instanceof String os)
                    || !(m.get("channel") instanceof String channel)) {
                p.add(at, "a base needs name and channel as strings (quote the channel: \"22.04\"), got "
                        + GoFormat.syntax(item));
                return Optional.empty();
            }
            Object archList = m.containsKey("architectures") ? m.get("architectures") : List.of(hostArch());
            if (!(archList instanceof List<?> arches) || !arches.stream().allMatch(a -> a instanceof String)) {
                p.add(at + ".architectures", "architectures must be a list of strings, got " + GoFormat.syntax(archList));
                return Optional.empty();
            }
            out.add(new Base(os, channel, arches.stream().map(a -> normaliseArch((String) a)).toList()));
        }
        return Optional.of(out);
    }

    /** charmcraft 3 builds a {@code bases:} entry only on the bases before 24.04. */
    private void legacy(Base b, String path) {
        if (!LEGACY_BASES.contains(b.os() + "@" + b.channel())) {
            p.add(path, "Base requires 'platforms' definition: " + b.os() + "@" + b.channel() + " (bases: is only for "
                    + String.join(", ", LEGACY_BASES) + "); write base: and platforms: instead");
        }
    }

    /** Juju's manifest.yaml base rules; normalises the architectures in place of the written ones. */
    private boolean manifestBase(Base b, String path) {
        boolean ok = true;
        if (!OSES.contains(b.os())) {
            p.add(path, "os " + GoFormat.quote(b.os()) + " not valid");
            ok = false;
        }
        Optional<String> channelError = channelError(b.channel());
        channelError.ifPresent(msg -> p.add(path, msg));
        for (String arch : b.architectures()) {
            if (!ARCHES.contains(arch)) {
                p.add(path, "architecture " + GoFormat.quote(arch) + " not valid");
                ok = false;
            }
        }
        return ok && channelError.isEmpty();
    }

    private Optional<Platform> platform(String name, Object spec, Optional<String[]> base) {
        String path = "platforms." + name;
        Optional<String[]> b = base;
        String arch;
        if (spec == null) {
            int colon = name.indexOf(':');
            if (colon >= 0) { // shorthand "ubuntu@24.04:amd64"
                b = base(name.substring(0, colon), path);
                arch = name.substring(colon + 1);
            } else {
                arch = name;
            }
        } else if (spec instanceof Map<?, ?> m) {
            Object buildFor = m.get("build-for");
            List<?> targets = buildFor instanceof List<?> l ? l : buildFor == null ? List.of() : List.of(buildFor);
            if (targets.size() != 1) {
                p.add(path + ".build-for", "platform " + GoFormat.quote(name) + " must have exactly one build-for"
                        + " architecture, got " + GoFormat.syntax(buildFor));
                return Optional.empty();
            }
            String target = String.valueOf(targets.get(0));
            int colon = target.indexOf(':');
            if (colon >= 0) {
                b = base(target.substring(0, colon), path + ".build-for");
                target = target.substring(colon + 1);
            }
            arch = target;
        } else {
            p.add(path, "platform " + GoFormat.quote(name) + " must be empty or a mapping with build-on and build-for,"
                    + " got " + GoFormat.syntax(spec));
            return Optional.empty();
        }
        String normal = normaliseArch(arch);
        if (!ARCHES.contains(normal)) {
            p.add(path, "architecture " + GoFormat.quote(arch) + " not valid");
            return Optional.empty();
        }
        if (b.isEmpty()) {
            if (!yaml.containsKey("base")) {
                p.add(path, "platform " + GoFormat.quote(name) + " has no base: add base: ubuntu@24.04 or name the"
                        + " platform ubuntu@24.04:" + normal);
            }
            return Optional.empty();
        }
        return Optional.of(new Platform(name, b.get()[0], b.get()[1], normal));
    }

    /** Parses {@code <os>@<channel>} with Juju's base rules; empty after reporting. */
    private Optional<String[]> base(Object v, String path) {
        if (!(v instanceof String s) || s.indexOf('@') <= 0) {
            p.add(path, "base " + GoFormat.syntax(v) + " must be <os>@<channel>, e.g. ubuntu@24.04");
            return Optional.empty();
        }
        String os = s.substring(0, s.indexOf('@'));
        String channel = s.substring(s.indexOf('@') + 1);
        if (!OSES.contains(os)) {
            p.add(path, "os " + GoFormat.quote(os) + " not valid");
            return Optional.empty();
        }
        Optional<String> channelError = channelError(channel);
        channelError.ifPresent(msg -> p.add(path, msg));
        return channelError.isPresent() ? Optional.empty() : Optional.of(new String[] {os, channel});
    }

    /** Juju's charm channel rules: track[/risk[/branch]] or risk[/branch]. */
    static Optional<String> channelError(String channel) {
        if (channel.isEmpty()) {
            return Optional.of("channel not valid");
        }
        String[] parts = channel.split("/", -1);
        if (parts.length > 3) {
            return Optional.of("channel is malformed and has too many components " + GoFormat.quote(channel));
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return Optional.of("channel not valid");
            }
        }
        if (parts.length == 3 && !RISKS.contains(parts[1])) {
            return Optional.of("risk in channel " + GoFormat.quote(channel) + " not valid");
        }
        if (parts.length == 2 && !RISKS.contains(parts[0]) && !RISKS.contains(parts[1])) {
            return Optional.of("risk in channel " + GoFormat.quote(channel) + " not valid");
        }
        return Optional.empty();
    }

    /** juju/utils arch.NormaliseArch. */
    static String normaliseArch(String arch) {
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "i386", "i686", "i586" -> "i386";
            case "aarch64", "arm64", "aarch64_be" -> "arm64";
            case "armv7l", "armv6l", "armhf", "arm" -> "armhf";
            case "ppc64le", "ppc64el", "ppc64" -> "ppc64el";
            default -> arch;
        };
    }

    /** The Juju architecture of the machine (and JDK) doing the packing. */
    static String hostArch() {
        return normaliseArch(System.getProperty("os.arch"));
    }
}
