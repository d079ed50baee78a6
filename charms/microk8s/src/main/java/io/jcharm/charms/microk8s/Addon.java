package io.jcharm.charms.microk8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One MicroK8s addon as {@code microk8s enable} takes it: an optional repository, the name and
 * optional arguments after a colon.
 *
 * <pre>{@code
 * Addon a = Addon.parse("metallb:10.64.140.43-10.64.140.49");
 * a.name();  // "metallb"
 * a.spec();  // "metallb:10.64.140.43-10.64.140.49", what `microk8s enable` gets
 * }</pre>
 */
record Addon(Optional<String> repository, String name, Optional<String> args) {
    private static final Pattern SPEC = Pattern.compile("^(?:([a-z0-9][a-z0-9-]*)/)?([a-z0-9][a-z0-9-]*)(?::(\\S+))?$");

    /**
     * Parses one addon.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    static Addon parse(String text) {
        Matcher m = SPEC.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not an addon: expected [repository/]name[:arguments]"
                    + " in lowercase letters, digits and dashes, for example \"ingress\" or \"metallb:10.0.0.1-10.0.0.9\"");
        }
        return new Addon(Optional.ofNullable(m.group(1)), m.group(2), Optional.ofNullable(m.group(3)));
    }

    /**
     * Parses a space-separated list.
     *
     * @throws IllegalArgumentException for a malformed entry or a name listed twice
     */
    static List<Addon> parseList(String text) {
        List<Addon> out = new ArrayList<>();
        for (String token : (text == null ? "" : text.trim()).split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            Addon a = parse(token);
            if (out.stream().anyMatch(x -> x.name().equals(a.name()))) {
                throw new IllegalArgumentException("addon \"" + a.name() + "\" is listed twice; list each addon once");
            }
            out.add(a);
        }
        return List.copyOf(out);
    }

    /** {@code first} then {@code overrides}, one entry per name; an override keeps the first's position. */
    static List<Addon> merge(List<Addon> first, List<Addon> overrides) {
        Map<String, Addon> byName = new LinkedHashMap<>();
        first.forEach(a -> byName.put(a.name(), a));
        overrides.forEach(a -> byName.put(a.name(), a));
        return List.copyOf(byName.values());
    }

    /** The argument {@code microk8s enable} takes. */
    String spec() {
        return repository.map(r -> r + "/").orElse("") + name + args.map(a -> ":" + a).orElse("");
    }
}
