package io.jcharm.kubernetes;

import io.jcharm.core.Component;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A component that keeps the ports of the application's Service (the one Juju creates) as the
 * charm wants them; nothing to undo on remove, since Juju deletes that Service.
 *
 * <pre>{@code
 * Component<Void> svc = kube.servicePorts("service", config, cfg -> List.of(ExposedPort.tcp("http", cfg.port())));
 * }</pre>
 */
public final class ServicePortsComponent implements Component<Void> {
    private final String name;
    private final Kubernetes kube;
    private final Function<Inputs, ? extends List<ExposedPort>> ports;
    private final List<Component<?>> dependsOn;

    ServicePortsComponent(String name, Kubernetes kube, Function<Inputs, ? extends List<ExposedPort>> ports,
                          List<Component<?>> dependsOn) {
        this.name = Objects.requireNonNull(name, "name");
        this.kube = Objects.requireNonNull(kube, "kube");
        this.ports = Objects.requireNonNull(ports, "ports");
        this.dependsOn = List.copyOf(dependsOn);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Component<?>> dependsOn() {
        return dependsOn;
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        List<ExposedPort> wanted = ports.apply(inputs);
        try {
            kube.servicePatch().apply(wanted);
            return null;
        } catch (KubernetesConfigException e) {
            throw StatusException.blocked(e.getMessage());
        }
    }
}
