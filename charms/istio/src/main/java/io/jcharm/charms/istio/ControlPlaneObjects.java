package io.jcharm.charms.istio;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.jcharm.kubernetes.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The Istio control plane as fabric8 objects: the CRDs, and istiod with its RBAC, mesh config,
 * injector config and webhooks, from the static manifests next to this class.
 *
 * <pre>{@code
 * List<HasMetadata> cp = ControlPlaneObjects.controlPlane(cfg, "kubeflow");
 * }</pre>
 */
final class ControlPlaneObjects {
    static final String ISTIOD = "istiod";
    /** A label on istiod's Deployment: the version a new leader finds when its unit state has none. */
    static final String VERSION_LABEL = "jcharm.io/istio-version";

    private ControlPlaneObjects() {
    }

    /** Istio's CustomResourceDefinitions. */
    static List<HasMetadata> crds() {
        return Manifest.load(ControlPlaneObjects.class, "crds.yaml").objects();
    }

    /** Names of cluster-scoped objects carry the namespace: two models may each run an Istio. */
    static String clusterName(String base, String ns) {
        return base + "-" + ns;
    }

    /** The control plane of a first install (the validation webhook starts as {@code Ignore}). */
    static List<HasMetadata> controlPlane(IstioConfig cfg, String ns) {
        return controlPlane(cfg, ns, new ClusterIstio(Optional.empty()));
    }

    /**
     * The control plane, keeping what istiod manages as the cluster has it: the validation
     * webhook's failurePolicy, once istiod switched it, is applied as it is live, so that the
     * charm never forces it back (and, server-side, never conflicts with istiod over it).
     */
    static List<HasMetadata> controlPlane(IstioConfig cfg, String ns, ClusterIstio live) {
        Manifest m = Manifest.load(ControlPlaneObjects.class, "control-plane.yaml");
        Manifest injector = Manifest.load(ControlPlaneObjects.class, "injector.yaml");
        String clusterRole = clusterName("istiod-clusterrole", ns);
        String mutating = clusterName("istio-sidecar-injector", ns);
        String validating = clusterName("istio-validator", ns);
        m.rename("istiod-clusterrole", clusterRole).rename("istio-sidecar-injector", mutating)
                .rename("istio-validator", validating)
                .image("discovery", cfg.pilotImage())
                .edit(ClusterRoleBinding.class, clusterRole, b -> {
                    b.getRoleRef().setName(clusterRole);
                    b.getSubjects().forEach(s -> s.setNamespace(ns));
                })
                .edit(RoleBinding.class, ISTIOD, b -> b.getSubjects().forEach(s -> s.setNamespace(ns)))
                .edit(ConfigMap.class, "istio", c -> c.getData().put("mesh", yaml(meshConfig(ns))))
                .edit(MutatingWebhookConfiguration.class, mutating,
                        w -> w.getWebhooks().forEach(h -> h.getClientConfig().getService().setNamespace(ns)))
                .edit(ValidatingWebhookConfiguration.class, validating, w -> w.getWebhooks().forEach(h -> {
                    h.getClientConfig().getService().setNamespace(ns);
                    live.validatorFailurePolicy().ifPresent(h::setFailurePolicy);
                }))
                .edit(Deployment.class, ISTIOD, d -> {
                    d.getMetadata().getLabels().put(VERSION_LABEL, cfg.imageTag());
                    var container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
                    container.getEnv().add(new EnvVar("ISTIOD_ADDR", ISTIOD + "." + ns + ".svc:15012", null));
                    container.getEnv().add(new EnvVar("INJECTION_WEBHOOK_CONFIG_NAME", mutating, null));
                    container.getEnv().add(new EnvVar("VALIDATION_WEBHOOK_CONFIG_NAME", validating, null));
                    Sizing size = Sizing.istiod(cfg);
                    container.setResources(resources(size));
                    d.getSpec().setReplicas(size.autoscale() ? null : 1);
                });
        injector.edit(ConfigMap.class, "istio-sidecar-injector",
                c -> c.getData().put("values", json(injectorValues(cfg, ns))));
        List<HasMetadata> out = new ArrayList<>(m.objects());
        out.addAll(injector.objects());
        if (Sizing.istiod(cfg).autoscale()) {
            out.add(autoscaler(ISTIOD));
        }
        return out;
    }

