package io.jcharm.local;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * fabric8's CRUD dispatcher behind the cluster's access rules ({@link KubeAccess}), plus the one
 * controller charms wait for: a CustomResourceDefinition
 * becomes {@code Established} (and its names accepted) as soon as it is stored, as an API server
 * would make it within moments, and deleting it deletes every object of its kind, as the API
 * server does; and each Service gets a loopback cluster IP
 * ({@link ServiceAddresses}). Also exposes every stored object, for persisting the model.
 *
 * <pre>{@code
 * KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
 *         new LocalCrudDispatcher(new KubeAccess("edge", app -> true), new ServiceAddresses(1)), false);
 * }</pre>
 */
final class LocalCrudDispatcher extends KubernetesCrudDispatcher {
    private final ObjectMapper json = JsonMapper.builder().build();
    private final KubeAccess access;
    private final ServiceAddresses addresses;
    private final java.util.function.ObjLongConsumer<String> clock;

    LocalCrudDispatcher(KubeAccess access, ServiceAddresses addresses) {
        this(access, addresses, (app, nanos) -> { });
    }

    /** {@code clock} hears, per request of an application's service account, how long serving it took. */
    LocalCrudDispatcher(KubeAccess access, ServiceAddresses addresses, java.util.function.ObjLongConsumer<String> clock) {
        this.access = access;
        this.addresses = addresses;
        this.clock = clock;
    }

    /** Refuses what the caller's service account may not do, as an API server's RBAC does; else serves it. */
    @Override
    public MockResponse dispatch(RecordedRequest request) {
        long t0 = System.nanoTime();
        try {
            return serve(request);
        } finally {
            KubeAccess.app(request.getHeader("Authorization")).ifPresent(app -> clock.accept(app, System.nanoTime() - t0));
        }
    }

    private MockResponse serve(RecordedRequest request) {
        java.util.Optional<String> forbidden = access.check(request.getMethod(), request.getPath(), request.getHeader("Authorization"));
        if (forbidden.isPresent()) {
            return new MockResponse().setResponseCode(403).addHeader("Content-Type", "application/json").setBody(forbidden.get());
        }
        return super.dispatch(request);
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        java.util.regex.Matcher token = request.getPath() == null ? null : TOKEN_REQUEST.matcher(request.getPath());
        if (token != null && token.matches()) {
            return tokenRequest(request, token.group(1), token.group(2));
        }
        MockResponse r = super.handleCreate(request);
        establish(request);
        address(request);
        return r;
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        MockResponse r = super.handleUpdate(request);
        establish(request);
        address(request);
        return r;
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        MockResponse r = super.handlePatch(request);
        establish(request);
        address(request);
        return r;
    }

    /**
     * Deletes the object; for a CustomResourceDefinition also every stored object of its group
     * and kind, as the API server removes a CRD's instances before the CRD itself.
     */
    @Override
    public MockResponse handleDelete(String path) {
        java.util.Optional<JsonNode> crd = crdAt(path);
        MockResponse r = super.handleDelete(path);
        crd.filter(c -> crdAt(path).isEmpty()).ifPresent(this::deleteInstances);
        return r;
    }

    private synchronized java.util.Optional<JsonNode> crdAt(String path) {
        java.util.regex.Matcher m = CRD_PATH.matcher(path == null ? "" : path);
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        return getMap().values().stream().map(json::readTree).filter(o -> "CustomResourceDefinition".equals(o.path("kind").asString(""))
                && m.group(1).equals(o.path("metadata").path("name").asString(""))).findFirst();
    }

    private synchronized void deleteInstances(JsonNode crd) {
        String group = crd.path("spec").path("group").asString("");
        String kind = crd.path("spec").path("names").path("kind").asString("");
        getMap().values().removeIf(v -> {
            JsonNode o = json.readTree(v);
            return kind.equals(o.path("kind").asString("")) && o.path("apiVersion").asString("").startsWith(group + "/");
        });
    }

    private static final java.util.regex.Pattern CRD_PATH =
            java.util.regex.Pattern.compile("/apis/apiextensions\\.k8s\\.io/v1/customresourcedefinitions/([^/?]+)(\\?.*)?");

    /** {@code POST /api/v1/namespaces/<ns>/serviceaccounts/<name>/token}: a subresource, never stored. */
    private static final java.util.regex.Pattern TOKEN_REQUEST =
            java.util.regex.Pattern.compile("/api/v1/namespaces/([^/]+)/serviceaccounts/([^/?]+)/token(\\?.*)?");

