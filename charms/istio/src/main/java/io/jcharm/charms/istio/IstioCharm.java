package io.jcharm.charms.istio;

import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Gates;
import io.jcharm.core.Model;
import io.jcharm.core.Status;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.KubeOptions;
import io.jcharm.kubernetes.Kubernetes;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Istio for the stack, with no workload container: the leader applies the CRDs, the control
 * plane (istiod), the ingress gateway and its Gateway, and one VirtualService per ingress route,
 * and tells related applications where the gateway and istiod are.
 *
 * <pre>{@code
 * juju deploy ./istio_ubuntu-24.04-amd64.charm --trust --config default-gateway=kubeflow-gateway
 * juju integrate istio:gateway-info seldon-core:gateway-info
 * }</pre>
 */
public final class IstioCharm implements Charm {
    /** Unit state key: the Istio version (image tag) the control plane was last applied with. */
    static final String VERSION_KEY = "istio-version";
    private final KubeOptions options;

    public IstioCharm() {
        this(KubeOptions.DEFAULT);
    }

    /** For tests: other Kubernetes options (short timeouts). */
    IstioCharm(KubeOptions options) {
        this.options = options;
    }

    @Override
    public List<Component> components(Model model) {
        HookFacts facts = new HookFacts();
        Kubernetes kube = Kubernetes.of(model, options);
        return List.of(
                Gates.leader(),
                Component.of("config", Set.of("leader"), m -> m.config(IstioConfig.class)),
                Component.of("version", Set.of("config"), m -> checkUpgrade(m, kube)),
                new TlsComponent(facts),
                // CRDs hold users' objects: removed only when purge-on-remove says so.
                kube.component("crds", "crds", ControlPlaneObjects::crds).dependingOn("config")
                        .removeOnlyIf(() -> purgeOnRemove(model)),
                kube.componentIn("control-plane", "control-plane", ns -> ControlPlaneObjects.controlPlane(config(model), ns))
                        .dependingOn("crds", "version").afterApply(applied -> recordVersion(model)),
                kube.componentIn("gateway", "gateway", ns -> GatewayObjects.desired(config(model), ns, facts.tls))
                        .dependingOn("control-plane", "tls").afterApply(applied -> facts.gatewayApplied = true),
                new IngressComponent(facts),
                // Routes of a relation that is gone (or no longer valid) are pruned from this set.
                kube.componentIn("routes", "routes", ns -> {
                    if (!facts.routesRead) {
                        throw new IllegalStateException("routes applied before the ingress relations were read");
                    }
                    return RouteObjects.desired(facts.routes, ns, config(model).defaultGateway());
                }).dependingOn("crds"),
                Component.of("gateway-info", Set.of("config"), m -> Publishers.gatewayInfo(m, facts.gatewayApplied)),
                Component.of("istio-pilot", Set.of("leader"), Publishers::istioPilot),
                Component.of("metrics-endpoint", Set.of("leader"), Publishers::metrics));
    }

    /**
     * Tears down routes, gateway and control plane (and the CRDs with purge-on-remove), last
     * applied first, but only when the whole application goes: a unit removed by a scale-down
     * must not take the mesh away from the units that stay.
     */
    @Override
    public void onRemove(Model model) {
        if (!model.isLeader()) {
            model.log().info("not the leader: the leader removes Istio's objects when the application goes");
            return;
        }
        int remaining = model.app().plannedUnits();
        if (remaining > 0) {
            model.log().info(remaining + " unit(s) of " + model.app().name() + " remain: Istio's objects stay");
            return;
        }
        model.unit().setStatus(Status.maintenance("removing the Istio gateway and control plane"));
        Charm.super.onRemove(model);
    }

    private static IstioConfig config(Model model) {
        return model.config(IstioConfig.class);
    }

    /** Istio moves one minor version at a time, never back: refuse anything else before applying. */
    private static void checkUpgrade(Model model, Kubernetes kube) throws StatusException {
        IstioVersion wanted = config(model).version();
        Optional<String> applied = model.state().get(VERSION_KEY, String.class).or(() -> ClusterVersion.read(kube));
        if (applied.isEmpty()) {
            return; // a first install
        }
        IstioVersion from;
        try {
            from = IstioVersion.parse(applied.get());
        } catch (IllegalArgumentException e) {
            model.log().warning("the applied Istio version " + applied.get() + " cannot be compared: " + e.getMessage());
            return;
        }
        Optional<String> refusal = wanted.refusalFrom(from);
        if (refusal.isPresent()) {
            throw StatusException.blocked(refusal.get());
        }
    }

    private static void recordVersion(Model model) {
        String tag = config(model).imageTag();
        if (!model.state().get(VERSION_KEY, String.class).filter(tag::equals).isPresent()) {
            model.state().set(VERSION_KEY, tag);
        }
        model.unit().setWorkloadVersion(tag);
    }

    private static boolean purgeOnRemove(Model model) {
        // Read raw: a config mistake elsewhere must not decide whether users' objects are deleted.
        return Boolean.parseBoolean(String.valueOf(model.rawConfig().getOrDefault("purge-on-remove", false)));
    }
}
