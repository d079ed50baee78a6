package io.jcharm.local;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who may do what on the embedded Kubernetes API, as a cluster that Juju manages decides it.
 * Each application's hooks reach the API with their own token (its service account, named after
 * the application in the model's namespace). A trusted application ({@code trust: true}, i.e.
 * {@code juju deploy --trust}) has full access to the cluster, as Juju grants it; an untrusted
 * one only reads the pods and services of its namespace (what a charm needs to see itself), and
 * anything else gets the {@code 403 Forbidden} Status a real API server answers. Requests without
 * an application token are the controller's own (Juju creating the application's pods) and pass.
 *
 * <pre>{@code
 * KubeAccess access = new KubeAccess("edge", app -> doc.applications.get(app).trust);
 * access.check("POST", "/api/v1/namespaces/edge/configmaps", "Bearer " + KubeAccess.token("seldon-core"));
 * // Optional[{"kind":"Status",...,"reason":"Forbidden",...,"code":403}]
 * }</pre>
 */
final class KubeAccess {
    private static final String PREFIX = "jcharm-local-sa-";
    /** What an untrusted application's role allows: read its pods and services. */
    private static final Set<String> READABLE = Set.of("pods", "services");
    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

    private final String namespace;
    private final Predicate<String> trusted;

    KubeAccess(String namespace, Predicate<String> trusted) {
        this.namespace = namespace;
        this.trusted = trusted;
    }

    /** The bearer token of an application's service account (written into its kubeconfig). */
    static String token(String app) {
        return PREFIX + app;
    }

    /** The application whose service account's token the Authorization header carries, if any. */
    static Optional<String> app(String authorization) {
        return authorization == null || !authorization.startsWith("Bearer " + PREFIX) ? Optional.empty()
                : Optional.of(authorization.substring(("Bearer " + PREFIX).length()).trim());
    }

    /** Empty when the request may go on; else the body of the 403 answer. */
    Optional<String> check(String method, String rawPath, String authorization) {
        Optional<String> caller = app(authorization);
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        String app = caller.get();
        if (trusted.test(app)) {
            return Optional.empty();
        }
        Request r = Request.parse(method, rawPath);
        if (r == null) {
            return Optional.empty(); // discovery (/api, /apis, /version): every authenticated user may read it
        }
        boolean allowed = READABLE.contains(r.resource()) && r.group().isEmpty() && READ_VERBS.contains(r.verb())
                && namespace.equals(r.namespace());
        if (allowed) {
            return Optional.empty();
        }
        String user = "system:serviceaccount:" + namespace + ":" + app;
        String where = r.namespace() == null ? "at the cluster scope" : "in the namespace \"" + r.namespace() + "\"";
        String message = r.resource() + (r.name() == null ? "" : " \"" + r.name() + "\"") + " is forbidden: User \"" + user
                + "\" cannot " + r.verb() + " resource \"" + r.resource() + "\" in API group \"" + r.group() + "\" " + where;
        ObjectNode status = JsonMapper.builder().build().createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", "Forbidden");
        ObjectNode details = status.putObject("details");
        if (r.name() != null) {
            details.put("name", r.name());
        }
        if (!r.group().isEmpty()) {
            details.put("group", r.group());
        }
        details.put("kind", r.resource());
        status.put("code", 403);
        return Optional.of(status.toString());
    }

    /**
     * A resource request, as the API server's request-info resolver splits a path.
     *
     * @param namespace null for a cluster-scoped request
     * @param name null for a collection
     */
    record Request(String verb, String group, String namespace, String resource, String name) {

        static Request parse(String method, String rawPath) {
            String path = rawPath;
            String query = "";
            int q = path.indexOf('?');
            if (q >= 0) {
                query = path.substring(q + 1);
                path = path.substring(0, q);
            }
            String[] parts = java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
            int i;
            String group;
            if (parts.length >= 3 && parts[0].equals("api")) {
                group = "";
                i = 2;
            } else if (parts.length >= 4 && parts[0].equals("apis")) {
                group = parts[1];
                i = 3;
            } else {
                return null;
            }
            String ns = null;
            if (parts.length > i + 1 && parts[i].equals("namespaces") && parts.length > i + 2) {
                ns = parts[i + 1];
                i += 2;
            }
            String resource = parts[i];
            String name = parts.length > i + 1 ? parts[i + 1] : null;
            if (parts.length > i + 2) {
                resource = resource + "/" + parts[i + 2]; // a subresource: pods/exec, deployments/status
            }
            if (ns == null && resource.equals("namespaces") && name != null) {
                ns = name; // a namespace is its own namespace, as the API server sees it
            }
            boolean watch = query.contains("watch=true") || query.contains("watch=1");
            String verb = switch (method.toUpperCase(java.util.Locale.ROOT)) {
                case "GET", "HEAD" -> name == null ? (watch ? "watch" : "list") : "get";
                case "POST" -> "create";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> name == null ? "deletecollection" : "delete";
                default -> method.toLowerCase(java.util.Locale.ROOT);
            };
            return new Request(verb, group, ns, resource, name);
        }
    }
}
