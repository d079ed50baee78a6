package io.jcharm.charms.seldoncore;

import io.jcharm.core.Component;
import io.jcharm.core.Container;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.pebble.PushOptions;
import io.jcharm.pebble.ServiceInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Puts the webhook certificate, key and CA where the manager's webhook server reads them
 * ({@value WebhookCerts#CERT_DIR}), writing only files that differ; a running manager is
 * restarted after a change, since it reads them once at start.
 *
 * <pre>{@code
 * new CertFilesComponent(certs, Gates.container(SeldonCoreCharm.CONTAINER));
 * }</pre>
 */
final class CertFilesComponent implements Component<Void> {
    private final Component<WebhookCerts> certs;
    private final Component<Container> container;

    CertFilesComponent(Component<WebhookCerts> certs, Component<Container> container) {
        this.certs = certs;
        this.container = container;
    }

    @Override
    public String name() {
        return "cert-files";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(certs, container);
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        write(model, inputs.get(certs), inputs.get(container));
        return null;
    }

    private static void write(Model model, WebhookCerts certs, Container container) {
        boolean changed = false;
        for (Map.Entry<String, String> f : certs.files().entrySet()) {
            if (container.pullTextIfExists(f.getKey()).filter(f.getValue()::equals).isPresent()) {
                continue;
            }
            int mode = f.getKey().endsWith(".key") ? 0600 : 0644;
            container.push(f.getKey(), f.getValue().getBytes(StandardCharsets.US_ASCII),
                    PushOptions.defaults().withMakeDirs().withPermissions(mode));
            changed = true;
        }
        if (changed) {
            model.log().info("wrote the webhook certificates to " + WebhookCerts.CERT_DIR);
            if (container.service(ManagerLayer.SERVICE).filter(ServiceInfo::isRunning).isPresent()) {
                container.restart(ManagerLayer.SERVICE);
            }
        }
    }
}
