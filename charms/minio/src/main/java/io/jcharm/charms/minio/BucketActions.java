package io.jcharm.charms.minio;

import io.jcharm.core.ActionContext;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.s3.BucketName;
import io.jcharm.s3.Buckets;
import io.jcharm.s3.S3Endpoint;
import io.jcharm.s3.S3Exception;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code create-bucket} and {@code list-buckets} actions: S3 calls to this unit's MinIO with
 * the root credentials, from the charm container of the same pod (plain HTTP on localhost; with
 * TLS, the Service's name, which the certificate is expected to hold).
 *
 * <pre>{@code
 * new BucketActions(model).run(action);
 * }</pre>
 */
final class BucketActions {
    private final Model model;

    BucketActions(Model model) {
        this.model = model;
    }

    void run(ActionContext action) {
        switch (action.name()) {
            case "create-bucket" -> create(action);
            case "list-buckets" -> list(action);
            default -> action.fail("action " + action.name() + " is declared but not implemented by this charm");
        }
    }

    private void create(ActionContext action) {
        String name = action.param("name").orElseThrow();
        Optional<String> problem = BucketName.problem(name);
        if (problem.isPresent()) {
            action.fail("\"" + name + "\" is not a valid S3 bucket name: it " + problem.get());
            return;
        }
        withBuckets(action, s3 -> {
            boolean created = s3.create(name);
            action.log(created ? "created bucket " + name : "bucket " + name + " already exists");
            Map<String, Object> results = new LinkedHashMap<>();
            results.put("bucket", name);
            results.put("created", created);
            action.setResults(results);
        });
    }

    private void list(ActionContext action) {
        withBuckets(action, s3 -> {
            List<String> names = s3.list();
            Map<String, Object> results = new LinkedHashMap<>();
            results.put("count", names.size());
            results.put("buckets", String.join(",", names));
            action.setResults(results);
        });
    }

    @FunctionalInterface
    private interface S3Work {
        void run(Buckets s3) throws S3Exception;
    }

    private void withBuckets(ActionContext action, S3Work work) {
        Optional<S3Endpoint> endpoint = endpoint(action);
        if (endpoint.isEmpty()) {
            return;
        }
        try (Buckets s3 = Buckets.connect(endpoint.get())) {
            work.run(s3);
        } catch (S3Exception e) {
            action.fail(e.kind() == S3Exception.Kind.UNREACHABLE
                    ? "MinIO is not reachable yet (" + e.getMessage() + "); try again once the unit is active"
                    : e.getMessage());
        }
    }

    /** This MinIO's S3 endpoint with the root credentials; empty (and the action failed) when not known yet. */
    private Optional<S3Endpoint> endpoint(ActionContext action) {
        MinioConfig cfg = model.config(MinioConfig.class);
        String key;
        Optional<TlsFiles> tls;
        try {
            key = SecretKeyComponent.resolve(model, cfg);
            tls = TlsComponent.resolve(model, cfg);
        } catch (StatusException e) {
            action.fail("the root credentials are not ready: " + e.status().message());
            return Optional.empty();
        }
        String url = tls.isPresent()
                ? "https://" + model.app().name() + "." + model.name() + ".svc:" + cfg.port()
                : "http://localhost:" + cfg.port();
        return Optional.of(new S3Endpoint(url, cfg.accessKey(), key, tls.map(TlsFiles::trustAnchor)));
    }
}
