package io.jcharm.charms.minio;

import io.jcharm.core.ActionContext;
import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.Container;
import io.jcharm.core.Gates;
import io.jcharm.core.Model;
import io.jcharm.core.PebbleLayerComponent;
import io.jcharm.core.tools.Port;
import io.jcharm.kubernetes.ExposedPort;
import io.jcharm.kubernetes.KubeOptions;
import io.jcharm.kubernetes.Kubernetes;
import io.jcharm.relations.GrafanaDashboards;
import io.jcharm.relations.LogForwarding;
import io.jcharm.relations.MetricsEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * MinIO object storage: the server under Pebble with its data on Juju storage, its root secret
 * key kept in a Juju secret, optional TLS, the S3 and console ports on the Service, and S3
 * credentials for every object-storage consumer.
 *
 * <pre>{@code
 * juju deploy ./minio_ubuntu-24.04-amd64.charm --trust --resource oci-image=docker.io/charmedkubeflow/minio:ckf-1.10-b40ac43
 * juju integrate mlflow:object-storage minio:object-storage
 * juju run minio/leader create-bucket name=datasets
 * }</pre>
 */
public final class MinioCharm implements Charm {
    static final String CONTAINER = "minio";
    static final String METRICS_ENDPOINT = "metrics-endpoint";
    static final String METRICS_PATH = "/minio/v2/metrics/cluster";
    private final KubeOptions options;

    public MinioCharm() {
        this(KubeOptions.DEFAULT);
    }

    /** For tests: other Kubernetes options (short timeouts). */
    MinioCharm(KubeOptions options) {
        this.options = options;
    }

    @Override
    public Components components(Model model) {
        Kubernetes kube = Kubernetes.of(model, options);
        Component<MinioConfig> config = Component.config(MinioConfig.class);
        // Every unit needs the key; only the leader makes it.
        Component<String> secretKey = new SecretKeyComponent(config);
        Component<Optional<TlsFiles>> tls = new TlsComponent(config);
        Component<Container> container = Gates.container(CONTAINER);
        Component<Boolean> certFiles = new CertFilesComponent(tls, container);
        Component<Void> leader = Gates.leader();
        return Components.of(
                config,
                secretKey,
                tls,
                Component.of("ports", config, (m, cfg) -> m.setPorts(List.of(Port.tcp(cfg.port()),
                        Port.tcp(cfg.consolePort())))),
                container,
                certFiles,
                PebbleLayerComponent.of(CONTAINER, CONTAINER, secretKey, certFiles,
                        (m, key, tlsOn) -> MinioLayer.layer(m.config(MinioConfig.class), key, tlsOn)).after(config),
                leader,
                kube.servicePorts("service", config, cfg -> List.of(
                        ExposedPort.tcp("minio", cfg.port()),
                        ExposedPort.tcp("minio-console", cfg.consolePort()))).after(leader),
                new ObjectStoragePublisher(config, secretKey, tls).after(leader),
                Component.of(METRICS_ENDPOINT, config, (m, cfg) -> {
                    MetricsEndpoint.publishUnitAddress(m, METRICS_ENDPOINT);
                    // Charmed Kubeflow's job: name, interval and path as its minio charm sets them.
                    MetricsEndpoint.publish(m, METRICS_ENDPOINT, "minio_metrics", "30s", METRICS_PATH,
                            List.of("*:" + cfg.port()));
                }),
                GrafanaDashboards.component("grafana-dashboard", MinioCharm.class, "grafana_dashboards/minio.json"),
                LogForwarding.component("logging", container));
    }

    @Override
    public void onAction(ActionContext action, Model model) {
        new BucketActions(model).run(action);
    }

}