    /**
     * The autoscaler of a Deployment. The Deployment then states no replicas, so that applying it
     * again never undoes the autoscaler's choice.
     */
    static HorizontalPodAutoscaler autoscaler(String deployment) {
        HorizontalPodAutoscaler hpa = Manifest.load(ControlPlaneObjects.class, "autoscaler.yaml")
                .single(HorizontalPodAutoscaler.class);
        hpa.getMetadata().setName(deployment);
        hpa.getSpec().getScaleTargetRef().setName(deployment);
        return hpa;
    }

    static ResourceRequirements resources(Sizing size) {
        ResourceRequirements r = new ResourceRequirements();
        r.setRequests(quantities(size.requests()));
        r.setLimits(size.limits().isEmpty() ? null : quantities(size.limits()));
        return r;
    }

    private static Map<String, Quantity> quantities(Map<String, String> m) {
        Map<String, Quantity> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, new Quantity(v)));
        return out;
    }

    /** istiod's MeshConfig: where proxies find istiod, access logs to stdout, Prometheus merge. */
    static Map<String, Object> meshConfig(String ns) {
        Map<String, Object> mesh = new LinkedHashMap<>();
        mesh.put("accessLogFile", "/dev/stdout");
        mesh.put("defaultConfig", Map.of("discoveryAddress", ISTIOD + "." + ns + ".svc:15012"));
        mesh.put("defaultProviders", Map.of("metrics", List.of("prometheus")));
        mesh.put("enablePrometheusMerge", true);
        mesh.put("rootNamespace", ns);
        mesh.put("trustDomain", "cluster.local");
        return mesh;
    }

    /**
     * The values the injection template reads ({@code .Values...}), with upstream Istio 1.28's
     * defaults (istio-discovery chart values.yaml) except the proxy's resources, which stay
     * small (10m/40Mi requested) as fits this stack's many small pods.
     */
    static Map<String, Object> injectorValues(IstioConfig cfg, String ns) {
        Map<String, Object> proxy = new LinkedHashMap<>();
        proxy.put("image", "proxyv2");
        proxy.put("clusterDomain", "cluster.local");
        proxy.put("includeIPRanges", "*");
        proxy.put("excludeIPRanges", "");
        proxy.put("includeInboundPorts", "*");
        proxy.put("excludeInboundPorts", "");
        proxy.put("includeOutboundPorts", "");
        proxy.put("excludeOutboundPorts", "");
        proxy.put("statusPort", 15020);
        proxy.put("logLevel", "warning");
        proxy.put("componentLogLevel", "misc:error");
        proxy.put("privileged", false);
        proxy.put("holdApplicationUntilProxyStarts", false);
        proxy.put("readinessInitialDelaySeconds", 0);
        proxy.put("readinessPeriodSeconds", 15);
        proxy.put("readinessFailureThreshold", 4);
        proxy.put("startupProbe", Map.of("enabled", true, "failureThreshold", 600));
        proxy.put("resources", Map.of("requests", Map.of("cpu", "10m", "memory", "40Mi"),
                "limits", Map.of("cpu", "2", "memory", "1Gi")));
        Map<String, Object> global = new LinkedHashMap<>();
        global.put("hub", cfg.imageHub());
        global.put("tag", cfg.imageTag());
        global.put("istioNamespace", ns);
        global.put("trustDomain", "cluster.local");
        global.put("logging", Map.of("level", "default:info"));
        global.put("sds", Map.of("token", Map.of("aud", "istio-ca")));
        global.put("proxy", proxy);
        global.put("proxy_init", Map.of("image", "proxyv2"));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("global", global);
        values.put("revision", "");
        values.put("istio_cni", Map.of("enabled", false));
        values.put("pilot", Map.of("cni", Map.of("enabled", false)));
        values.put("sidecarInjectorWebhook", Map.of("rewriteAppHTTPProbe", true));
        return values;
    }

    private static String yaml(Object value) {
        ObjectMapper yaml = YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                .enable(YAMLWriteFeature.MINIMIZE_QUOTES).build();
        return yaml.writeValueAsString(value);
    }

    private static String json(Object value) {
        return JsonMapper.builder().build().writeValueAsString(value);
    }
}
