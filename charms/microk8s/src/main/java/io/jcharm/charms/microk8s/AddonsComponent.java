package io.jcharm.charms.microk8s;

import io.jcharm.core.Component;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.Status;
import io.jcharm.core.StatusException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the cluster's addons in step with the profile and the addons option (leader only:
 * addons are cluster-wide): enables what is wanted, disables what the charm managed and is no
 * longer wanted, and re-enables an addon whose arguments changed.
 *
 * <pre>{@code
 * juju config microk8s addons="ingress registry"   // microk8s enable ingress; microk8s enable registry
 * juju config microk8s addons="ingress"            // microk8s disable registry
 * }</pre>
 */
final class AddonsComponent implements Component<Void> {
    /** Addons the charm manages: name to the spec it enabled (a JSON object). */
    static final String STATE_KEY = "addons";

    private final MicroK8sClient client;
    private final Component<MicroK8sConfig> config;
    private final Component<?> cluster;

    AddonsComponent(MicroK8sClient client, Component<MicroK8sConfig> config, Component<?> cluster) {
        this.config = config;
        this.cluster = cluster;
        this.client = client;
    }

    @Override
    public String name() {
        return "addons";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(config, cluster);
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        apply(model, inputs.get(config));
        return null;
    }

    private void apply(Model model, MicroK8sConfig cfg) throws StatusException {
        if (!model.isLeader() || ClusterComponent.isWorkerNode(model)) {
            return; // addons are cluster-wide: one unit decides, the others just run them
        }
        List<Addon> wanted = cfg.wantedAddons();
        MicroK8sStatus status = client.status();
        // An addon of a repository that is not there yet (community/argocd) is checked once the
        // repository's own addon (community) has been enabled: `microk8s status` lists it only then.
        List<Addon> later = wanted.stream().filter(a -> a.repository().filter(r -> !status.hasRepository(r)
                && wanted.stream().anyMatch(w -> w.name().equals(r))).isPresent()).toList();
        for (Addon a : wanted) {
            if (!later.contains(a)) {
                requireKnown(status, a);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, String> managed = model.state().get(STATE_KEY, Map.class).orElse(Map.of());
        Map<String, String> wantedSpecs = new LinkedHashMap<>();
        wanted.forEach(a -> wantedSpecs.put(a.name(), a.spec()));

        List<Addon> disable = new ArrayList<>();
        managed.forEach((name, spec) -> {
            Addon old = Addon.parse(spec);
            if (MicroK8sStatus.BUILT_IN.contains(old.name()) && !wantedSpecs.containsKey(name)) {
                model.log().info(old.name() + " is no longer listed; it comes with the snap and stays installed");
                return;
            }
            boolean dropped = !wantedSpecs.containsKey(name);
            boolean argsChanged = !dropped && !spec.equals(wantedSpecs.get(name));
            if ((dropped || argsChanged) && status.isEnabled(old)) {
                disable.add(old);
            }
        });
        List<Addon> enable = new ArrayList<>();
        for (Addon a : wanted) {
            if (later.contains(a)) {
                continue;
            }
            boolean argsChanged = managed.containsKey(a.name()) && !managed.get(a.name()).equals(a.spec());
            if (!status.isEnabled(a) || argsChanged) {
                enable.add(a);
            }
        }
        if (!disable.isEmpty()) {
            model.unit().setStatus(Status.maintenance("disabling microk8s addons: " + names(disable)));
            for (Addon a : disable) {
                client.disable(a);
            }
            model.log().info("disabled microk8s addons: " + names(disable));
        }
        enableAll(model, enable);
        if (!later.isEmpty()) {
            MicroK8sStatus now = client.status(); // read again: the repositories are there now
            List<Addon> more = new ArrayList<>();
            for (Addon a : later) {
                requireKnown(now, a);
                if (!now.isEnabled(a)) {
                    more.add(a);
                }
            }
            enableAll(model, more);
        }
        // Every wanted addon is enabled now, so the charm manages it, even one enabled by hand before.
        if (!wantedSpecs.equals(managed)) {
            model.state().set(STATE_KEY, wantedSpecs);
        }
    }

    private void enableAll(Model model, List<Addon> enable) {
        if (enable.isEmpty()) {
            return;
        }
        model.unit().setStatus(Status.maintenance("enabling microk8s addons: " + names(enable)));
        for (Addon a : enable) {
            client.enable(a);
        }
        model.log().info("enabled microk8s addons: " + names(enable));
    }

    private static void requireKnown(MicroK8sStatus status, Addon a) throws StatusException {
        if (!status.knows(a)) {
            String repo = a.repository().filter(r -> !status.hasRepository(r))
                    .map(r -> "; its repository " + r + " is not enabled: list " + r + " in addons before " + a.spec())
                    .orElse("; fix addons (see `microk8s status` for the list) or choose another channel");
            throw StatusException.blocked("unknown addon '" + a.name() + "': the installed channel has no such addon" + repo);
        }
    }

    private static String names(List<Addon> addons) {
        return String.join(", ", addons.stream().map(Addon::spec).toList());
    }
}
