package io.jcharm.relations;

import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code object-storage} interface (SDI v1), as Charmed Kubeflow's minio serves it and
 * mlflow-server, kfp-api, kfp-ui and argo-controller read it: the S3 credentials, the Service
 * and port of the storage, whether it speaks TLS, and its namespace.
 *
 * <pre>{@code
 * ObjectStorage.publish(relation, new ObjectStorage("minio", key, "minio", 9000, false, Optional.of("kubeflow")));
 * ObjectStorage s3 = ObjectStorage.read(relation).orElseThrow();   // requirer side
 * s3.endpointUrl();                                                 // "http://minio.kubeflow:9000"
 * }</pre>
 *
 * @param namespace absent when the provider did not say; consumers then assume their own model
 */
public record ObjectStorage(String accessKey, String secretKey, String service, int port, boolean secure,
                            Optional<String> namespace) {

    /** The only version either side of this interface has ever listed. */
    public static final List<String> VERSIONS = List.of("v1");

    /** minio-operator's v1 schema: every key required but the namespace, which may be null. */
    static final SdiSchema V1 = SdiSchema.builder().require("access-key", "string").require("secret-key", "string")
            .require("service", "string").require("port", "number").require("secure", "boolean")
            .optional("namespace", "string-or-null").build();

    /**
     * The URL consumers build, {@code http(s)://<service>.<namespace>:<port>} (without the
     * namespace when the provider gave none: the short name resolves in the same namespace).
     */
    public String endpointUrl() {
        return (secure ? "https" : "http") + "://" + service + namespace.map(ns -> "." + ns).orElse("") + ":" + port;
    }

    /**
     * Provider side (leader): lists v1 and writes the payload once the requirer listed its versions.
     *
     * @throws StatusException waiting while the requirer has not listed versions, blocked when none is common
     */
    public static void publish(Relation relation, ObjectStorage storage) throws StatusException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("access-key", storage.accessKey());
        payload.put("secret-key", storage.secretKey());
        payload.put("service", storage.service());
        payload.put("port", storage.port());
        payload.put("secure", storage.secure());
        storage.namespace().ifPresent(ns -> payload.put("namespace", ns));
        new Sdi(VERSIONS).send(relation, payload, V1);
    }

    /**
     * Requirer side: the provider's storage, empty until it has written it.
     *
     * @throws StatusException waiting/blocked on the SDI handshake, blocked naming the problem when the data is malformed
     */
    public static Optional<ObjectStorage> read(Relation relation) throws StatusException {
        return new Sdi(VERSIONS).receive(relation, V1).map(d -> new ObjectStorage((String) d.get("access-key"),
                (String) d.get("secret-key"), (String) d.get("service"), ((Number) d.get("port")).intValue(),
                (Boolean) d.get("secure"), Optional.ofNullable((String) d.get("namespace"))));
    }

    /** Never the secret key: a record's default toString would put it in any log line that shows it. */
    @Override
    public String toString() {
        return "ObjectStorage[" + accessKey + "@" + endpointUrl() + ", secret-key ***]";
    }
}
