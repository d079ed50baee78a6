package io.jcharm.relations;

import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A test charm that speaks each interface and records what it read in unit data. */
public final class WireCharm implements Charm {
    @Override
    public Components components(Model model) {
        return Components.of(
                Component.of("ingress", m -> {
                    for (Relation r : m.relations("ingress")) {
                        Optional<IngressRoute> route = IngressRoute.read(r);
                        route.ifPresent(x -> r.localUnit().put("seen", x.service() + ":" + x.port() + x.prefix()
                                + ">" + x.rewriteOrPrefix() + "@" + x.namespace().orElse("-")));
                    }
                }),
                Component.of("istio-pilot", m -> {
                    for (Relation r : m.relations("istio-pilot")) {
                        K8sService.publish(r, new K8sService("istiod." + m.name() + ".svc", "15012"));
                    }
                }),
                Component.of("gateway-info", m -> {
                    for (Relation r : m.relations("gateway-info")) {
                        GatewayInfo.publish(r, new GatewayInfo("kubeflow-gateway", m.name(), true));
                    }
                }),
                Component.of("gateway", m -> {
                    Optional<GatewayInfo> gw = GatewayInfo.fromEndpoint(m, "gateway");
                    if (gw.isPresent()) {
                        Relation r = m.relation("gateway").orElseThrow();
                        r.localUnit().put("gw", gw.get().qualifiedName()
                                + (r.remoteApp().get("gateway_up").isPresent() ? " up=" + gw.get().up() : ""));
                    }
                }),
                Component.of("ingress-auth", m -> {
                    for (Relation r : m.relations("ingress-auth")) {
                        IngressAuth.read(r).ifPresent(a -> r.localUnit().put("auth", a.service() + ":" + a.port()
                                + " request=" + a.allowedRequestHeaders() + " response=" + a.allowedResponseHeaders()));
                    }
                }),
                Component.of("auth", m -> {
                    Optional<Relation> r = m.relation("auth");
                    if (r.isPresent()) {
                        IngressAuth.request(r.get(), new IngressAuth("oidc-gatekeeper", 8080,
                                List.of("cookie", "X-Auth-Token"), List.of("kubeflow-userid")));
                    }
                }),
                Component.of("route", m -> {
                    Optional<Relation> r = m.relation("route");
                    if (r.isPresent()) {
                        IngressRoute.request(r.get(), new IngressRoute("wire", 8080, "/wire/", Optional.of("/"),
                                Optional.empty()));
                    }
                }),
                Component.of("object-storage", m -> {
                    for (Relation r : m.relations("object-storage")) {
                        ObjectStorage.publish(r, new ObjectStorage("minio", "test-key", "minio", 9000, false,
                                Optional.of(m.name())));
                    }
                }),
                Component.of("storage", m -> {
                    Optional<Relation> r = m.relation("storage");
                    if (r.isPresent()) {
                        ObjectStorage.read(r.get()).ifPresent(s -> r.get().localUnit().put("s3",
                                s.accessKey() + "@" + s.endpointUrl()));
                    }
                }),
                Component.of("relational-db", m -> {
                    Optional<Relation> r = m.relation("relational-db");
                    if (r.isPresent()) {
                        MysqlClient.request(r.get(), "mlflow");
                        MysqlClient.read(m, r.get()).ifPresent(db -> r.get().localUnit().put("db",
                                db.username() + ":" + db.password().length() + "@" + db.host() + ":" + db.port() + "/"
                                        + db.database() + " " + db.version().orElse("-")));
                    }
                }),
                Component.of("secrets", m -> m.relation("secrets").ifPresent(r -> KubernetesManifests.send(r,
                        List.of(Map.of("apiVersion", "v1", "kind", "Secret",
                                "metadata", Map.of("name", "wire-minio-artifact"),
                                "stringData", Map.of("AWS_ACCESS_KEY_ID", "minio")))))),
                Component.of("dashboard-links", m -> m.relation("dashboard-links").ifPresent(r -> DashboardLink.send(r,
                        List.of(new DashboardLink("MLflow", "/mlflow/", "external", "device:data-usage", "item", ""))))),
                Component.of("tracking", m -> {
                    for (Relation r : m.relations("tracking")) {
                        if (!m.isLeader()) {
                            continue;
                        }
                        Secret s = m.secrets().byLabel("s3").orElseGet(() -> m.secrets().addForApp(
                                new TrackingEndpoint.S3Credentials("minio", "minio123").content(), "s3"));
                        TrackingEndpoint.publish(r, new TrackingEndpoint("http://wire.test-model.svc.cluster.local:5000",
                                "s3://mlflow/", Optional.of("http://minio.test-model:9000"), Optional.empty()),
                                Optional.of(s));
                    }
                }),
                Component.of("tracker", m -> {
                    Optional<Relation> r = m.relation("tracker");
                    if (r.isPresent()) {
                        TrackingEndpoint.read(m, r.get()).ifPresent(t -> r.get().localUnit().put("tracking",
                                t.trackingUri() + " " + t.artifactRoot() + " " + t.s3Endpoint().orElse("-") + " "
                                        + t.s3().map(c -> c.accessKey() + ":" + c.secretKey()).orElse("-")));
                    }
                }));
    }
}
