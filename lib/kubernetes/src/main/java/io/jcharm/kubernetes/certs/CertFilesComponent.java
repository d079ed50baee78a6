package io.jcharm.kubernetes.certs;

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
 * Puts the webhook certificate, key and CA where the webhook server reads them ({@link CertLayout}),
 * writing only files that differ; the Pebble service that serves the webhook is restarted after a
 * change when it runs, since servers such as controller-runtime's read them once at start.
 *
 * <pre>{@code
 * new CertFilesComponent(certs, Gates.container("seldon-core"), CertLayout.CONTROLLER_RUNTIME, "seldon-core");
 * }</pre>
 */
public final class CertFilesComponent implements Component<Void> {
    private final Component<WebhookCerts> certs;
    private final Component<Container> container;
    private final CertLayout layout;
    private final String service;

    /** Writes {@code certs} into {@code container} as {@code layout} says; restarts Pebble service {@code service}. */
    public CertFilesComponent(Component<WebhookCerts> certs, Component<Container> container, CertLayout layout,
                              String service) {
        this.certs = certs;
        this.container = container;
        this.layout = layout;
        this.service = service;
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

    private void write(Model model, WebhookCerts certs, Container container) {
        boolean changed = false;
        for (Map.Entry<String, String> f : certs.files(layout).entrySet()) {
            if (container.pullTextIfExists(f.getKey()).filter(f.getValue()::equals).isPresent()) {
                continue;
            }
            int mode = f.getKey().equals(layout.keyPath()) ? 0600 : 0644;
            container.push(f.getKey(), f.getValue().getBytes(StandardCharsets.US_ASCII),
                    PushOptions.defaults().withMakeDirs().withPermissions(mode));
            changed = true;
        }
        if (changed) {
            model.log().info("wrote the webhook certificates to " + layout.dir());
            if (container.service(service).filter(ServiceInfo::isRunning).isPresent()) {
                container.restart(service);
            }
        }
    }
}
