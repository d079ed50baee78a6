package io.jcharm.charms.microk8s;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One entry of {@code custom-registries}: where containerd pulls images for {@code host} from,
 * written as {@code certs.d/<host>/hosts.toml}.
 *
 * <pre>{@code
 * List<Registry> regs = Registry.parseAll("[{\"url\": \"http://10.0.0.5:5000\", \"host\": \"docker.io\"}]");
 * regs.get(0).hostsToml();  // server = "https://registry-1.docker.io" ...
 * }</pre>
 *
 * @param host the registry images name (docker.io, ghcr.io, or the url's host:port when not given)
 * @param useCredentials whether the registry-credentials secret is sent to this url
 */
record Registry(String url, String host, boolean skipVerify, boolean useCredentials) {
    private static final Pattern HOST = Pattern.compile("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$");
    private static final Set<String> KEYS = Set.of("url", "host", "skip-verify", "use-credentials");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Username and password from the registry-credentials secret. */
    record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=***]";
        }
    }

    /**
     * Parses and checks the option's JSON list.
     *
     * @throws IllegalArgumentException naming the entry (1-based) and what is wrong with it
     */
    static List<Registry> parseAll(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null || json.isBlank() ? "[]" : json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage()
                    + "); expected a list such as [{\"url\": \"https://registry.example:5000\"}]");
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("expected a JSON list of registries, such as"
                    + " [{\"url\": \"https://registry.example:5000\"}], got a " + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        List<Registry> out = new ArrayList<>();
        Set<String> hosts = new HashSet<>();
        int n = 0;
        for (JsonNode entry : root) {
            n++;
            Registry r = parse(entry, n);
            if (!hosts.add(r.host())) {
                throw new IllegalArgumentException("entry " + n + " is a second registry for host " + r.host()
                        + "; give each host one entry");
            }
            out.add(r);
        }
        return List.copyOf(out);
    }

    private static Registry parse(JsonNode entry, int n) {
        String where = "entry " + n;
        if (!entry.isObject()) {
            throw new IllegalArgumentException(where + " is not an object; expected {\"url\": \"https://...\"}");
        }
        for (String key : entry.propertyNames()) {
            if (key.equals("username") || key.equals("password")) {
                throw new IllegalArgumentException(where + " has \"" + key + "\": credentials do not belong in config;"
                        + " put username and password in a Juju secret and set registry-credentials to its id");
            }
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(where + " has unknown key \"" + key + "\"; allowed: url, host,"
                        + " skip-verify, use-credentials");
            }
        }
        JsonNode urlNode = entry.path("url");
        if (!urlNode.isString() || urlNode.asString().isBlank()) {
            throw new IllegalArgumentException(where + " has no \"url\"; each entry needs one, for example"
                    + " {\"url\": \"https://registry.example:5000\"}");
        }
        String url = urlNode.asString().trim();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(where + " has url \"" + url + "\" that is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || url.contains("\"")
                || url.contains("\\")) {
            throw new IllegalArgumentException(where + " has url \"" + url + "\"; expected http://host[:port] or"
                    + " https://host[:port]");
        }
        String host = entry.hasNonNull("host") ? entry.get("host").asString().trim().toLowerCase(Locale.ROOT)
                : authority(uri);
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException(where + " has host \"" + host + "\"; expected a registry host name such"
                    + " as docker.io or registry.example:5000");
        }
        return new Registry(url, host, flag(entry, "skip-verify", where), !entry.has("use-credentials")
                || flag(entry, "use-credentials", where));
    }

    private static boolean flag(JsonNode entry, String key, String where) {
        JsonNode v = entry.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(where + " has \"" + key + "\": " + v + "; expected true or false");
        }
        return v.booleanValue();
    }

    private static String authority(URI uri) {
        return uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    /** The hosts.toml content (credentials go to containerd's own config: {@link #criAuth}). */
    String hostsToml() {
        // server is where pulls go when no host answers: the registry itself, or the mirrored upstream.
        String server = authority(URI.create(url)).equals(host) ? url
                : host.equals("docker.io") ? "https://registry-1.docker.io" : "https://" + host;
        StringBuilder sb = new StringBuilder();
        sb.append("# Written by the microk8s charm from custom-registries; changes here are overwritten.\n");
        sb.append("server = \"").append(server).append("\"\n\n");
        sb.append("[host.\"").append(url).append("\"]\n");
        sb.append("  capabilities = [\"pull\", \"resolve\"]\n");
        if (skipVerify) {
            sb.append("  skip_verify = true\n");
        }
        return sb.toString();
    }

    /**
     * The CRI plugin's credentials for this registry, lines of a containerd config TOML: the
     * form containerd 1.6 and 1.7 (what MicroK8s 1.31-1.33 ship) hand to their resolver, which
     * answers Basic and token (Bearer) challenges alike. A hosts.toml header is sent only to the
     * registry host, never to a token service, so Harbor, GHCR and Docker Hub refuse it. Keyed by
     * the host containerd contacts (the url's host:port), as Canonical's charm-microk8s does
     * (src/containerd.py at eb62df16).
     */
    List<String> criAuth(Credentials credentials) {
        String at = "plugins.\"io.containerd.grpc.v1.cri\".registry.configs.\"" + authority(URI.create(url)) + "\".auth";
        return List.of("[" + at + "]", "  username = " + tomlString(credentials.username()),
                "  password = " + tomlString(credentials.password()));
    }

    /** A TOML basic string. */
    static String tomlString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
