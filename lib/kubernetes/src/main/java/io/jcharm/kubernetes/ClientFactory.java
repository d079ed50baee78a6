package io.jcharm.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds the fabric8 client from the hook environment (never {@code System.getenv}: tests and
 * the local model pass their environment through the model).
 *
 * <p>Credentials: {@code KUBECONFIG} when the hook environment sets it (the first listed file
 * that exists, its current context), else the pod's service account when
 * {@code KUBERNETES_SERVICE_HOST} is set. Namespace: the one the kubeconfig context or the
 * service account names, else the Juju model name (a Juju Kubernetes model is a namespace of
 * the same name; the service account's namespace is that namespace, and stays right for models
 * whose namespace differs from their name).
 */
final class ClientFactory {
    static final String KUBECONFIG = "KUBECONFIG";
    static final String SERVICE_HOST = "KUBERNETES_SERVICE_HOST";
    static final String SERVICE_PORT = "KUBERNETES_SERVICE_PORT";

    private ClientFactory() {
    }

    /**
     * Connects lazily (fabric8 makes no request until the first call).
     *
     * @throws KubernetesConfigException when there are no credentials, or they cannot be read
     */
    static KubeSession connect(Map<String, String> env, String modelName, KubeOptions options) {
        Config config;
        String namespace;
        String source;
        String kubeconfig = env.get(KUBECONFIG);
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            Path path = firstExisting(kubeconfig);
            try {
                // The file, not its text: certificate paths in it are relative to it.
                config = Config.fromKubeconfig(null, path.toFile());
            } catch (RuntimeException e) {
                // fabric8 lets YAML parser errors through unwrapped; all of them mean the same here.
                throw new KubernetesConfigException("KUBECONFIG=" + path + " cannot be used: "
                        + firstLine(e.getMessage()) + "; it must be a kubeconfig with a current-context", e);
            }
            namespace = config.getCurrentContext() != null && config.getCurrentContext().getContext() != null
                    ? config.getCurrentContext().getContext().getNamespace() : null;
            source = "kubeconfig " + path;
        } else if (env.get(SERVICE_HOST) != null && !env.get(SERVICE_HOST).isBlank()) {
            config = inCluster(env, options.serviceAccountDir());
            Path nsFile = options.serviceAccountDir().resolve("namespace");
            namespace = Files.isRegularFile(nsFile) ? read(nsFile, "the service account namespace").trim() : null;
            source = "service account in " + options.serviceAccountDir();
        } else {
            throw new KubernetesConfigException("no Kubernetes API to talk to: KUBECONFIG is not set in the hook"
                    + " environment and this is not a pod (KUBERNETES_SERVICE_HOST is unset); deploy the charm to a"
                    + " Kubernetes model");
        }
        if (namespace == null || namespace.isBlank()) {
            namespace = modelName;
        }
        config.setNamespace(namespace);
        int timeout = (int) options.requestTimeout().toMillis();
        config.setRequestTimeout(timeout);
        config.setConnectionTimeout(timeout);
        // Retries are ours (bounded, logged once); fabric8's own would multiply them silently.
        config.setRequestRetryBackoffLimit(0);
        config.setRequestRetryBackoffInterval(0);
        // The HTTP stack is chosen here, not by ServiceLoader: one stack (OkHttp) and no scan.
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new OkHttpClientFactory()).withKubernetesSerialization(SharedSerialization.INSTANCE).build();
        return new KubeSession(client, namespace, source);
    }

    private static Config inCluster(Map<String, String> env, Path saDir) {
        String host = env.get(SERVICE_HOST);
        String port = env.getOrDefault(SERVICE_PORT, "443");
        Path token = saDir.resolve("token");
        if (!Files.isReadable(token)) {
            throw new KubernetesConfigException("running in a pod (KUBERNETES_SERVICE_HOST=" + host + ") but there is no"
                    + " service account token at " + token + "; the charm's pod must mount its service account");
        }
        Path ca = saDir.resolve("ca.crt");
        String hostPort = host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        // Config.empty(): fabric8 must not read System.getenv or ~/.kube itself.
        ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl("https://" + hostPort)
                // Projected tokens rotate: read the file on every request (a few bytes).
                .withOauthTokenProvider(() -> read(token, "the service account token").trim());
        if (Files.isRegularFile(ca)) {
            b.withCaCertFile(ca.toString());
        }
        return b.build();
    }

    private static String firstLine(String s) {
        return s == null ? "unreadable" : s.lines().findFirst().orElse(s);
    }

    private static Path firstExisting(String kubeconfig) {
        List<String> paths = Arrays.stream(kubeconfig.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).toList();
        for (String p : paths) {
            if (Files.isRegularFile(Path.of(p))) {
                return Path.of(p);
            }
        }
        throw new KubernetesConfigException("KUBECONFIG=" + kubeconfig + " names no existing file; point it at a"
                + " kubeconfig, or unset it to use the pod's service account");
    }

    private static String read(Path path, String what) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KubernetesConfigException("cannot read " + what + " at " + path + ": " + e.getMessage(),
                    new UncheckedIOException(e));
        }
    }
}
