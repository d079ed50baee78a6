package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.jcharm.core.StatusException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error policy, with the mock's expectations answering chosen requests (403, 409, 5xx,
 * slow) ahead of its CRUD store. Waits are recorded, not slept.
 */
class ApiErrorsTest {
    static final String CM = "/api/v1/namespaces/kubeflow/configmaps/x";
    static final String INVENTORY = "/api/v1/namespaces/kubeflow/configmaps/jcharm-seldon-core-s";
    @TempDir
    Path tmp;
    MockApi api;
    TestModel hook;
    final List<Duration> slept = new ArrayList<>();

    @BeforeEach
    void start() {
        api = new MockApi(tmp);
        hook = new TestModel("seldon-core", "kubeflow", api.env());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    Kubernetes kube(ApplyMode mode) {
        return Kubernetes.of(hook.model, KubeOptions.DEFAULT.withMode(mode).withSleeper(slept::add));
    }

    @Test
    void forbiddenBecomesBlockedAskingForTrust() {
        api.server.expect().post().withPath("/apis/rbac.authorization.k8s.io/v1/clusterroles").andReturn(403, status(403,
                "clusterroles.rbac.authorization.k8s.io is forbidden: User \"system:serviceaccount:kubeflow:seldon-core\""
                        + " cannot create resource")).once();

        StatusException e = assertThrows(StatusException.class, () -> kube(ApplyMode.CREATE_OR_REPLACE).resources("s")
                .apply(List.of(new ClusterRoleBuilder().withNewMetadata().withName("r").endMetadata().build())));

        assertEquals("blocked", e.status().name());
        assertEquals("Kubernetes API refused create ClusterRole: deploy with --trust", e.status().message());
        assertTrue(hook.logs("WARNING").get(0).contains("juju trust seldon-core --scope=cluster"), hook.logs.toString());
        assertEquals(List.of(), slept, "a refusal is not retried");
    }

    @Test
    void forbiddenServerSideApplyNamesThePatchVerb() {
        api.server.expect().patch().withPath(INVENTORY + "?fieldManager=seldon-core").andReturn(200, cm("jcharm-seldon-core-s")).always();
        api.server.expect().patch().withPath("/apis/rbac.authorization.k8s.io/v1/clusterroles/r?fieldManager=seldon-core")
                .andReturn(403, status(403, "forbidden")).once();

        StatusException e = assertThrows(StatusException.class, () -> kube(ApplyMode.SERVER_SIDE).resources("s")
                .apply(List.of(new ClusterRoleBuilder().withNewMetadata().withName("r").endMetadata().build())));

        assertEquals("Kubernetes API refused patch ClusterRole: deploy with --trust", e.status().message());
    }

    @Test
    void serverSideApplyForcesOnConflictAndSaysSo() throws Exception {
        api.server.expect().patch().withPath(INVENTORY + "?fieldManager=seldon-core").andReturn(200, cm("jcharm-seldon-core-s")).always();
        api.server.expect().patch().withPath(CM + "?fieldManager=seldon-core")
                .andReturn(409, status(409, "Apply failed with 1 conflict: conflict with \"kubectl\": .data.k")).always();
        // A conflict can even survive a forced apply (a racing writer): retried, then it succeeds.
        api.server.expect().patch().withPath(CM + "?fieldManager=seldon-core&force=true")
                .andReturn(409, status(409, "the object has been modified")).once();
        api.server.expect().patch().withPath(CM + "?fieldManager=seldon-core&force=true").andReturn(200, cm("x")).once();

        ApplyResult r = kube(ApplyMode.SERVER_SIDE).resources("s").apply(List.of(cm("x")));

        assertEquals(ApplyResult.Outcome.APPLIED, r.applied().values().iterator().next());
        List<String> patches = api.requests().stream().filter(x -> x.startsWith("PATCH " + CM)).toList();
        assertEquals(List.of("PATCH " + CM + "?fieldManager=seldon-core", "PATCH " + CM + "?fieldManager=seldon-core&force=true",
                "PATCH " + CM + "?fieldManager=seldon-core", "PATCH " + CM + "?fieldManager=seldon-core&force=true"), patches);
        assertEquals(2, hook.logs("WARNING").size(), hook.logs.toString());
        assertTrue(hook.logs("WARNING").get(0).contains("field conflict applying ConfigMap kubeflow/x (Apply failed with 1 conflict"));
        assertEquals(List.of(Duration.ofMillis(250)), slept);
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        api.server.expect().get().withPath(CM).andReturn(500, status(500, "etcdserver: leader changed")).times(2);

        ApplyResult r = kube(ApplyMode.CREATE_OR_REPLACE).resources("s").apply(List.of(cm("x")));

        assertEquals(ApplyResult.Outcome.CREATED, r.applied().values().iterator().next());
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(750)), slept);
        assertEquals(3, api.requests().stream().filter(("GET " + CM)::equals).count());
        assertEquals(List.of(), hook.logs("ERROR"));
    }

    @Test
    void exhaustedRetriesFailTheHookWithOneLogLine() {
        api.server.expect().get().withPath(CM).andReturn(503, status(503, "the server is currently unable to handle the request")).always();

        KubernetesApiException e = assertThrows(KubernetesApiException.class,
                () -> kube(ApplyMode.CREATE_OR_REPLACE).resources("s").apply(List.of(cm("x"))));

        assertEquals(503, e.code());
        assertEquals(4, api.requests().stream().filter(("GET " + CM)::equals).count());
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(750), Duration.ofMillis(2250)), slept);
        assertEquals(List.of("ERROR Kubernetes API: get ConfigMap kubeflow/x failed after 4 attempts: 503 the server is currently"
                + " unable to handle the request; the hook fails so that Juju retries it"), hook.logs("ERROR"));
    }

    @Test
    void aTimeoutIsRetried() throws Exception {
        api.server.expect().get().delay(3, TimeUnit.SECONDS).withPath(CM).andReturn(200, cm("x")).once();
        Kubernetes k = Kubernetes.of(hook.model, KubeOptions.DEFAULT.withMode(ApplyMode.CREATE_OR_REPLACE)
                .withSleeper(slept::add).withRequestTimeout(Duration.ofMillis(300)));

        ApplyResult r = k.resources("s").apply(List.of(cm("x")));

        assertEquals(ApplyResult.Outcome.CREATED, r.applied().values().iterator().next());
        assertEquals(List.of(Duration.ofMillis(250)), slept);
    }

    @Test
    void anInvalidObjectIsNotRetried() {
        // With the set's inventory in place, the only POST is the object's, and it meets the 422.
        api.admin().configMaps().inNamespace("kubeflow").resource(cm("jcharm-seldon-core-s")).create();
        api.server.expect().post().withPath("/api/v1/namespaces/kubeflow/configmaps")
                .andReturn(422, status(422, "ConfigMap \"x\" is invalid: data[bad key]: Invalid value")).once();

        KubernetesApiException e = assertThrows(KubernetesApiException.class,
                () -> kube(ApplyMode.CREATE_OR_REPLACE).resources("s").apply(List.of(cm("x"))));

        assertEquals(422, e.code());
        assertEquals(List.of(), slept);
        assertEquals(1, hook.logs("ERROR").size());
        assertTrue(hook.logs("ERROR").get(0).contains("create ConfigMap kubeflow/x failed: 422 ConfigMap \"x\" is invalid"),
                hook.logs("ERROR").get(0));
    }

    private static ConfigMap cm(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("kubeflow").endMetadata()
                .addToData("k", "v").build();
    }

    private static Status status(int code, String message) {
        return new StatusBuilder().withApiVersion("v1").withKind("Status").withStatus("Failure").withCode(code)
                .withMessage(message).withDetails(null).withMetadata(null).withReason(code == 403 ? "Forbidden" : null)
                .build();
    }

}
