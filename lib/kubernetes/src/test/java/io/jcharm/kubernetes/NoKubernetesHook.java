package io.jcharm.kubernetes;

import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.Gates;
import java.util.List;
import java.util.Map;

/**
 * What a charm does in a hook that never reaches Kubernetes: build its components (resource
 * sets with a supplier and with a namespace function, the Service ports) and ask their names and
 * dependencies.
 */
public final class NoKubernetesHook implements Runnable {
    @Override
    public void run() {
        TestModel hook = new TestModel("app", "model", Map.of());
        Kubernetes kube = Kubernetes.of(hook.model);
        Component<Void> leader = Gates.leader();
        Component<ApplyResult> resources = kube.component("resources", "control-plane", NoKubernetesHook::desired)
                .after(leader);
        Components components = Components.of(leader, resources,
                kube.componentIn("gateway", "gateway", resources, (ns, applied) -> desired()).removeOnlyIf(() -> true),
                kube.servicePorts("service", List.of(ExposedPort.tcp("http", 8080))));
        for (Component<?> c : components) {
            if (c.name().isEmpty() || c.dependsOn() == null) {
                throw new AssertionError(c);
            }
        }
        if (kube.applyMode() != ApplyMode.SERVER_SIDE) {
            throw new AssertionError(kube.applyMode());
        }
        kube.close();
    }

    /** Never called here; a charm keeps such code in its own resources class, as this is. */
    static List<io.fabric8.kubernetes.api.model.HasMetadata> desired() {
        return Manifest.load(NoKubernetesHook.class, "/manifests/control-plane.yaml").objects();
    }

    /** Touches the API types, to prove the recording loader would see fabric8 if it were loaded. */
    public static final class Touch implements Runnable {
        @Override
        public void run() {
            if (desired().isEmpty()) {
                throw new AssertionError("no objects");
            }
        }
    }
}
