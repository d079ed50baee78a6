package io.jcharm.charms.microk8s;

import io.jcharm.core.Component;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import java.util.ArrayList;
import java.util.List;

/**
 * The API server certificate's extra names (extra-sans), so a kubeconfig that points at the
 * unit's public address or a DNS name verifies from outside. As Canonical's charm-microk8s does
 * (src/microk8s.py configure_extra_sans at eb62df16): a marked block appended to
 * {@code certs/csr.conf.template} that adds to its {@code [ alt_names ]} section, numbered from
 * 1000 so it never clashes with the snap's own entries, then {@code microk8s refresh-certs -e
 * server.crt} when the block changed. Control-plane nodes only: a worker serves no API.
 *
 * <pre>{@code
 * juju config microk8s extra-sans="%UNIT_PUBLIC_ADDRESS%,k8s.example.com"
 * # [ alt_names ]  IP.1000 = 203.0.113.10  DNS.1001 = k8s.example.com
 * }</pre>
 */
final class ExtraSansComponent implements Component<Void> {
    static final String CSR_TEMPLATE = "/var/snap/microk8s/current/certs/csr.conf.template";

    private final MicroK8sClient client;
    private final MachineFiles files;
    private final Component<MicroK8sConfig> config;
    private final Component<?> cluster;

    ExtraSansComponent(MicroK8sClient client, MachineFiles files, Component<MicroK8sConfig> config, Component<?> cluster) {
        this.client = client;
        this.files = files;
        this.config = config;
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "extra-sans";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(config, cluster);
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        if (ClusterComponent.isWorkerNode(model)) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        List<String> sans = MicroK8sConfig.sans(inputs.get(config).extraSans());
        if (!sans.isEmpty()) {
            lines.add("[ alt_names ]");
            for (int i = 0; i < sans.size(); i++) {
                String san = sans.get(i).equals(MicroK8sConfig.PUBLIC_ADDRESS) ? client.publicAddress() : sans.get(i);
                lines.add((isIp(san) ? "IP." : "DNS.") + (1000 + i) + " = " + san);
            }
        }
        if (!lines.isEmpty() && files.read(CSR_TEMPLATE).isEmpty()) {
            throw StatusException.waiting(CSR_TEMPLATE + " is missing, so extra-sans cannot reach the API server"
                    + " certificate; check the microk8s snap installed fully (snap list microk8s)");
        }
        if (files.setBlock(CSR_TEMPLATE, "extra-sans", lines, "rw-------")) {
            model.log().info("API server certificate names changed (" + String.join(", ", lines.subList(
                    Math.min(1, lines.size()), lines.size())) + "): re-issuing server.crt");
            client.refreshServerCert();
        }
        return null;
    }

    private static boolean isIp(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || s.contains(":");
    }
}
