package io.jcharm.cli;

import io.jcharm.yaml.GoYaml;
import io.jcharm.yaml.YamlException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster a kubeconfig's current context points at, as {@code juju add-k8s} turns it into a
 * cloud (Juju 3.6, caas/kubernetes/cloud: the context's cluster {@code server} becomes the
 * cloud's endpoint, its decoded {@code certificate-authority-data} the cloud's CA certificate).
 *
 * <pre>{@code
 * KubeconfigCluster c = KubeconfigCluster.read(Path.of("build/edge-kubeconfig"), "edge kubeconfig");
 * c.endpoint();   // https://10.0.0.5:16443
 * }</pre>
 *
 * @param caCertificate the PEM text, empty when the kubeconfig has none inline
 */
record KubeconfigCluster(String endpoint, String caCertificate) {

    /** @throws CliException (user) when the file is not a kubeconfig with a cluster */
    static KubeconfigCluster read(Path file, String what) {
        Object root;
        try {
            root = GoYaml.read(file).get(0).root();
        } catch (YamlException | IndexOutOfBoundsException e) {
            throw CliException.external(what + " (" + file + ") is not YAML: " + e.getMessage(),
                    "check what the kubeconfig action returns: it must be a kubeconfig");
        }
        Map<?, ?> doc = root instanceof Map<?, ?> m ? m : Map.of();
        String cluster = "";
        Object current = doc.get("current-context");
        for (Object c : list(doc.get("contexts"))) {
            if (c instanceof Map<?, ?> ctx && String.valueOf(ctx.get("name")).equals(String.valueOf(current))
                    && ctx.get("context") instanceof Map<?, ?> inner) {
                cluster = String.valueOf(inner.get("cluster"));
            }
        }
        for (Object c : list(doc.get("clusters"))) {
            if (c instanceof Map<?, ?> entry && (cluster.isEmpty() || String.valueOf(entry.get("name")).equals(cluster))
                    && entry.get("cluster") instanceof Map<?, ?> info && info.get("server") != null) {
                return new KubeconfigCluster(String.valueOf(info.get("server")), ca(info.get("certificate-authority-data")));
            }
        }
        throw CliException.external(what + " (" + file + ") names no cluster with a server",
                "check what the kubeconfig action returns: clusters[].cluster.server must be set");
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static String ca(Object data) {
        if (data == null) {
            return "";
        }
        try {
            return new String(Base64.getMimeDecoder().decode(String.valueOf(data)), StandardCharsets.UTF_8).strip();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Whether a cloud juju knows (its endpoint and CA certificates) is this cluster. */
    boolean sameAs(String cloudEndpoint, List<String> cloudCas) {
        Optional<String> ca = cloudCas.stream().map(String::strip).filter(s -> !s.isEmpty()).findFirst();
        return endpoint.equals(cloudEndpoint) && (caCertificate.isEmpty() || ca.map(caCertificate::equals).orElse(false));
    }
}
