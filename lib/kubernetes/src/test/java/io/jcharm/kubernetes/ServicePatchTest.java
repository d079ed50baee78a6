package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.jcharm.core.StatusException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicePatchTest {
    @TempDir
    Path tmp;
    MockApi api;
    TestModel hook;

    @BeforeEach
    void start() {
        api = new MockApi(tmp);
        hook = new TestModel("mlflow-server", "kubeflow", api.env());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** The Service as Juju creates it for a sidecar application: a placeholder port. */
    private void jujuCreatesTheService() {
        api.admin().services().inNamespace("kubeflow").resource(new ServiceBuilder().withNewMetadata()
                .withName("mlflow-server").addToLabels("app.kubernetes.io/managed-by", "juju").endMetadata()
                .withNewSpec().withClusterIP("10.152.183.7").addToSelector("app.kubernetes.io/name", "mlflow-server")
                .addNewPort().withName("placeholder").withPort(65535).endPort().endSpec().build()).create();
        api.requests();
    }

    @Test
    void exposesTheWorkloadPortsOnJujusService() throws Exception {
        jujuCreatesTheService();

        boolean changed = Kubernetes.of(hook.model).servicePatch()
                .apply(List.of(ExposedPort.tcp("http", 5000), ExposedPort.tcp("grpc", 9000, 9500)));

        assertTrue(changed);
        assertEquals(List.of("PATCH /api/v1/namespaces/kubeflow/services/mlflow-server?fieldManager=mlflow-server"), api.writes());
        Service live = api.admin().services().inNamespace("kubeflow").withName("mlflow-server").get();
        List<ServicePort> ports = live.getSpec().getPorts();
        assertEquals(List.of("http", "grpc"), ports.stream().map(ServicePort::getName).toList());
        assertEquals(9000, ports.get(1).getPort());
        assertEquals(new IntOrString(9500), ports.get(1).getTargetPort());
        assertEquals("TCP", ports.get(1).getProtocol());
        assertEquals(Map.of("app.kubernetes.io/name", "mlflow-server"), live.getSpec().getSelector(), "Juju's selector stays");
        assertEquals("10.152.183.7", live.getSpec().getClusterIP());
    }

    @Test
    void matchingPortsAreNotWrittenAgain() throws Exception {
        jujuCreatesTheService();
        ServicePatch patch = Kubernetes.of(hook.model).servicePatch();
        patch.apply(List.of(ExposedPort.tcp("http", 5000)));
        api.requests();

        assertFalse(patch.apply(List.of(ExposedPort.tcp("http", 5000))));

        assertEquals(List.of(), api.writes());
    }

    @Test
    void waitsWhileJujusServiceIsMissing() {
        StatusException e = assertThrows(StatusException.class,
                () -> Kubernetes.of(hook.model).servicePatch().apply(List.of(ExposedPort.tcp("http", 5000))));
        assertEquals("waiting", e.status().name());
        assertEquals("waiting for Service mlflow-server in kubeflow: Juju creates it with the application", e.status().message());
    }

    @Test
    void theComponentPatchesOnReconcile() throws Exception {
        jujuCreatesTheService();
        io.jcharm.core.Component<Void> leader = io.jcharm.core.Gates.leader();
        var component = Kubernetes.of(hook.model).servicePorts("service", List.of(ExposedPort.udp("dns", 53)))
                .after(leader);

        component.reconcile(hook.model, io.jcharm.core.Inputs.none("service"));

        assertEquals("service", component.name());
        assertEquals(List.of(leader), component.dependsOn());
        ServicePort p = api.admin().services().inNamespace("kubeflow").withName("mlflow-server").get().getSpec().getPorts().get(0);
        assertEquals("UDP", p.getProtocol());
        assertEquals(53, p.getPort());
    }

    @Test
    void portsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ExposedPort.tcp("http", 0));
        assertThrows(IllegalArgumentException.class, () -> ExposedPort.tcp("HTTP", 80));
        assertThrows(IllegalArgumentException.class, () -> new ExposedPort("h", 80, 80, "ICMP"));
        assertEquals("SCTP", new ExposedPort("s", 80, 80, "sctp").protocol());
    }
}
