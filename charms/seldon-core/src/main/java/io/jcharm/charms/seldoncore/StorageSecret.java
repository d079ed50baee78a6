package io.jcharm.charms.seldoncore;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.jcharm.kubernetes.ObjectRef;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kubernetes Secret of one served model: the RCLONE_CONFIG_* variables its storage
 * initializer takes through the graph's {@code envSecretRefName}, named after the model and
 * kept in the models resource set, so remove-model and the remove hook delete it with the model.
 *
 * <pre>{@code
 * Secret s = StorageSecret.of("iris", Map.of("RCLONE_CONFIG_S3_TYPE", "s3"));  // iris-rclone
 * }</pre>
 */
final class StorageSecret {
    static final String SUFFIX = "-rclone";

    private StorageSecret() {
    }

    static ObjectRef ref(String model) {
        return new ObjectRef("v1", "Secret", "", model + SUFFIX);
    }

    static Secret of(String model, Map<String, String> env) {
        Map<String, String> data = new LinkedHashMap<>();
        env.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withName(model + SUFFIX).endMetadata()
                .withType("Opaque").withData(data).build();
    }
}
