package io.jcharm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.local.fixture.MiniKube;
import io.jcharm.pebble.emulator.PebbleEmulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A sidecar charm on the local model: its container is a Pebble emulator (plan, files, services
 * "simulated active"), its Kubernetes objects live in the embedded API, and both survive from one
 * command to the next, a refresh (new pod: containers start afresh) and go with the application.
 */
class KubernetesModelTest {
    @TempDir
    Path tmp;

    private static List<String> names(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asString("").equals(kind))
                .map(o -> o.path("metadata").path("name").asString("")).toList();
    }

    @Test
    void aSidecarCharmGetsPebbleAndTheKubernetesApiAndBothPersist() {
        Path ws = Rehearsal.workspace(tmp.resolve("ws"), "k8s.yaml");
        Path dir = tmp.resolve("state");
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            Rehearsal.assertSettled(model.deploy(ws, List.of(), Progress.NONE), dir);
            ModelStatus.UnitStatus u = model.status().unit("web/0").orElseThrow();
            assertEquals("active", u.workload(), u.message() + " " + u.lastLog());
            PebbleEmulator app = model.workloads("web/0").get("app");
            assertEquals("active", app.service("greeter").orElseThrow().current());
            assertEquals("Howdy", app.fileText("/etc/greeter/greeting.conf").orElseThrow());
            List<JsonNode> objects = model.kubernetesObjects();
            assertEquals(List.of("web-greeting"), names(objects, "ConfigMap"));
            assertEquals(List.of("web"), names(objects, "StatefulSet"), "what Juju creates for the application");
            assertEquals(List.of("web-0"), names(objects, "Pod"));
            assertTrue(names(objects, "Namespace").contains("k8s-greeters"), "the model's namespace");
        }
        assertTrue(LocalModel.readStatus(dir, "3.6.14").unit("web/0").orElseThrow().simulated().contains("greeter simulated active"));
        assertFalse(java.nio.file.Files.exists(dir.resolve("kube.json")), "one state file: the objects are in model.json");
        assertEquals(List.of("web-greeting"), names(LocalModel.readKubernetesObjects(dir), "ConfigMap"));
        assertLossIsReported(dir);
        List<String> hooks = Rehearsal.hooksRun(dir, "web/0");
        assertEquals(List.of("install", "cluster-relation-created", "leader-elected", "config-changed", "start", "app-pebble-ready"),
                hooks);
        assertTimingsOf(dir, hooks);

        // The next command: the API and the container come back as they were.
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            assertEquals(List.of("web-greeting"), names(model.kubernetesObjects(), "ConfigMap"));
            model.config("web", Map.of("greeting", "Hey"), List.of());
            Rehearsal.assertSettled(model.settle(Progress.NONE), dir);
            PebbleEmulator app = model.workloads("web/0").get("app");
            assertEquals(List.of("greeter"), app.layerLabels(), "restored under its label; the charm found its layer in the plan");
            assertEquals("active", app.service("greeter").orElseThrow().current());
            assertEquals("Hey", app.fileText("/etc/greeter/greeting.conf").orElseThrow());
            JsonNode cm = model.kubernetesObjects().stream().filter(o -> o.path("kind").asString("").equals("ConfigMap"))
                    .findFirst().orElseThrow();
            assertEquals("Hey", cm.path("data").path("greeting").asString(""));

            model.refresh("web", TestCharms.greeter(tmp.resolve("v2"), true, "2"));
            Rehearsal.assertSettled(model.settle(Progress.NONE), dir);
            assertEquals("Hey", model.workloads("web/0").get("app").fileText("/etc/greeter/greeting.conf").orElseThrow());
        }
        List<String> after = Rehearsal.hooksRun(dir, "web/0");
        int at = after.indexOf("stop");
        assertEquals(List.of("stop", "upgrade-charm", "config-changed", "start", "app-pebble-ready"), after.subList(at, at + 5),
                "a sidecar refresh: the old charm stops, the new one upgrades and starts, pebble-ready again");

        assertTrue(java.nio.file.Files.exists(dir.resolve("kubeconfigs/web.yaml")));
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            model.removeApplication("web", false);
            Rehearsal.assertSettled(model.settle(Progress.NONE), dir);
            assertFalse(java.nio.file.Files.exists(dir.resolve("kubeconfigs/web.yaml")),
                    "the kubeconfig, with the token of the application's service account, goes with the application");
            List<JsonNode> objects = model.kubernetesObjects();
            assertTrue(objects.stream().noneMatch(o -> o.path("metadata").path("name").asString("").startsWith("web")),
                    objects + "\n" + String.join("\n", LocalModel.readLog(dir, 60, java.util.Optional.empty())));
        }
        assertTrue(LocalModel.readKubernetesObjects(dir).stream()
                .noneMatch(o -> o.path("metadata").path("name").asString("").startsWith("web")));
        List<String> end = Rehearsal.hooksRun(dir, "web/0");
        assertEquals(List.of("cluster-relation-broken", "stop", "remove"), end.subList(end.size() - 3, end.size()));
    }

    /** A copy of the model whose Kubernetes objects went missing is reported damaged, never shown active. */
    private void assertLossIsReported(Path dir) {
        Path copy = Rehearsal.copy(dir, tmp.resolve("lost-objects"));
        try {
            Path state = copy.resolve("model.json");
            tools.jackson.databind.node.ObjectNode doc = (tools.jackson.databind.node.ObjectNode)
                    tools.jackson.databind.json.JsonMapper.builder().build().readTree(state.toFile());
            doc.remove("kubernetes");
            java.nio.file.Files.writeString(state, doc.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        LocalModelException e = org.junit.jupiter.api.Assertions.assertThrows(LocalModelException.class,
                () -> LocalModel.readStatus(copy, "3.6.14"));
        assertEquals("the model's state file " + copy.resolve("model.json") + " is damaged: its Kubernetes objects (key "
                + "\"kubernetes\") are missing, though Kubernetes applications ran", e.detail());
        assertThrows(LocalModelException.class, () -> LocalModel.open(copy, Rehearsal.options()).close(), "nor opened as if fine");
    }

    @Test
    void aTokenRequestIsAnsweredWithATokenForAnExistingServiceAccountAndNotStored() throws Exception {
        Path ws = Rehearsal.workspace(tmp.resolve("tokens"), "k8s.yaml");
        Path dir = tmp.resolve("tokens-state");
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            Rehearsal.assertSettled(model.deploy(ws, List.of(), Progress.NONE), dir);
            MiniKube kube = MiniKube.fromKubeconfig(dir.resolve("kubeconfigs/web.yaml"));
            String accounts = kube.server() + "/api/v1/namespaces/k8s-greeters/serviceaccounts";
            String request = "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":{\"audiences\":[\"pipelines.kubeflow.org\"]}}";
            assertEquals(404, post(kube, accounts + "/runner/token", request).statusCode(), "no such service account yet");
            assertEquals(201, post(kube, accounts, "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"runner\"}}").statusCode());
            java.net.http.HttpResponse<String> answer = post(kube, accounts + "/runner/token", request);
            assertEquals(201, answer.statusCode(), answer.body());
            JsonNode tr = tools.jackson.databind.json.JsonMapper.builder().build().readTree(answer.body());
            assertEquals(3600, tr.path("spec").path("expirationSeconds").asLong(), "defaulted as the API server does");
            String claims = new String(java.util.Base64.getUrlDecoder().decode(tr.path("status").path("token").asString().split("\\.")[1]),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(claims.contains("\"sub\":\"system:serviceaccount:k8s-greeters:runner\"") && claims.contains("pipelines.kubeflow.org"), claims);
            assertTrue(names(model.kubernetesObjects(), "TokenRequest").isEmpty(), "a subresource answer, not a stored object");

            // Juju's own account for the application's pods, named after it, made at deploy and gone with it.
            assertEquals(201, post(kube, accounts + "/web/token", request).statusCode(), "the application's service account exists");
            assertTrue(names(model.kubernetesObjects(), "ServiceAccount").contains("web"), names(model.kubernetesObjects(), "ServiceAccount").toString());
            model.removeApplication("web", false);
            Rehearsal.assertSettled(model.settle(Progress.NONE), dir);
            assertFalse(names(model.kubernetesObjects(), "ServiceAccount").contains("web"), "removed with the application");
            assertTrue(names(model.kubernetesObjects(), "ServiceAccount").contains("runner"), "what others made stays");
        }
    }

    @Test
    void deletingACustomResourceDefinitionDeletesItsObjectsAsTheApiServerDoes() throws Exception {
        Path ws = Rehearsal.workspace(tmp.resolve("crds"), "k8s.yaml");
        Path dir = tmp.resolve("crds-state");
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            Rehearsal.assertSettled(model.deploy(ws, List.of(), Progress.NONE), dir);
            MiniKube kube = MiniKube.fromKubeconfig(dir.resolve("kubeconfigs/web.yaml"));
            String crds = kube.server() + "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
            assertEquals(201, post(kube, crds, "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"CustomResourceDefinition\","
                    + "\"metadata\":{\"name\":\"widgets.example.io\"},\"spec\":{\"group\":\"example.io\",\"scope\":\"Namespaced\","
                    + "\"names\":{\"kind\":\"Widget\",\"plural\":\"widgets\",\"singular\":\"widget\"},"
                    + "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true}]}}").statusCode());
            String widgets = kube.server() + "/apis/example.io/v1/namespaces/k8s-greeters/widgets";
            assertEquals(201, post(kube, widgets, "{\"apiVersion\":\"example.io/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w1\"}}")
                    .statusCode());
            assertEquals(201, post(kube, kube.server() + "/api/v1/namespaces/k8s-greeters/configmaps",
                    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"widgets\"}}").statusCode());
            assertEquals(List.of("w1"), names(model.kubernetesObjects(), "Widget"));

            java.net.http.HttpResponse<String> deleted = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create(crds + "/widgets.example.io")).header("Authorization", "Bearer " + kube.token())
                    .DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, deleted.statusCode(), deleted.body());
            assertTrue(names(model.kubernetesObjects(), "CustomResourceDefinition").isEmpty());
            assertEquals(List.of(), names(model.kubernetesObjects(), "Widget"), "the CRD's objects went with it");
            assertTrue(model.kubernetesObjects().stream().anyMatch(o -> "ConfigMap".equals(o.path("kind").asString(""))
                    && "widgets".equals(o.path("metadata").path("name").asString(""))), "objects of other kinds stay");
        }
    }

    private static java.net.http.HttpResponse<String> post(MiniKube kube, String url, String body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Authorization", "Bearer " + kube.token()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutTrustTheApplicationsKubernetesCallsGetTheForbiddenARealClusterGives() throws Exception {
        Path ws = Rehearsal.workspace(tmp.resolve("untrusted"), "k8s.yaml");
        java.nio.file.Files.writeString(ws.resolve("bundle.yaml"),
                java.nio.file.Files.readString(ws.resolve("bundle.yaml")).replace("    trust: true\n", ""));
        Path dir = tmp.resolve("untrusted-state");
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            SettleResult r = model.deploy(ws, List.of(), Progress.NONE);
            assertEquals(List.of("web/0"), r.inError(), "the charm's create of its ConfigMap was refused");
            ModelStatus.UnitStatus u = model.status().unit("web/0").orElseThrow();
            assertTrue(String.join("\n", u.lastLog()).contains("answered HTTP 403"), u.lastLog().toString());
            assertTrue(names(model.kubernetesObjects(), "ConfigMap").isEmpty());
            assertEquals(List.of("web"), names(model.kubernetesObjects(), "StatefulSet"), "Juju's own objects are made regardless");

            // What the charm's client saw: the API server's own Status, naming the service account.
            MiniKube kube = MiniKube.fromKubeconfig(dir.resolve("kubeconfigs/web.yaml"));
            java.net.http.HttpResponse<String> denied = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(kube.server() + "/api/v1/namespaces/k8s-greeters/configmaps"))
                            .header("Authorization", "Bearer " + kube.token()).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(403, denied.statusCode());
            assertTrue(denied.body().contains("\"message\":\"configmaps is forbidden: User \\\"system:serviceaccount:k8s-greeters:web\\\""
                    + " cannot list resource \\\"configmaps\\\" in API group \\\"\\\" in the namespace \\\"k8s-greeters\\\"\""), denied.body());
            assertTrue(denied.body().contains("\"reason\":\"Forbidden\"") && denied.body().contains("\"code\":403"), denied.body());
            java.net.http.HttpResponse<String> pods = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(kube.server() + "/api/v1/namespaces/k8s-greeters/pods"))
                            .header("Authorization", "Bearer " + kube.token()).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, pods.statusCode(), "an untrusted charm may still read its own pods");
        }
    }

    /** hook-timings.log has a line per hook, in order, and the hook that creates the ConfigMap made API requests. */
    private static void assertTimingsOf(Path dir, List<String> hooks) {
        List<String[]> lines;
        try {
            lines = java.nio.file.Files.readAllLines(dir.resolve("hook-timings.log")).stream().filter(l -> !l.startsWith("#"))
                    .map(l -> l.split("\t")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(hooks, lines.stream().filter(f -> f[1].equals("web/0")).map(f -> f[2]).toList());
        assertEquals(HookTimings.HEADER.split("\t").length, lines.get(0).length);
        assertTrue(lines.stream().anyMatch(f -> Long.parseLong(f[10]) > 0 && Double.parseDouble(f[11]) > 0), "a hook's API requests are counted");
        assertTrue(lines.stream().anyMatch(f -> Long.parseLong(f[8]) > 0), "the hooks' hook-tool calls are counted");
    }
}
