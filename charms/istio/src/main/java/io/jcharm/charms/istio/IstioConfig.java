package io.jcharm.charms.istio;

import io.jcharm.core.InvalidConfigException;
import io.jcharm.core.OneOf;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The istio charm's config, checked as a whole when bound: a bad value stops the charm with
 * Blocked naming the option.
 *
 * <pre>{@code
 * Component<IstioConfig> config = Component.config(IstioConfig.class);
 * cfg.annotations();  // {metallb.universe.tf/loadBalancerIPs=10.64.140.43}
 * cfg.pilotImage();   // docker.io/istio/pilot:1.28.0
 * }</pre>
 */
public record IstioConfig(String defaultGateway,
                          @OneOf({"LoadBalancer", "ClusterIP", "NodePort"}) String gatewayServiceType,
                          String gatewayAnnotations, String imageHub, String imageTag,
                          @OneOf({"default", "edge"}) String profile, Optional<String> tlsSecretId,
                          boolean purgeOnRemove) {

    // A DNS-1123 label: the gateway name also names its TLS Secret (<gw>-gateway-secret).
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    // host[:port][/path...]: no scheme, lowercase repository path, as image references require.
    private static final Pattern HUB = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?(/[a-z0-9][a-z0-9._-]*)*");

    public IstioConfig {
        defaultGateway = defaultGateway.trim();
        imageHub = imageHub.trim().replaceAll("/+$", "");
        imageTag = imageTag.trim();
        if (!DNS_LABEL.matcher(defaultGateway).matches() || defaultGateway.length() > 63) {
            throw new InvalidConfigException("default-gateway", "\"" + defaultGateway + "\" is not a Kubernetes name:"
                    + " use lowercase letters, digits and '-', at most 63 characters (e.g. kubeflow-gateway)");
        }
        if (!HUB.matcher(imageHub).matches()) {
            throw new InvalidConfigException("image-hub", "\"" + imageHub + "\" is not a registry path such as"
                    + " docker.io/istio");
        }
        try {
            IstioVersion.parse(imageTag);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("image-tag", e.getMessage());
        }
        parseAnnotations(gatewayAnnotations);
    }

    /** The Istio version the images are tagged with. */
    public IstioVersion version() {
        return IstioVersion.parse(imageTag);
    }

    public String pilotImage() {
        return imageHub + "/pilot:" + imageTag;
    }

    public String proxyImage() {
        return imageHub + "/proxyv2:" + imageTag;
    }

    public boolean edge() {
        return profile.equals("edge");
    }

    /** gateway-annotations as an ordered map. */
    public Map<String, String> annotations() {
        return parseAnnotations(gatewayAnnotations);
    }

    /** The name of the TLS Secret the Gateway's HTTPS server reads. */
    public String tlsSecretName() {
        return defaultGateway + "-gateway-secret";
    }

    /**
     * Parses {@code k=v,k2=v2}: keys as Kubernetes allows them ({@code [prefix/]name}), the
     * {@code kubernetes.io/} and {@code k8s.io/} prefixes refused (Kubernetes reserves them;
     * subdomains such as {@code service.beta.kubernetes.io/} are how clouds are told about load
     * balancers, so they pass).
     */
    static Map<String, String> parseAnnotations(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw bad("\"" + pair.trim() + "\" is not key=value; write k=v,k2=v2");
            }
            String key = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            checkKey(key);
            if (out.put(key, value) != null) {
                throw bad("key \"" + key + "\" is given twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static void checkKey(String key) {
        int slash = key.lastIndexOf('/');
        String prefix = slash < 0 ? "" : key.substring(0, slash);
        String name = key.substring(slash + 1);
        if (prefix.equals("kubernetes.io") || prefix.equals("k8s.io")) {
            throw bad("key \"" + key + "\" uses the reserved prefix " + prefix + "/; Kubernetes owns those annotations");
        }
        if (slash >= 0 && (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches())) {
            throw bad("key \"" + key + "\" has a prefix that is not a DNS subdomain (e.g. example.com/name)");
        }
        if (name.length() > 63 || !KEY_NAME.matcher(name).matches()) {
            throw bad("key \"" + key + "\" is not a valid annotation name: at most 63 letters, digits, '-', '_' or '.',"
                    + " starting and ending with a letter or digit");
        }
    }

    private static InvalidConfigException bad(String why) {
        return new InvalidConfigException("gateway-annotations", why);
    }
}
