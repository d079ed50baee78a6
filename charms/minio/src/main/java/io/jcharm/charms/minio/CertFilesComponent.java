package io.jcharm.charms.minio;

import io.jcharm.core.Component;
import io.jcharm.core.Container;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.pebble.PushOptions;
import io.jcharm.pebble.ServiceInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import io.jcharm.core.Inputs;
import java.util.Optional;

/**
 * Keeps MinIO's certificate files as the tls component says: writes those that differ, removes
 * them when TLS is turned off, and restarts a running MinIO after a change (it reads them at start).
 * Dependants receive whether MinIO serves TLS.
 *
 * <pre>{@code
 * Component<Boolean> certFiles = new CertFilesComponent(tls, container);
 * }</pre>
 */
final class CertFilesComponent implements Component<Boolean> {
    private final Component<Optional<TlsFiles>> tls;
    private final Component<Container> container;

    CertFilesComponent(Component<Optional<TlsFiles>> tls, Component<Container> container) {
        this.tls = tls;
        this.container = container;
    }

    @Override
    public String name() {
        return "cert-files";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(tls, container);
    }

    @Override
    public Boolean reconcile(Model model, Inputs inputs) throws StatusException {
        Container container = inputs.get(this.container);
        Optional<TlsFiles> wanted = inputs.get(tls);
        Map<String, String> files = wanted.map(TlsFiles::files).orElse(Map.of());
        boolean changed = false;
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (container.pullTextIfExists(f.getKey()).filter(f.getValue()::equals).isPresent()) {
                continue;
            }
            int mode = f.getKey().equals(TlsFiles.KEY) ? 0600 : 0644;
            container.push(f.getKey(), f.getValue().getBytes(StandardCharsets.US_ASCII),
                    PushOptions.defaults().withMakeDirs().withPermissions(mode));
            changed = true;
        }
        for (String path : List.of(TlsFiles.CERT, TlsFiles.KEY, TlsFiles.CA)) {
            if (!files.containsKey(path) && container.exists(path)) {
                container.remove(path, false);
                changed = true;
            }
        }
        if (changed) {
            model.log().info(wanted.isPresent() ? "wrote MinIO's TLS files to " + TlsFiles.CERTS_DIR
                    : "removed MinIO's TLS files: it serves plain HTTP");
            if (container.service(MinioLayer.SERVICE).filter(ServiceInfo::isRunning).isPresent()) {
                container.restart(MinioLayer.SERVICE);
            }
        }
        return wanted.isPresent();
    }
}
