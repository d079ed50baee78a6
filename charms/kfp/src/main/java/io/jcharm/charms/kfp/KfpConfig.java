package io.jcharm.charms.kfp;

import io.jcharm.core.InvalidConfigException;
import io.jcharm.core.OneOf;
import io.jcharm.kubernetes.ImageReference;
import io.jcharm.s3.BucketName;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * The kfp charm's config, with Charmed Kubeflow's option names (ports are strings there, so they
 * are here), checked as a whole when bound: a bad value is Blocked naming the option.
 *
 * <pre>{@code
 * KfpConfig cfg = model.config(KfpConfig.class);
 * cfg.httpPortNumber();  // 8888
 * cfg.managedArgo();     // true unless argo=external
 * }</pre>
 */
public record KfpConfig(String httpPort, String grpcPort, String uiPort, String objectStoreBucketName,
                        boolean cacheEnabled, String cacheImage, boolean autoUpdateDefaultVersion,
                        @OneOf({"trace", "debug", "info", "warn", "warning", "error", "fatal", "panic"}) String logLevel,
                        String launcherImage, String driverImage, String runnerSa, String timezone,
                        @OneOf({"managed", "external"}) String argo, String executorImage, String bucket,
                        String keyFormat, boolean purgeOnRemove) {

    // A DNS-1123 subdomain: the runner service account is a Kubernetes object name.
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    public KfpConfig {
        port("http-port", httpPort);
        port("grpc-port", grpcPort);
        port("ui-port", uiPort);
        if (httpPort.equals(grpcPort) || httpPort.equals(uiPort) || grpcPort.equals(uiPort)) {
            throw new InvalidConfigException("http-port", "http-port, grpc-port and ui-port must differ (all three"
                    + " listen in the same pod), got " + httpPort + ", " + grpcPort + " and " + uiPort);
        }
        bucket("object-store-bucket-name", objectStoreBucketName);
        bucket("bucket", bucket);
        image("cache-image", cacheImage);
        image("launcher-image", launcherImage);
        image("driver-image", driverImage);
        image("executor-image", executorImage);
        if (runnerSa.length() > 253 || !DNS_NAME.matcher(runnerSa).matches()) {
            throw new InvalidConfigException("runner-sa", "\"" + runnerSa + "\" is not a Kubernetes name: use lowercase"
                    + " letters, digits, '-' and '.', e.g. pipeline-runner");
        }
        if (keyFormat.isBlank()) {
            throw new InvalidConfigException("key-format", "is empty: Argo needs a key pattern such as"
                    + " artifacts/{{workflow.name}}/{{pod.name}}");
        }
        // The controller loads it with Go's time.LoadLocation: UTC, Local or a tz database name; anything
        // else stops it at start while the unit would show active.
        if (!timezone.equals("UTC") && !timezone.equals("Local") && !ZoneId.getAvailableZoneIds().contains(timezone)) {
            throw new InvalidConfigException("timezone", "\"" + timezone + "\" is not a time zone: use UTC, Local or an"
                    + " IANA name such as Europe/Paris");
        }
    }

    public int httpPortNumber() {
        return Integer.parseInt(httpPort);
    }

    public int grpcPortNumber() {
        return Integer.parseInt(grpcPort);
    }

    public int uiPortNumber() {
        return Integer.parseInt(uiPort);
    }

    /** Whether this charm runs Argo's workflow controller (argo=managed). */
    public boolean managedArgo() {
        return argo.equals("managed");
    }

    private static void port(String option, String value) {
        if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 65535) {
            throw new InvalidConfigException(option, "\"" + value + "\" is not a port number (1-65535)");
        }
    }

    private static void bucket(String option, String value) {
        BucketName.problem(value).ifPresent(p -> {
            throw new InvalidConfigException(option, "'" + value + "' is not a valid S3 bucket name: it " + p);
        });
    }

    private static void image(String option, String value) {
        if (!ImageReference.valid(value)) {
            throw new InvalidConfigException(option, "\"" + value + "\" is not an image reference such as"
                    + " ghcr.io/kubeflow/kfp-launcher:2.5.0");
        }
    }
}
