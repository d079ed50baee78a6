package io.jcharm.charms.microk8s;

import io.jcharm.core.InvalidConfigException;
import io.jcharm.core.OneOf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The microk8s charm's config, checked as a whole when bound: a bad value stops the charm with
 * Blocked naming the option.
 *
 * <pre>{@code
 * Component<MicroK8sConfig> config = Component.config(MicroK8sConfig.class);
 * cfg.wantedAddons();  // [dns, hostpath-storage, rbac, metallb:10.64.140.43-10.64.140.49]
 * }</pre>
 */
public record MicroK8sConfig(String channel, @OneOf({"edge", "none"}) String profile, String addons,
                             String metallbRange, String containerdEnv, String customRegistries,
                             Optional<String> registryCredentials, String role, String extraSans,
                             boolean purgeOnRemove) {

    /** The addons the edge profile enables, before metallb (which needs a range). */
    static final List<String> EDGE_ADDONS = List.of("dns", "hostpath-storage", "rbac");
    static final List<String> ROLES = List.of("", "control-plane", "worker");
    private static final Pattern IPV4_RANGE = Pattern.compile("^(\\d{1,3}(?:\\.\\d{1,3}){3})-(\\d{1,3}(?:\\.\\d{1,3}){3})$");
    /** What extra-sans replaces with the unit's public address, as in Canonical's charm. */
    static final String PUBLIC_ADDRESS = "%UNIT_PUBLIC_ADDRESS%";
    private static final Pattern SAN = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9.:-]*[A-Za-z0-9])?$");
    private static final Pattern ENV_KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    public MicroK8sConfig {
        channel = channel.trim();
        metallbRange = metallbRange.trim();
        try {
            Channel.parse(channel);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("channel", e.getMessage());
        }
        try {
            Addon.parseList(addons);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("addons", e.getMessage());
        }
        checkRange(metallbRange);
        environment(containerdEnv);
        try {
            Registry.parseAll(customRegistries);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("custom-registries", e.getMessage());
        }
        extraSans = extraSans == null ? "" : extraSans.trim();
        for (String san : sans(extraSans)) {
            if (!san.equals(PUBLIC_ADDRESS) && !SAN.matcher(san).matches()) {
                throw new InvalidConfigException("extra-sans", "\"" + san + "\" is not a host name or IP address; write"
                        + " names and addresses separated by commas, for example \"" + PUBLIC_ADDRESS + ",k8s.example.com\"");
            }
        }
        if (!ROLES.contains(role)) {
            throw new InvalidConfigException("role", "must be one of '', 'control-plane', 'worker', got '" + role + "'");
        }
    }

    /** The channel, normalised as snap prints it. */
    Channel snapChannel() {
        return Channel.parse(channel);
    }

    /** The profile's addons, then the addons option (which wins for a name in both). */
    List<Addon> wantedAddons() {
        List<Addon> profileAddons = new ArrayList<>();
        if (profile.equals("edge")) {
            EDGE_ADDONS.forEach(a -> profileAddons.add(Addon.parse(a)));
            if (!metallbRange.isEmpty()) {
                profileAddons.add(Addon.parse("metallb:" + metallbRange));
            }
        }
        return Addon.merge(profileAddons, Addon.parseList(addons));
    }

    /** containerd-env as ordered KEY to value. */
    Map<String, String> containerdEnvironment() {
        return environment(containerdEnv);
    }

    /** The extra-sans entries, in order, without blanks and duplicates. */
    static List<String> sans(String text) {
        List<String> out = new ArrayList<>();
        for (String s : (text == null ? "" : text).split(",")) {
            if (!s.isBlank() && !out.contains(s.strip())) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** The custom registries. */
    List<Registry> registries() {
        return Registry.parseAll(customRegistries);
    }

    private static void checkRange(String range) {
        if (range.isEmpty()) {
            return;
        }
        Matcher m = IPV4_RANGE.matcher(range);
        if (!m.matches()) {
            throw new InvalidConfigException("metallb-range", "\"" + range + "\" is not an IPv4 range a.b.c.d-e.f.g.h,"
                    + " for example 10.64.140.43-10.64.140.49");
        }
        long from = ipv4(m.group(1));
        long to = ipv4(m.group(2));
        if (from < 0 || to < 0) {
            throw new InvalidConfigException("metallb-range", "\"" + range + "\" has an octet above 255");
        }
        if (from > to) {
            throw new InvalidConfigException("metallb-range", "\"" + range + "\" starts after it ends; write the lower"
                    + " address first");
        }
    }

    private static long ipv4(String dotted) {
        long v = 0;
        for (String octet : dotted.split("\\.")) {
            int o = Integer.parseInt(octet);
            if (o > 255) {
                return -1;
            }
            v = v * 256 + o;
        }
        return v;
    }

    private static Map<String, String> environment(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = (text == null ? "" : text).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || !ENV_KEY.matcher(key).matches()) {
                throw new InvalidConfigException("containerd-env", "line " + (i + 1) + " \"" + line + "\" is not"
                        + " KEY=value with KEY made of letters, digits and underscores (for example"
                        + " HTTPS_PROXY=http://proxy:3128)");
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                    && value.charAt(value.length() - 1) == value.charAt(0)) {
                value = value.substring(1, value.length() - 1); // the charm quotes values itself
            }
            out.put(key, value);
        }
        return out;
    }
}
