package io.jcharm.charms.jupyter;

import io.jcharm.core.InvalidConfigException;
import io.jcharm.core.OneOf;
import io.jcharm.core.Range;

/**
 * The jupyter charm's config: Charmed Kubeflow's jupyter-controller and jupyter-ui options
 * (names, types, defaults), plus {@code namespace} and {@code webhook-port}. The JSON/YAML
 * options are parsed here, so that a malformed one blocks at once naming the option and the
 * line of the parse error (Charmed Kubeflow logs it and offers empty lists).
 *
 * <pre>{@code
 * JupyterConfig cfg = model.config(JupyterConfig.class);  // Blocked "[config] invalid config jupyter-images: ..." when wrong
 * cfg.spawner().jupyterImages();
 * }</pre>
 */
public record JupyterConfig(
        String namespace,
        String clusterDomain,
        @Range(min = 1, max = 525600) int cullIdleTime,
        boolean enableCulling,
        @Range(min = 1, max = 1440) int idlenessCheckPeriod,
        boolean useIstio,
        @Range(min = 1024, max = 65535) int port,
        @OneOf({"default"}) String ui,
        String urlPrefix,
        @OneOf({"production", "development"}) String backendMode,
        boolean secureCookies,
        String jupyterImages,
        String vscodeImages,
        String rstudioImages,
        int gpuNumberDefault,
        String gpuVendors,
        String gpuVendorsDefault,
        String affinityOptions,
        String affinityOptionsDefault,
        String tolerationsOptions,
        String tolerationsOptionsDefault,
        String defaultPoddefaults,
        @Range(min = 1024, max = 65535) int webhookPort) {

    /** A DNS-1123 label, what Kubernetes accepts as a namespace name. */
    static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    public JupyterConfig {
        if (!namespace.isEmpty() && (namespace.length() > 63 || !namespace.matches(DNS_LABEL))) {
            throw new InvalidConfigException("namespace", "\"" + namespace + "\" is not a namespace name (lowercase"
                    + " letters, digits and dashes, at most 63); leave it empty for the model's namespace");
        }
        if (!urlPrefix.matches("/[A-Za-z0-9._~/-]*") || urlPrefix.endsWith("/")) {
            throw new InvalidConfigException("url-prefix", "\"" + urlPrefix + "\" must start with / and not end with"
                    + " one, such as /jupyter");
        }
        if (!clusterDomain.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            throw new InvalidConfigException("cluster-domain", "\"" + clusterDomain + "\" is not a DNS domain such as"
                    + " cluster.local");
        }
        if (port == webhookPort) {
            throw new InvalidConfigException("webhook-port", "must differ from port (both are " + port + ")");
        }
        // Parsed now so that a mistake blocks at once, naming the option and the line.
        spawnerOf(jupyterImages, vscodeImages, rstudioImages, gpuNumberDefault, gpuVendors, gpuVendorsDefault,
                affinityOptions, affinityOptionsDefault, tolerationsOptions, tolerationsOptionsDefault, defaultPoddefaults);
    }

    /** The spawner's options, parsed. */
    SpawnerOptions spawner() {
        return spawnerOf(jupyterImages, vscodeImages, rstudioImages, gpuNumberDefault, gpuVendors, gpuVendorsDefault,
                affinityOptions, affinityOptionsDefault, tolerationsOptions, tolerationsOptionsDefault, defaultPoddefaults);
    }

    private static SpawnerOptions spawnerOf(String jupyter, String vscode, String rstudio, int gpuNumber, String vendors,
                                            String vendorDefault, String affinity, String affinityDefault,
                                            String tolerations, String tolerationsDefault, String poddefaults) {
        return SpawnerOptions.parse(new SpawnerOptions.Source(jupyter, vscode, rstudio, gpuNumber, vendors, vendorDefault,
                affinity, affinityDefault, tolerations, tolerationsDefault, poddefaults));
    }

    /** The namespace notebooks live in: config namespace, or the model's. */
    String notebookNamespace(String modelName) {
        return namespace.isEmpty() ? modelName : namespace;
    }
}
