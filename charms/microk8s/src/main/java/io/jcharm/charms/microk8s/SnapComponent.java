package io.jcharm.charms.microk8s;

import io.jcharm.core.Component;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.Status;
import io.jcharm.core.StatusException;
import io.jcharm.core.process.CommandNotFoundException;
import io.jcharm.core.process.CommandResult;
import java.util.Optional;
import java.util.List;

/**
 * Installs the microk8s snap from the configured channel, refreshes it when the channel changes
 * (refusing a Kubernetes downgrade) and waits, bounded, until the node is ready.
 *
 * <pre>{@code
 * new SnapComponent(client)   // "[snap] refusing to downgrade microk8s from 1.32/stable ..."
 * }</pre>
 */
final class SnapComponent implements Component<Void> {
    private final MicroK8sClient client;
    private final Component<MicroK8sConfig> config;
    private final Component<?> role;

    SnapComponent(MicroK8sClient client, Component<MicroK8sConfig> config, Component<?> role) {
        this.config = config;
        this.role = role;
        this.client = client;
    }

    @Override
    public String name() {
        return "snap";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(config, role);
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        apply(model, inputs.get(config));
        return null;
    }

    private void apply(Model model, MicroK8sConfig cfg) throws StatusException {
        Channel want = cfg.snapChannel();
        Optional<InstalledSnap> have = installed(client);
        if (have.isEmpty()) {
            model.unit().setStatus(Status.maintenance("installing microk8s from " + want));
            client.install(want);
            model.log().info("installed microk8s from " + want);
            have = client.installed();
        } else if (!have.get().trackingChannel().equals(want.toString())) {
            InstalledSnap snap = have.get();
            checkStep(snap, want, client.info());
            RefreshTurns.awaitTurn(model, snap, want);
            model.unit().setStatus(Status.maintenance("refreshing microk8s from " + snap.tracking() + " to " + want));
            client.refresh(want);
            model.log().info("refreshed microk8s from " + snap.tracking() + " to " + want);
            have = client.installed();
        }
        have.ifPresent(s -> RefreshTurns.publish(model, s, want));
        have.ifPresent(s -> model.unit().setWorkloadVersion(s.version()));
        if (ClusterComponent.isWorkerNode(model)) {
            return; // a worker runs no API server: `microk8s status` has nothing to wait for there
        }
        requireReady(client, "");
    }

    /**
     * Waits, bounded, until the node serves again ({@code microk8s status --wait-ready}); Waiting
     * when it does not, so nothing after it asks a stopped API server.
     *
     * @param after what happened before, for the status ("" or "after kubelite restarted")
     */
    static void requireReady(MicroK8sClient client, String after) throws StatusException {
        CommandResult ready = client.waitReady();
        if (!ready.ok()) {
            String why = firstLine(ready.stdout() + "\n" + ready.stderr());
            String when = after.isEmpty() ? "after " + MicroK8sClient.READY_TIMEOUT_SECONDS + " s"
                    : MicroK8sClient.READY_TIMEOUT_SECONDS + " s " + after;
            throw StatusException.waiting("microk8s is not ready " + when + (why.isEmpty() ? "" : " (" + why + ")")
                    + "; update-status checks again");
        }
    }

    /**
     * Refuses a channel whose release (what {@code snap info} says it holds, not its name) is an
     * older Kubernetes minor than the installed one, or more than one minor ahead: Kubernetes
     * upgrades one minor at a time and never goes back.
     */
    static void checkStep(InstalledSnap snap, Channel want, SnapInfo store) throws StatusException {
        String target = store.version(want).orElseThrow(() -> StatusException.blocked("channel " + want
                + " holds no microk8s release in the snap store; choose a channel that `snap info microk8s` lists"
                + " with a version"));
        Optional<Integer> steps = Channel.minorSteps(snap.version(), target);
        if (steps.isEmpty()) {
            return; // a version without a number in it (a local build): nothing to compare
        }
        if (steps.get() < 0) {
            throw StatusException.blocked("refusing to downgrade microk8s from " + snap.tracking() + " ("
                    + snap.version() + ") to " + want + " (" + target + "): Kubernetes cannot go back a minor version;"
                    + " set channel to " + snap.tracking() + " or a later track");
        }
        if (steps.get() > 1) {
            throw StatusException.blocked("refusing to skip Kubernetes minor versions from " + snap.tracking() + " ("
                    + snap.version() + ") to " + want + " (" + target + "): upgrade one minor at a time; set channel to "
                    + want.nextMinorAfter(snap.version()) + " first");
        }
    }

    /** The installed snap; Blocked when the machine has no snap command at all (a retry will not help). */
    static Optional<InstalledSnap> installed(MicroK8sClient client) throws StatusException {
        try {
            return client.installed();
        } catch (CommandNotFoundException e) {
            throw StatusException.blocked("snapd is missing: " + e.program() + " was not found on PATH; deploy to an"
                    + " Ubuntu machine, or install snapd (apt install snapd)");
        }
    }

    static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("").strip();
    }
}
