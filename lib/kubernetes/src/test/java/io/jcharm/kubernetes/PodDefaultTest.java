package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two shapes of one PodDefault: a plain manifest, and an object placed in a namespace. */
class PodDefaultTest {

    @Test
    void aManifestIsPlainMapsInKubernetesOrderWithoutANamespace() {
        PodDefault pd = new PodDefault("app-minio", "Allow access", "app-minio", List.of(
                PodDefault.fromRequiredSecret("AWS_ACCESS_KEY_ID", "app-artifact"), PodDefault.env("URL", "http://s3:9000")));
        assertEquals("{\"apiVersion\":\"kubeflow.org/v1alpha1\",\"kind\":\"PodDefault\",\"metadata\":{\"name\":\"app-minio\"},"
                + "\"spec\":{\"desc\":\"Allow access\",\"selector\":{\"matchLabels\":{\"app-minio\":\"true\"}},"
                + "\"env\":[{\"name\":\"AWS_ACCESS_KEY_ID\",\"valueFrom\":{\"secretKeyRef\":{\"name\":\"app-artifact\","
                + "\"key\":\"AWS_ACCESS_KEY_ID\",\"optional\":false}}},{\"name\":\"URL\",\"value\":\"http://s3:9000\"}]}}",
                Serialization.asJson(pd.manifest()));
    }

    @Test
    void aResourceCarriesTheNamespaceAndVolumesOnlyWhenThereAreSome() {
        PodDefault bare = new PodDefault("access", "d", "access", List.of(PodDefault.fromSecret("K", "s")));
        assertEquals("{\"apiVersion\":\"kubeflow.org/v1alpha1\",\"kind\":\"PodDefault\",\"metadata\":{\"name\":\"access\","
                + "\"namespace\":\"team-a\"},\"spec\":{\"desc\":\"d\",\"selector\":{\"matchLabels\":{\"access\":\"true\"}},"
                + "\"env\":[{\"name\":\"K\",\"valueFrom\":{\"secretKeyRef\":{\"name\":\"s\",\"key\":\"K\"}}}]}}",
                Serialization.asJson(bare.resource("team-a")));
        PodDefault mounted = new PodDefault("token", "d", "token", List.of(), List.of(Map.of("name", "v")),
                List.of(Map.of("mountPath", "/t")));
        assertEquals(List.of("desc", "selector", "env", "volumes", "volumeMounts"), List.copyOf(mounted.spec().keySet()));
        assertEquals(List.of(Map.of("mountPath", "/t")), mounted.resource("ns").getAdditionalProperties().get("spec") instanceof Map<?, ?> s
                ? s.get("volumeMounts") : null);
    }
}