    /**
     * Answers a TokenRequest as the API server does: 201 with the request echoed, its
     * {@code expirationSeconds} defaulted to an hour, and {@code status.token} (a JWT-shaped token
     * naming the service account; nothing checks its signature here) with its expiry; 404 when the
     * service account does not exist.
     */
    private synchronized MockResponse tokenRequest(RecordedRequest request, String namespace, String name) {
        boolean exists = getMap().values().stream().map(json::readTree).anyMatch(o -> "ServiceAccount".equals(o.path("kind").asString(""))
                && name.equals(o.path("metadata").path("name").asString("")) && namespace.equals(o.path("metadata").path("namespace").asString("")));
        if (!exists) {
            return new MockResponse().setResponseCode(404).addHeader("Content-Type", "application/json").setBody(
                    "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                    + "\"serviceaccounts \\\"" + name + "\\\" not found\",\"reason\":\"NotFound\",\"details\":{\"name\":\"" + name
                    + "\",\"kind\":\"serviceaccounts\"},\"code\":404}");
        }
        ObjectNode tr = (ObjectNode) json.readTree(request.getBody().readUtf8());
        tr.put("apiVersion", "authentication.k8s.io/v1");
        tr.put("kind", "TokenRequest");
        ObjectNode meta = tr.has("metadata") ? (ObjectNode) tr.get("metadata") : tr.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", namespace);
        meta.put("creationTimestamp", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        ObjectNode spec = tr.has("spec") ? (ObjectNode) tr.get("spec") : tr.putObject("spec");
        long seconds = spec.path("expirationSeconds").asLong(3600);
        spec.put("expirationSeconds", seconds);
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String claims = "{\"aud\":" + spec.path("audiences").toString() + ",\"exp\":" + now.plusSeconds(seconds).getEpochSecond()
                + ",\"iat\":" + now.getEpochSecond() + ",\"iss\":\"https://kubernetes.default.svc.cluster.local\",\"sub\":"
                + "\"system:serviceaccount:" + namespace + ":" + name + "\"}";
        ObjectNode status = tr.putObject("status");
        status.put("token", b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"jcharm-local\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".simulated-by-the-jcharm-local-model");
        status.put("expirationTimestamp", now.plusSeconds(seconds).toString());
        return new MockResponse().setResponseCode(201).addHeader("Content-Type", "application/json").setBody(json.writeValueAsString(tr));
    }

    /** Every stored object's JSON. */
    synchronized List<String> objects() {
        return new ArrayList<>(getMap().values());
    }

    /** Gives each stored Service without a cluster IP its loopback address, as the API server allocates one. */
    private synchronized void address(RecordedRequest request) {
        if (request.getPath() == null || !request.getPath().contains("/services")) {
            return;
        }
        for (Map.Entry<AttributeSet, String> e : getMap().entrySet()) {
            JsonNode node = json.readTree(e.getValue());
            if ("Service".equals(node.path("kind").asString("")) && addresses.assign((ObjectNode) node)) {
                e.setValue(json.writeValueAsString(node));
            }
        }
    }

    private synchronized void establish(RecordedRequest request) {
        if (request.getPath() == null || !request.getPath().contains("/customresourcedefinitions")) {
            return;
        }
        for (Map.Entry<AttributeSet, String> e : getMap().entrySet()) {
            JsonNode node = json.readTree(e.getValue());
            if (!"CustomResourceDefinition".equals(node.path("kind").asString("")) || established(node)) {
                continue;
            }
            ObjectNode status = ((ObjectNode) node).putObject("status");
            ArrayNode conditions = status.putArray("conditions");
            for (String type : List.of("NamesAccepted", "Established")) {
                ObjectNode c = conditions.addObject();
                c.put("type", type);
                c.put("status", "True");
                c.put("reason", type.equals("Established") ? "InitialNamesAccepted" : "NoConflicts");
                c.put("message", "simulated by the jcharm local model");
                c.put("lastTransitionTime", java.time.Instant.now().toString());
            }
            status.set("acceptedNames", node.path("spec").path("names").deepCopy());
            ArrayNode stored = status.putArray("storedVersions");
            for (JsonNode v : node.path("spec").path("versions")) {
                if (v.path("storage").asBoolean(false)) {
                    stored.add(v.path("name").asString(""));
                }
            }
            e.setValue(json.writeValueAsString(node));
        }
    }

    private static boolean established(JsonNode crd) {
        for (JsonNode c : crd.path("status").path("conditions")) {
            if ("Established".equals(c.path("type").asString("")) && "True".equals(c.path("status").asString(""))) {
                return true;
            }
        }
        return false;
    }
}
