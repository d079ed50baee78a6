package io.jcharm.kubernetes;

import io.jcharm.core.Component;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A component that keeps the ports of the application's Service (the one Juju creates) as the
 * charm wants them; nothing to undo on remove, since Juju deletes that Service.
 *
 * <pre>{@code
 * Component svc = Kubernetes.of(model).servicePorts("service", List.of(ExposedPort.tcp("http", 5000)));
 * }</pre>
 */
public final class ServicePortsComponent implements Component {
    private final String name;
    private final Kubernetes kube;
    private final Supplier<? extends List<ExposedPort>> ports;
    private final Set<String> dependsOn;

    ServicePortsComponent(String name, Kubernetes kube, Supplier<? extends List<ExposedPort>> ports, Set<String> dependsOn) {
        this.name = name;
        this.kube = kube;
        this.ports = ports;
        this.dependsOn = Set.copyOf(dependsOn);
    }

    /** The same component, run only when these earlier components proceeded. */
    public ServicePortsComponent dependingOn(String... names) {
        return new ServicePortsComponent(name, kube, ports, Set.of(names));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> dependsOn() {
        return dependsOn;
    }

    @Override
    public void reconcile(Model model) throws StatusException {
        List<ExposedPort> wanted = ports.get();
        try {
            kube.servicePatch().apply(wanted);
        } catch (KubernetesConfigException e) {
            throw StatusException.blocked(e.getMessage());
        }
    }
}
