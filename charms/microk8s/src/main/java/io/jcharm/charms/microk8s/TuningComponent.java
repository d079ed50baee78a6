package io.jcharm.charms.microk8s;

import io.jcharm.core.Component;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * This node's files: containerd's environment (containerd-env) and, with the edge profile, the
 * inotify sysctl drop-in and the kubelet's image GC and max-pods flags; restarts only the
 * service whose file changed.
 *
 * <pre>{@code
 * new TuningComponent(client, MachineFiles.from(model.environment()))
 * }</pre>
 */
final class TuningComponent implements Component<Void> {
    /** inotify limits for many pods watching files (Istio, Kubeflow); above what CKF's guide asks for. */
    static final String SYSCTL = """
            # Written by the microk8s charm (profile edge): inotify limits for many watching pods.
            fs.inotify.max_user_instances = 8192
            fs.inotify.max_user_watches = 1048576
            """;
    /** Small disks and little memory: collect images earlier and cap the pods per node. */
    static final List<String> EDGE_KUBELET_ARGS = List.of("--image-gc-high-threshold=70",
            "--image-gc-low-threshold=50", "--max-pods=64");

    private final MicroK8sClient client;
    private final MachineFiles files;
    private final Component<MicroK8sConfig> config;
    private final Component<?> snap;

    TuningComponent(MicroK8sClient client, MachineFiles files, Component<MicroK8sConfig> config, Component<?> snap) {
        this.config = config;
        this.snap = snap;
        this.client = client;
        this.files = files;
    }

    @Override
    public String name() {
        return "tuning";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(config, snap);
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        apply(model, inputs.get(config));
        return null;
    }

    private void apply(Model model, MicroK8sConfig cfg) throws StatusException {
        boolean edge = cfg.profile().equals("edge");
        if (files.setBlock(MachineFiles.CONTAINERD_ENV, "containerd-env", envLines(cfg.containerdEnvironment()))) {
            model.log().info("containerd-env changed: restarting containerd");
            client.restart("microk8s.daemon-containerd");
        }
        if (edge) {
            if (files.write(MachineFiles.SYSCTL_DROP_IN, SYSCTL, "rw-r--r--")) {
                client.sysctlLoad(files.path(MachineFiles.SYSCTL_DROP_IN).toString());
            }
        } else if (files.delete(MachineFiles.SYSCTL_DROP_IN)) {
            model.log().info("profile none: removed " + MachineFiles.SYSCTL_DROP_IN + " (the limits reset at reboot)");
        }
        if (files.setBlock(MachineFiles.KUBELET_ARGS, "edge-profile", edge ? EDGE_KUBELET_ARGS : List.of())) {
            model.log().info("kubelet arguments changed: restarting kubelite");
            client.restart("microk8s.daemon-kubelite");
            if (!ClusterComponent.isWorkerNode(model)) {
                // The API server is part of kubelite: what follows (addons, node status) needs it back.
                SnapComponent.requireReady(client, "after kubelite restarted");
            }
        }
    }

    /** export KEY='value', single-quoted: containerd-env is sourced by a shell script. */
    static List<String> envLines(Map<String, String> env) {
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add("export " + k + "='" + v.replace("'", "'\\''") + "'"));
        return out;
    }
}
