package io.jcharm.bundle;

import io.jcharm.yaml.GoFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed charm URL ({@code ch:amd64/jammy/mysql-k8s-12}, {@code mysql-k8s}, {@code local:foo}).
 *
 * <pre>{@code
 * Grammar.parseCharmUrl("mysql-k8s").name();  // mysql-k8s
 * }</pre>
 *
 * @param revision -1 when the URL has none
 */
public record CharmUrl(String schema, String architecture, String series, String name, long revision) {
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*$");
    private static final Pattern CHARM_NAME = Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]*[a-z][a-z0-9]*)*$");

    /**
     * Juju's charm URL parser (charm/url.go ParseURL over Go's net/url), with its error texts:
     * {@code ch:} or no schema is Charmhub, an opaque {@code x:path} must be {@code local:}, and
     * any URL with an authority ({@code https://charmhub.io/mysql}) is read by its path as a
     * Charmhub name, the host ignored.
     */
    static Parsed parse(String url) {
        String scheme = "";
        String rest = url;
        int colon = url.indexOf(':');
        if (colon == 0) {
            return err("cannot parse charm or bundle URL: " + GoFormat.quote(url)); // Go: missing protocol scheme
        }
        if (colon > 0 && SCHEME.matcher(url.substring(0, colon)).matches()) {
            scheme = url.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            rest = url.substring(colon + 1);
        } else if (colon > 0 && !url.substring(0, colon).contains("/")) {
            // Go: "first path segment in URL cannot contain colon".
            return err("cannot parse charm or bundle URL: " + GoFormat.quote(url));
        }
        if (rest.contains("?") || rest.contains("#")) {
            return err("charm or bundle URL " + GoFormat.quote(url) + " has unrecognized parts");
        }
        String path = rest;
        boolean opaque = !scheme.isEmpty() && !rest.startsWith("/");
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            if (authority.contains("@")) {
                return err("charm or bundle URL " + GoFormat.quote(url) + " has unrecognized parts");
            }
            path = slash < 0 ? "" : rest.substring(slash);
        }
        if (scheme.equals("ch") || !opaque) {
            return charmhub(url, path);
        }
        if (!scheme.equals("local")) {
            return err("cannot parse URL " + GoFormat.quote(url) + ": schema " + GoFormat.quote(scheme) + " not valid");
        }
        String[] parts = rest.split("/", -1);
        if (parts[0].startsWith("~")) {
            return err("local charm or bundle URL with user name: " + GoFormat.quote(url));
        }
        if (parts.length > 2) {
            return err("charm or bundle URL has invalid form: " + GoFormat.quote(url));
        }
        String series = parts.length == 2 ? parts[0] : "";
        if (!series.isEmpty() && !Grammar.SERIES.matcher(series).matches()) {
            return err("cannot parse URL " + GoFormat.quote(url) + ": series name " + GoFormat.quote(series) + " not valid");
        }
        return named(url, "local", "", series, parts[parts.length - 1], "cannot parse URL ");
    }

    private static Parsed charmhub(String url, String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        String[] parts = trimmed.split("/", -1);
        if (parts.length > 3) {
            return err("charm or bundle URL " + GoFormat.quote(url) + " malformed");
        }
        if (parts[0].startsWith("~")) {
            return err("charmhub charm or bundle URL with user name: " + GoFormat.quote(url) + " not valid");
        }
        String arch = "";
        String series = "";
        if (parts.length == 3) {
            arch = parts[0];
            series = parts[1];
            if (!Grammar.ARCHES.contains(arch)) {
                return err("in URL " + GoFormat.quote(url) + ": architecture name " + GoFormat.quote(arch) + " not valid");
            }
        } else if (parts.length == 2) {
            if (Grammar.ARCHES.contains(parts[0])) {
                arch = parts[0];
            } else {
                series = parts[0];
            }
        }
        Parsed named = named(url, "ch", arch, series, parts[parts.length - 1], "cannot parse name and/or revision in URL ");
        if (named.url().isPresent() && !series.isEmpty() && !Grammar.SERIES.matcher(series).matches()) {
            return err("in URL " + GoFormat.quote(url) + ": series name " + GoFormat.quote(series) + " not valid");
        }
        return named;
    }

    private static Parsed named(String url, String schema, String arch, String series, String nameRev, String prefix) {
        String name = nameRev;
        long revision = -1;
        int i = nameRev.length() - 1;
        while (i > 0 && Character.isDigit(nameRev.charAt(i))) {
            i--;
        }
        if (i > 0 && i < nameRev.length() - 1 && nameRev.charAt(i) == '-') {
            revision = Long.parseLong(nameRev.substring(i + 1));
            name = nameRev.substring(0, i);
        }
        if (!CHARM_NAME.matcher(name).matches()) {
            return err(prefix + GoFormat.quote(url) + ": name " + GoFormat.quote(name) + " not valid");
        }
        return new Parsed(Optional.of(new CharmUrl(schema, arch, series, name, revision)), Optional.empty());
    }

    private static Parsed err(String message) {
        return new Parsed(Optional.empty(), Optional.of(message));
    }


    /** As Juju prints it: {@code ch:[arch/][series/]name[-rev]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(schema).append(':');
        if (!architecture.isEmpty()) {
            sb.append(architecture).append('/');
        }
        if (!series.isEmpty()) {
            sb.append(series).append('/');
        }
        sb.append(name);
        if (revision >= 0) {
            sb.append('-').append(revision);
        }
        return sb.toString();
    }

    /** The error Juju's parser gives, or the URL. */
    public record Parsed(Optional<CharmUrl> url, Optional<String> error) {
    }
}
