package io.jcharm.charms.minio;

import io.jcharm.core.Component;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.core.tools.SecretNotFoundException;
import io.jcharm.core.tools.SecretPermissionDeniedException;
import io.jcharm.core.Inputs;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether MinIO serves TLS, and with what: the Juju secret named by {@code tls-secret} (keys
 * {@code tls-crt}, {@code tls-key}, optional {@code ca-crt}), or the base64 {@code ssl-*}
 * options Charmed Kubeflow's charm has; neither means plain HTTP.
 *
 * <pre>{@code
 * Component<Optional<TlsFiles>> tls = new TlsComponent(config);  // empty without TLS
 * }</pre>
 */
final class TlsComponent implements Component<Optional<TlsFiles>> {
    static final String TLS_CRT = "tls-crt";
    static final String TLS_KEY = "tls-key";
    static final String CA_CRT = "ca-crt";
    private final Component<MinioConfig> config;

    TlsComponent(Component<MinioConfig> config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "tls";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(config);
    }

    @Override
    public Optional<TlsFiles> reconcile(Model model, Inputs inputs) throws StatusException {
        return resolve(model, inputs.get(config));
    }

    /** The TLS files {@code cfg} asks for; empty for plain HTTP. */
    static Optional<TlsFiles> resolve(Model model, MinioConfig cfg) throws StatusException {
        if (cfg.tlsSecret().isPresent()) {
            String id = cfg.tlsSecret().get();
            Map<String, String> content;
            try {
                content = model.secrets().byId(id).refresh();
            } catch (SecretNotFoundException | SecretPermissionDeniedException e) {
                throw StatusException.blocked("tls-secret " + id + " not found or not granted: juju grant-secret " + id
                        + " " + model.app().name());
            }
            if (!content.containsKey(TLS_CRT) || !content.containsKey(TLS_KEY)) {
                throw StatusException.blocked("tls-secret " + id + " needs keys " + TLS_CRT + " and " + TLS_KEY
                        + " (and optionally " + CA_CRT + "): juju update-secret " + id + " tls-crt=\"$(cat cert.pem)\" ...");
            }
            return Optional.of(new TlsFiles(content.get(TLS_CRT), content.get(TLS_KEY),
                    Optional.ofNullable(content.get(CA_CRT))));
        }
        Optional<String> cert = MinioConfig.pem("ssl-cert", cfg.sslCert());
        return cert.map(c -> new TlsFiles(c, MinioConfig.pem("ssl-key", cfg.sslKey()).orElseThrow(),
                MinioConfig.pem("ssl-ca", cfg.sslCa())));
    }
}
