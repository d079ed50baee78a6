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
 * would make it within moments; and each Service gets a loopback cluster IP
 * ({@link ServiceAddresses}). Also exposes every stored object, for persisting the model.
 *
 * <pre>{@code
 * KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
 *         new LocalCrudDispatcher(new KubeAccess("edge", app -> true)), false);
 * }</pre>
 */
final class LocalCrudDispatcher extends KubernetesCrudDispatcher {
    private final ObjectMapper json = JsonMapper.builder().build();
    private final KubeAccess access;
    private final ServiceAddresses addresses = new ServiceAddresses();

    LocalCrudDispatcher(KubeAccess access) {
        this.access = access;
    }

    /** Refuses what the caller's service account may not do, as an API server's RBAC does; else serves it. */
    @Override
    public MockResponse dispatch(RecordedRequest request) {
        java.util.Optional<String> forbidden = access.check(request.getMethod(), request.getPath(), request.getHeader("Authorization"));
        if (forbidden.isPresent()) {
            return new MockResponse().setResponseCode(403).addHeader("Content-Type", "application/json").setBody(forbidden.get());
        }
        return super.dispatch(request);
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
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
