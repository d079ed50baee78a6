package io.jcharm.bundle;

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

    /** Juju's charm URL parser (charm/url.go behaviour), with its error texts. */
    static Parsed parse(String url) {
        if (url.contains("?") || url.contains("#")) {
            return err("charm or bundle URL " + Grammar.q(url) + " has unrecognized parts");
        }
        String scheme = "";
        String rest = url;
        int colon = url.indexOf(':');
        if (colon >= 0) {
            String candidate = url.substring(0, colon);
            if (SCHEME.matcher(candidate).matches()) {
                scheme = candidate;
                rest = url.substring(colon + 1);
            } else if (!candidate.contains("/")) {
                return err("cannot parse charm or bundle URL: " + Grammar.q(url));
            }
        }
        if (scheme.equals("ch") || scheme.isEmpty() || rest.startsWith("/")) {
            return charmhub(url, rest);
        }
        if (!scheme.equals("local")) {
            return err("cannot parse URL " + Grammar.q(url) + ": schema " + Grammar.q(scheme) + " not valid");
        }
        String[] parts = rest.split("/", -1);
        if (parts[0].startsWith("~")) {
            return err("local charm or bundle URL with user name: " + Grammar.q(url));
        }
        if (parts.length > 2) {
            return err("charm or bundle URL has invalid form: " + Grammar.q(url));
        }
        String series = parts.length == 2 ? parts[0] : "";
        if (!series.isEmpty() && !Grammar.SERIES.matcher(series).matches()) {
            return err("cannot parse URL " + Grammar.q(url) + ": series name " + Grammar.q(series) + " not valid");
        }
        return named(url, "local", "", series, parts[parts.length - 1], "cannot parse URL ");
    }

    private static Parsed charmhub(String url, String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        String[] parts = trimmed.split("/", -1);
        if (parts.length > 3) {
            return err("charm or bundle URL " + Grammar.q(url) + " malformed");
        }
        if (parts[0].startsWith("~")) {
            return err("charmhub charm or bundle URL with user name: " + Grammar.q(url) + " not valid");
        }
        String arch = "";
        String series = "";
        if (parts.length == 3) {
            arch = parts[0];
            series = parts[1];
            if (!Grammar.ARCHES.contains(arch)) {
                return err("in URL " + Grammar.q(url) + ": architecture name " + Grammar.q(arch) + " not valid");
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
            return err("in URL " + Grammar.q(url) + ": series name " + Grammar.q(series) + " not valid");
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
            return err(prefix + Grammar.q(url) + ": name " + Grammar.q(name) + " not valid");
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
