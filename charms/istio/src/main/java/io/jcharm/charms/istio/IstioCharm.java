package io.jcharm.charms.istio;

import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.Gates;
import io.jcharm.core.Model;
import io.jcharm.core.Status;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.ApplyResult;
import io.jcharm.kubernetes.KubeOptions;
import io.jcharm.kubernetes.Kubernetes;
import java.util.Optional;

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
    public Components components(Model model) {
        Kubernetes kube = Kubernetes.of(model, options);
        Component<Void> leader = Gates.leader();
        Component<IstioConfig> config = Component.config(IstioConfig.class).after(leader);
        Component<Void> version = Component.of("version", config, (m, cfg) -> checkUpgrade(m, kube, cfg));
        Component<Optional<TlsMaterial>> tls = Component.providing("tls", config, TlsSecret::read);
        // Another Istio in the cluster refuses this one before anything (CRDs included) is applied.
        Component<ClusterIstio> live = Component.providing(ClusterIstio.COMPONENT, config,
                (m, cfg) -> ClusterIstio.read(m, kube)).after(version);
        // CRDs hold users' objects: removed only when purge-on-remove says so.
        Component<ApplyResult> crds = kube.component("crds", "crds", ControlPlaneObjects::crds)
                .removeOnlyIf(() -> purgeOnRemove(model)).after(live);
        Component<ApplyResult> controlPlane = kube.componentIn("control-plane", "control-plane", config, live,
                (ns, cfg, l) -> ControlPlaneObjects.controlPlane(cfg, ns, l)).after(crds, version);
        // The gateway's objects are not shared with another manager (Charmed Kubeflow's istio-gateway).
        Component<Void> gatewayOwner = Component.of(GatewayOwner.COMPONENT, m -> GatewayOwner.check(m, kube)).after(config);
        // ingress-auth is read once; its component reports, and the filter waits for a usable provider.
        Component<IngressAuthState> auth = Component.providing("ingress-auth-state", IngressAuthState::read).after(leader);
        Component<Void> authReport = Component.of(IngressAuthState.ENDPOINT, auth, (m, a) -> a.report());
        Component<ApplyResult> authFilter = kube.componentIn("auth-filter", "auth-filter", auth,
                (ns, a) -> a.filterObjects(model.app().name(), ns)).after(authReport, crds);
        Component<GatewayServing> serving = Component.providing("gateway-serving", tls, auth, authFilter.ifProceeded(),
                (m, t, a, filter) -> new GatewayServing(t, a.gatewayOpen(filter.isPresent())));
        Component<ApplyResult> gateway = kube.componentIn("gateway", "gateway", config, serving,
                (ns, cfg, s) -> s.objects(cfg, ns))
                .after(controlPlane, gatewayOwner);
        // Every valid route is served; the relations left out are reported by the ingress component.
        Component<IngressRoutes> ingressRoutes = Component.providing("ingress-routes", m -> IngressRoutes.read(m))
                .after(config);
        return Components.of(
                leader,
                config,
                version,
                tls,
                live,
                crds,
                controlPlane,
                Component.of("workload-version", controlPlane, config, (m, applied, cfg) -> recordVersion(m, cfg)),
                gatewayOwner,
                auth,
                authReport,
                authFilter,
                serving,
                gateway,
                ingressRoutes,
                Component.of(IngressRoutes.ENDPOINT, ingressRoutes, (m, read) -> read.report()),
                // Routes of a relation that is gone (or no longer valid) are pruned from this set.
                kube.componentIn("routes", "routes", config, ingressRoutes,
                        (ns, cfg, read) -> RouteObjects.desired(read.routes(), ns, cfg.defaultGateway())).after(crds),
                // gateway_up: the gateway applied in this hook, its Gateway served.
                Component.of("gateway-info", config, gateway.ifProceeded(), serving.ifProceeded(),
                        (m, cfg, applied, s) -> Publishers.gatewayInfo(m, cfg.defaultGateway(),
                                applied.isPresent() && s.map(GatewayServing::open).orElse(false))),
                Component.of("istio-pilot", Publishers::istioPilot).after(leader),
                Component.of("metrics-endpoint", Publishers::metrics).after(leader));
    }

    /**
     * Tears down routes, gateway and control plane (and the CRDs with purge-on-remove), last
     * applied first, but only when the whole application goes: a unit removed by a scale-down
     * must not take the mesh away from the units that stay.
     */
    @Override
    public void onRemove(Model model) {
        if (!model.app().isGoing("Istio's objects")) {
            return;
        }
        model.unit().setStatus(Status.maintenance("removing the Istio gateway and control plane"));
        Charm.super.onRemove(model);
    }

    /** Istio moves one minor version at a time, never back: refuse anything else before applying. */
    private static void checkUpgrade(Model model, Kubernetes kube, IstioConfig config) throws StatusException {
        IstioVersion wanted = config.version();
        Optional<String> applied = model.state().get(VERSION_KEY, String.class);
        if (applied.isEmpty()) {
            applied = ClusterVersion.read(kube); // a new leader has no unit state: ask the cluster
        }
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

    private static void recordVersion(Model model, IstioConfig config) {
        String tag = config.imageTag();
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
