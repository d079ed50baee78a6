package io.jcharm.charms.seldoncore;

import io.jcharm.kubernetes.certs.WebhookCertIssuer;
import io.jcharm.kubernetes.certs.WebhookCerts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.InvalidConfigException;
import io.jcharm.relations.GatewayInfo;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Quantities, images, certificates and serve-model requests, without a hook. */
class ValuesTest {

    @Test
    void quantitiesParseToBaseUnits() {
        assertEquals(0, new BigDecimal("0.5").compareTo(Quantity.parse("o", "500m").value()));
        assertEquals(0, new BigDecimal("536870912").compareTo(Quantity.parse("o", "512Mi").value()));
        assertEquals(0, new BigDecimal("1000").compareTo(Quantity.parse("o", "1e3").value()));
        assertEquals(0, new BigDecimal("0.5").compareTo(Quantity.parse("o", ".5").value()));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Quantity.parse("cpu", "half"));
        assertEquals("invalid config cpu: \"half\" is not a Kubernetes quantity; use a number with an optional suffix,"
                + " such as 0.5, 500m, 512Mi or 1Gi", e.getMessage());
        assertThrows(InvalidConfigException.class, () -> Quantity.parse("cpu", "-1"));
        assertThrows(InvalidConfigException.class, () -> Quantity.parse("cpu", "1KB"));
    }

    @Test
    void defaultImagesAreSeldon1171sAndFormTheConfigMapJson() {
        ServerImages d = ServerImages.defaults();
        assertEquals(Map.of("seldon", "seldonio/sklearnserver:1.17.1", "v2", "seldonio/mlserver:1.3.5-sklearn"),
                d.server("SKLEARN_SERVER"));
        assertEquals("seldon", d.primaryProtocol("TENSORFLOW_SERVER"));
        assertEquals("v2", d.primaryProtocol("TRITON_SERVER"));
        JsonNode predictors = JsonMapper.builder().build().readTree(d.configMapData().get("predictor_servers"));
        assertEquals("nvcr.io/nvidia/tritonserver", predictors.at("/TRITON_SERVER/protocols/v2/image").asString());
        assertEquals("21.08-py3", predictors.at("/TRITON_SERVER/protocols/v2/defaultImageVersion").asString());
        assertEquals(Set.of("SKLEARN_SERVER", "XGBOOST_SERVER", "MLFLOW_SERVER", "TENSORFLOW_SERVER", "TRITON_SERVER",
                "HUGGINGFACE_SERVER", "TEMPO_SERVER"), Set.copyOf(predictors.propertyNames()));
    }

    @Test
    void customImagesTakeCharmedKubeflowsKeysAndEmptyKeepsTheDefault() {
        // As an overlay for Charmed Kubeflow's seldon-core charm writes it.
        ServerImages i = ServerImages.withOverrides("""
                configmap__predictor__sklearn__seldon: reg.local:5000/seldonio/sklearnserver:1.17.1-fix
                configmap__predictor__sklearn__v2: ''
                configmap__predictor__xgboost__v2: reg.local/mlserver:1.3.5-xgboost
                configmap__predictor__tempo_server__v2: reg.local/mlserver:1.3.5-slim
                configmap_storageInitializer: reg.local/rclone:1.17.1
                configmap_explainer: ''
                """);
        assertEquals("reg.local:5000/seldonio/sklearnserver:1.17.1-fix", i.server("SKLEARN_SERVER").get("seldon"));
        assertEquals("seldonio/mlserver:1.3.5-sklearn", i.server("SKLEARN_SERVER").get("v2"), "untouched");
        assertEquals("reg.local/mlserver:1.3.5-xgboost", i.server("XGBOOST_SERVER").get("v2"));
        assertEquals("reg.local/mlserver:1.3.5-slim", i.server("TEMPO_SERVER").get("v2"));
        assertEquals("reg.local/rclone:1.17.1", i.image("storageInitializer"));
        assertEquals("seldonio/alibiexplainer:1.17.1", i.image("explainer"), "'' keeps the default");
        JsonNode predictors = JsonMapper.builder().build().readTree(i.configMapData().get("predictor_servers"));
        assertEquals("reg.local:5000/seldonio/sklearnserver", predictors.at("/SKLEARN_SERVER/protocols/seldon/image").asString());
        assertEquals("1.17.1-fix", predictors.at("/SKLEARN_SERVER/protocols/seldon/defaultImageVersion").asString());
    }

    /** The custom_images keys an unknown-key status lists, in the defaults' order. */
    static final String KNOWN_KEYS = "configmap__predictor__sklearn__seldon, configmap__predictor__sklearn__v2,"
            + " configmap__predictor__xgboost__seldon, configmap__predictor__xgboost__v2,"
            + " configmap__predictor__mlflow__seldon, configmap__predictor__mlflow__v2,"
            + " configmap__predictor__tensorflow__seldon, configmap__predictor__tensorflow__tensorflow,"
            + " configmap__predictor__triton__v2, configmap__predictor__huggingface__v2,"
            + " configmap__predictor__tempo_server__v2, configmap_storageInitializer, configmap_explainer,"
            + " configmap_explainer_v2";

    @Test
    void badCustomImagesNameTheKey() {
        assertEquals("invalid config custom_images: unknown key \"SKLEARN_SERVER\"; known keys: "
                + KNOWN_KEYS, message("SKLEARN_SERVER: a/b:1"));
        assertTrue(message("configmap__predictor__triton__seldon: a/b:1").startsWith(
                "invalid config custom_images: unknown key \"configmap__predictor__triton__seldon\"; known keys: "));
        assertEquals("invalid config custom_images: configmap__predictor__sklearn__seldon needs an image with a tag"
                + " (repo:tag; Seldon cannot use digests for prepackaged servers), got \"reg.local:5000/sklearnserver\"",
                message("configmap__predictor__sklearn__seldon: reg.local:5000/sklearnserver"));
        assertTrue(message("configmap_explainer: 42").startsWith(
                "invalid config custom_images: configmap_explainer must be an image"));
        assertTrue(message("configmap_explainer: [unclosed").startsWith("invalid config custom_images: not valid YAML: "),
                message("configmap_explainer: [unclosed"));
        assertEquals("invalid config custom_images: must be a YAML map such as \"configmap__predictor__sklearn__seldon:"
                + " registry.local/seldonio/sklearnserver:1.17.1\"", message("- a/b:1"));
    }

    private static String message(String yaml) {
        return assertThrows(InvalidConfigException.class, () -> ServerImages.withOverrides(yaml)).getMessage();
    }

    @Test
    void theServingCertificateChainsToTheCaAndNamesTheWebhookService() throws Exception {
        WebhookCerts certs = WebhookCertIssuer.issue(OperatorObjects.WEBHOOK_CA, OperatorObjects.WEBHOOK_SERVICE, "kubeflow", Instant.now(), new SecureRandom());
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509Certificate ca = (X509Certificate) cf.generateCertificate(stream(certs.caCrt()));
        X509Certificate tls = (X509Certificate) cf.generateCertificate(stream(certs.tlsCrt()));
        tls.verify(ca.getPublicKey());
        ca.verify(ca.getPublicKey());
        assertTrue(ca.getBasicConstraints() >= 0, "the CA is a CA");
        assertEquals(-1, tls.getBasicConstraints(), "the serving certificate is not");
        Set<String> sans = tls.getSubjectAlternativeNames().stream().map(l -> (String) l.get(1)).collect(Collectors.toSet());
        assertEquals(Set.of("seldon-webhook-service", "seldon-webhook-service.kubeflow",
                "seldon-webhook-service.kubeflow.svc", "seldon-webhook-service.kubeflow.svc.cluster.local"), sans);
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), tls.getExtendedKeyUsage(), "serverAuth");
        assertTrue(certs.tlsKey().startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(tls.getNotAfter().toInstant().isAfter(Instant.now().plusSeconds(9L * 365 * 86400)));
        assertEquals("WebhookCerts[***]", certs.toString(), "no PEM in toString");
    }

    @Test
    void certsRoundTripThroughTheSecretAndNameMissingKeys() {
        WebhookCerts certs = new WebhookCerts("ca", "crt", "key");
        assertEquals(certs, WebhookCerts.fromSecretContent(certs.toSecretContent()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebhookCerts.fromSecretContent(Map.of("ca-crt", "x")));
        assertEquals("the webhook-certs secret lacks tls-crt, tls-key", e.getMessage());
    }

    @Test
    void modelSourcesCheckTheModelUri() {
        assertEquals(new ModelSource("gs://seldon-models/sklearn/iris", Map.of()), source(" gs://seldon-models/sklearn/iris"));
        assertEquals(Map.of(), source("pvc://models/iris").env());
        assertEquals("model-uri \"ftp://host/m\" has scheme ftp, which Seldon's storage initializer (rclone copy) cannot"
                + " fetch; " + ModelSource.USE, failure("ftp://host/m"));
        assertTrue(failure("models/iris").contains("has no scheme"), failure("models/iris"));
        assertEquals("model-uri \"s3:///iris\" names no bucket (s3://<bucket>/<path>)", failure("s3:///iris"));
        assertEquals("model-uri \"pvc:///x\" names no PersistentVolumeClaim (pvc://<claim>/<path>)", failure("pvc:///x"));
        assertTrue(failure("gs://a b").startsWith("model-uri \"gs://a b\" is not a URI: "), failure("gs://a b"));
        String longName = "m".repeat(51);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServeRequest.of(longName, "gs://b/m", "SKLEARN_SERVER", 1, Optional.empty(), Optional.empty()));
        assertTrue(e.getMessage().contains("is 51 characters; at most 50"), e.getMessage());
    }

    @Test
    void secretContentBecomesRcloneVariables() {
        assertEquals(Map.of("RCLONE_CONFIG_S3_TYPE", "s3", "RCLONE_CONFIG_S3_PROVIDER", "AWS",
                "RCLONE_CONFIG_S3_ENV_AUTH", "false", "RCLONE_CONFIG_S3_ACCESS_KEY_ID", "a",
                "RCLONE_CONFIG_S3_SECRET_ACCESS_KEY", "b", "RCLONE_CONFIG_S3_REGION", "eu-west-1"),
                ModelSource.rcloneEnv(Map.of("access-key", "a", "secret-key", "b", "region", "eu-west-1"), "s3"));
        assertEquals(Map.of("RCLONE_CONFIG_MY_REMOTE_NO_CHECK_BUCKET", "true"),
                ModelSource.rcloneEnv(Map.of("rclone-config-my-remote-no-check-bucket", "true"), "s3"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelSource.checkSecret("secret:x", Map.of("access-key", "a")));
        assertEquals("secret secret:x has only one of access-key and secret-key; give both", e.getMessage());
    }

    private static ModelSource source(String uri) {
        return ModelSource.of(uri, Optional.empty(), Optional.empty(), false);
    }

    private static String failure(String uri) {
        return assertThrows(IllegalArgumentException.class, () -> source(uri)).getMessage();
    }

    @Test
    void endpointsFollowSeldonsConventions() {
        ServeRequest r = ServeRequest.of("iris", "gs://b/iris", "SKLEARN_SERVER", 1, Optional.empty(), Optional.empty());
        assertEquals("http://iris-default.models.svc.cluster.local:8000/api/v1.0/predictions",
                r.endpoint("models", "seldon", Optional.empty()));
        assertEquals("http://istio-ingressgateway-workload.istio-system.svc.cluster.local/seldon/models/iris/api/v1.0/predictions",
                r.endpoint("models", "seldon", Optional.of(new GatewayInfo("kubeflow-gateway", "istio-system", true))));
        assertEquals("http://iris-default.models.svc.cluster.local:8000/v2/models/iris/infer",
                r.endpoint("models", "v2", Optional.empty()));
    }

    private static ByteArrayInputStream stream(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
