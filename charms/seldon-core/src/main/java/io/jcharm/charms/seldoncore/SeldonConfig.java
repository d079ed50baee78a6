package io.jcharm.charms.seldoncore;

import io.jcharm.core.InvalidConfigException;
import io.jcharm.core.OneOf;
import io.jcharm.core.OptionName;
import io.jcharm.core.Range;
import io.jcharm.kubernetes.ImageReference;
import java.util.regex.Pattern;

/**
 * The seldon-core charm's config, each component bound to the option of the same name in kebab
 * case (custom_images keeps Charmed Kubeflow's spelling) and checked before anything uses it.
 * webhook-port is a string option, as in Charmed Kubeflow's charm, read here as a port number.
 *
 * <pre>{@code
 * SeldonConfig cfg = model.config(SeldonConfig.class);  // Blocked "[config] invalid config ..." when wrong
 * cfg.images().server("SKLEARN_SERVER");
 * }</pre>
 */
public record SeldonConfig(
        @Range(min = 1024, max = 65535) int webhookPort,
        @Range(min = 1024, max = 65535) int metricsPort,
        @OneOf({"DEBUG", "INFO", "WARN", "WARNING", "ERROR"}) String managerLogLevel,
        String executorContainerImageAndVersion,
        String executorDefaultCpuRequest,
        String executorDefaultCpuLimit,
        String executorDefaultMemoryRequest,
        String executorDefaultMemoryLimit,
        String predictiveUnitDefaultEnvSecretRefName,
        String controllerId,
        String watchNamespace,
        boolean purgeOnRemove,
        @OptionName("custom_images") String customImages) {

    /** A Secret's name: a DNS-1123 subdomain. */
    private static final Pattern SECRET_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    /** A label value (seldon.io/controller-id): at most 63 characters. */
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
    /** A namespace's name: a DNS-1123 label. */
    private static final Pattern NAMESPACE = Pattern.compile("([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)?");

    public SeldonConfig {
        if (webhookPort == metricsPort) {
            throw new InvalidConfigException("metrics-port", "must differ from webhook-port (both are " + metricsPort + ")");
        }
        if (executorContainerImageAndVersion == null || !ImageReference.valid(executorContainerImageAndVersion)) {
            throw new InvalidConfigException("executor-container-image-and-version", "\"" + executorContainerImageAndVersion
                    + "\" is not an image reference such as docker.io/seldonio/seldon-core-executor:1.17.1");
        }
        Quantity cpuRequest = Quantity.parse("executor-default-cpu-request", executorDefaultCpuRequest);
        Quantity cpuLimit = Quantity.parse("executor-default-cpu-limit", executorDefaultCpuLimit);
        Quantity memoryRequest = Quantity.parse("executor-default-memory-request", executorDefaultMemoryRequest);
        Quantity memoryLimit = Quantity.parse("executor-default-memory-limit", executorDefaultMemoryLimit);
        Quantity.requireAtMost("executor-default-cpu-request", cpuRequest, "executor-default-cpu-limit", cpuLimit);
        Quantity.requireAtMost("executor-default-memory-request", memoryRequest, "executor-default-memory-limit",
                memoryLimit);
        if (!predictiveUnitDefaultEnvSecretRefName.isEmpty()
                && !SECRET_NAME.matcher(predictiveUnitDefaultEnvSecretRefName).matches()) {
            throw new InvalidConfigException("predictive-unit-default-env-secret-ref-name", "\""
                    + predictiveUnitDefaultEnvSecretRefName + "\" is not a Kubernetes Secret name (lowercase letters,"
                    + " digits, '-' and '.')");
        }
        if (!LABEL_VALUE.matcher(controllerId).matches()) {
            throw new InvalidConfigException("controller-id", "\"" + controllerId + "\" is not a Kubernetes label value"
                    + " (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)");
        }
        if (!NAMESPACE.matcher(watchNamespace).matches()) {
            throw new InvalidConfigException("watch-namespace", "\"" + watchNamespace + "\" is not a namespace name");
        }
        ServerImages.withOverrides(customImages); // parsed now so that a mistake blocks at once, naming the key
        executorDefaultCpuRequest = cpuRequest.text();
        executorDefaultCpuLimit = cpuLimit.text();
        executorDefaultMemoryRequest = memoryRequest.text();
        executorDefaultMemoryLimit = memoryLimit.text();
    }

    /** The predictor server, storage initializer and explainer images: defaults plus custom_images. */
    ServerImages images() {
        return ServerImages.withOverrides(customImages);
    }
}
