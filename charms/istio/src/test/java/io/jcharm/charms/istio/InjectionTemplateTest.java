package io.jcharm.charms.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders the sidecar injection template the charm applies, as istiod would for a
 * representative set of pods (a Deployment's, a Job's on clusters with and without native
 * sidecars, and one pod for each annotation the template honours), and checks the result.
 */
class InjectionTemplateTest {
    private static final KubernetesSerialization K8S = new KubernetesSerialization();
    private static final IstioConfig CFG = new IstioConfig("istio-gateway", "LoadBalancer", "", "docker.io/istio", "1.28.0",
            "default", Optional.empty(), false);
    private static final ConfigMap INJECTOR = ControlPlaneObjects.controlPlane(CFG, "kubeflow").stream()
            .filter(o -> o instanceof ConfigMap c && c.getMetadata().getName().equals("istio-sidecar-injector"))
            .map(o -> (ConfigMap) o).findFirst().orElseThrow();

    /** The template data istiod builds for a pod (pkg/kube/inject SidecarTemplateData), as maps. */
    private static Map<String, Object> data(String kind, String owner, Map<String, String> annotations, PodSpec spec,
                                            boolean nativeSidecars, boolean hold) {
        Map<String, Object> proxyConfig = new LinkedHashMap<>();
        proxyConfig.put("discoveryAddress", "istiod.kubeflow.svc:15012");
        proxyConfig.put("InterceptionMode", "REDIRECT");
        proxyConfig.put("ProxyMetadata", Map.of());
        proxyConfig.put("HoldApplicationUntilProxyStarts", hold ? Map.of("GetValue", true) : null);
        Map<String, Object> d = new HashMap<>();
        d.put("TypeMeta", Map.of("APIVersion", kind.equals("Job") ? "batch/v1" : "apps/v1", "Kind", kind));
        d.put("DeploymentMeta", Map.of("Name", owner, "Namespace", "team"));
        d.put("ObjectMeta", Map.of("Name", owner + "-x1", "Labels", Map.of("app", owner), "Annotations", annotations));
        d.put("Spec", K8S.convertValue(spec, Map.class));
        d.put("ProxyConfig", proxyConfig);
        d.put("Values", JsonMapper.builder().build().readValue(INJECTOR.getData().get("values"), Map.class));
        d.put("Revision", "default");
        d.put("ProxyImage", "docker.io/istio/proxyv2:1.28.0");
        d.put("ProxyUID", null);
        d.put("ProxyGID", null);
        d.put("NativeSidecars", nativeSidecars);
        return d;
    }

    /** The template's output as parsed YAML: which keys it sets matters to the merge into the pod. */
    private static Map<?, ?> renderRaw(Map<String, Object> data) {
        Map<?, ?> config = YAMLMapper.builder().build().readValue(INJECTOR.getData().get("config"), Map.class);
        String template = (String) ((Map<?, ?>) config.get("templates")).get("sidecar");
        String out = GoTemplate.parse(template).render(data);
        try {
            return YAMLMapper.builder().build().readValue(out, Map.class);
        } catch (RuntimeException e) {
            throw new AssertionError("the rendered template is not YAML:\n" + out, e);
        }
    }

    private static Pod render(Map<String, Object> data) {
        return K8S.convertValue(renderRaw(data), Pod.class);
    }

    private static PodSpec app() {
        return new PodSpecBuilder().addNewContainer().withName("app").withImage("registry/app:1")
                .withPorts(new ContainerPortBuilder().withName("http").withContainerPort(8080).withProtocol("TCP").build())
                .endContainer().build();
    }

    private static Pod pod(Map<String, String> annotations) {
        return render(data("Deployment", "web", annotations, app(), false, false));
    }

    private static Container container(List<Container> list, String name) {
        return list == null ? null : list.stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
    }

    private static Map<String, EnvVar> env(Container c) {
        Map<String, EnvVar> out = new HashMap<>();
        c.getEnv().forEach(e -> out.put(e.getName(), e));
        return out;
    }

    private static List<String> initArgs(Pod p) {
        return container(p.getSpec().getInitContainers(), "istio-init").getArgs();
    }

    private static String flag(List<String> args, String flag) {
        int i = args.indexOf(flag);
        return i < 0 ? null : args.get(i + 1);
    }

    @Test
    void rendersARepresentativePodSetAsIstio128Would() {
        // A Deployment's pod on a cluster without native sidecars: the proxy is a container.
        Pod web = pod(Map.of());
        Container proxy = container(web.getSpec().getContainers(), "istio-proxy");
        assertNull(proxy.getRestartPolicy());
        assertEquals(List.of("istio-init"), web.getSpec().getInitContainers().stream().map(Container::getName).toList());
        assertEquals("/healthz/ready", proxy.getStartupProbe().getHttpGet().getPath());
        assertEquals(600, proxy.getStartupProbe().getFailureThreshold());
        assertEquals(15, proxy.getReadinessProbe().getPeriodSeconds());
        Map<String, EnvVar> env = env(proxy);
        assertEquals("kubernetes://apis/apps/v1/namespaces/team/deployments/web", env.get("ISTIO_META_OWNER").getValue());
        assertEquals("app", env.get("ISTIO_META_APP_CONTAINERS").getValue());
        assertEquals(List.of(Map.of("name", "http", "containerPort", 8080, "protocol", "TCP")),
                JsonMapper.builder().build().readValue(env.get("ISTIO_META_POD_PORTS").getValue(), List.class));
        assertEquals("spec.nodeName", env.get("ISTIO_META_NODE_NAME").getValueFrom().getFieldRef().getFieldPath());
        assertEquals("limits.memory", env.get("GOMEMLIMIT").getValueFrom().getResourceFieldRef().getResource());
        assertEquals("limits.cpu", env.get("GOMAXPROCS").getValueFrom().getResourceFieldRef().getResource());
        assertEquals("web", env.get("ISTIO_META_WORKLOAD_NAME").getValue());
        assertEquals("istiod.kubeflow.svc:15012", env.get("CA_ADDR").getValue());
        assertTrue(proxy.getVolumeMounts().stream().anyMatch(m -> m.getName().equals("istio-ca-crl")
                && m.getMountPath().equals("/var/run/secrets/istio/crl")));
        Volume crl = web.getSpec().getVolumes().stream().filter(v -> v.getName().equals("istio-ca-crl")).findFirst().orElseThrow();
        assertTrue(crl.getConfigMap().getOptional());
        assertEquals(new Quantity("40Mi"), proxy.getResources().getRequests().get("memory"));
        assertEquals(new Quantity("1Gi"), proxy.getResources().getLimits().get("memory"));
        assertEquals(1337L, proxy.getSecurityContext().getRunAsUser());
        assertEquals("app", web.getMetadata().getAnnotations().get("kubectl.kubernetes.io/default-container"));
        assertEquals("web", web.getMetadata().getLabels().get("service.istio.io/canonical-name"));
        assertEquals(List.of("istio-iptables", "-p", "15001", "-z", "15006", "-u", "1337", "-m", "REDIRECT", "-i", "*",
                "-x", "", "-b", "*", "-d", "15090,15021,15020", "--log_output_level=default:info"), initArgs(web));

        // A Job's pod where istiod found every kubelet at 1.33 or later: a native sidecar, so the Job completes.
        Pod job = render(data("Job", "train", Map.of(), app(), true, false));
        assertFalse(((Map<?, ?>) renderRaw(data("Job", "train", Map.of(), app(), true, false)).get("spec"))
                .containsKey("containers"), "the template adds no regular container");
        assertEquals(List.of("istio-init", "istio-proxy"),
                job.getSpec().getInitContainers().stream().map(Container::getName).toList());
        Container nativeProxy = container(job.getSpec().getInitContainers(), "istio-proxy");
        assertEquals("Always", nativeProxy.getRestartPolicy());
        assertEquals(List.of("pilot-agent", "request", "--debug-port=15020", "POST", "drain"),
                nativeProxy.getLifecycle().getPreStop().getExec().getCommand());
        assertEquals(600, nativeProxy.getStartupProbe().getFailureThreshold());
        assertEquals("kubernetes://apis/batch/v1/namespaces/team/jobs/train", env(nativeProxy).get("ISTIO_META_OWNER").getValue());

        // An older cluster, but the pod asks for a native sidecar; and one that opts out on a new cluster.
        Pod asked = render(data("Job", "train", Map.of("sidecar.istio.io/nativeSidecar", "true"), app(), false, false));
        assertEquals("Always", container(asked.getSpec().getInitContainers(), "istio-proxy").getRestartPolicy());
        Pod optOut = render(data("Job", "train", Map.of("sidecar.istio.io/nativeSidecar", "false"), app(), true, false));
        assertTrue(container(optOut.getSpec().getContainers(), "istio-proxy") != null);

        // holdApplicationUntilProxyStarts: postStart wait without native sidecars; a native sidecar holds by itself.
        Pod held = render(data("Deployment", "web", Map.of(), app(), false, true));
        assertEquals(List.of("pilot-agent", "wait"), container(held.getSpec().getContainers(), "istio-proxy")
                .getLifecycle().getPostStart().getExec().getCommand());
        Pod heldNative = render(data("Deployment", "web", Map.of(), app(), true, true));
        assertNull(container(heldNative.getSpec().getInitContainers(), "istio-proxy").getLifecycle().getPostStart());

        // Traffic annotations become istio-iptables flags.
        List<String> args = initArgs(pod(Map.of("traffic.sidecar.istio.io/excludeOutboundPorts", "5432,3306",
                "traffic.sidecar.istio.io/includeOutboundPorts", "80,443",
                "traffic.sidecar.istio.io/excludeInterfaces", "eth1",
                "traffic.sidecar.istio.io/kubevirtInterfaces", "net1",
                "traffic.sidecar.istio.io/excludeInboundPorts", "9000")));
        assertEquals("5432,3306", flag(args, "-o"));
        assertEquals("80,443", flag(args, "-q"));
        assertEquals("eth1", flag(args, "-c"));
        assertEquals("net1", flag(args, "-k"));
        assertEquals("15090,15021,9000,15020", flag(args, "-d"));
        assertNull(flag(initArgs(web), "-o"), "no flag without the annotation");

        // Interception mode NONE: no istio-init (and no initContainers key to wipe the pod's own).
        Pod none = pod(Map.of("sidecar.istio.io/interceptionMode", "NONE"));
        assertFalse(((Map<?, ?>) renderRaw(data("Deployment", "web", Map.of("sidecar.istio.io/interceptionMode", "NONE"),
                app(), false, false)).get("spec")).containsKey("initContainers"));
        assertEquals("NONE", env(container(none.getSpec().getContainers(), "istio-proxy"))
                .get("ISTIO_META_INTERCEPTION_MODE").getValue());

        // TPROXY: the proxy runs as root with NET_ADMIN; istio-init redirects for uid 1337.
        Pod tproxy = pod(Map.of("sidecar.istio.io/interceptionMode", "TPROXY"));
        Container tp = container(tproxy.getSpec().getContainers(), "istio-proxy");
        assertEquals(0L, tp.getSecurityContext().getRunAsUser());
        assertFalse(tp.getSecurityContext().getRunAsNonRoot());
        assertEquals(List.of("NET_ADMIN"), tp.getSecurityContext().getCapabilities().getAdd());
        assertEquals("TPROXY", flag(initArgs(tproxy), "-m"));

        // User volumes and mounts, bootstrap override, and the proxy's resources.
        Pod custom = pod(Map.of("sidecar.istio.io/userVolume", "{\"certs\":{\"secret\":{\"secretName\":\"db-certs\"}}}",
                "sidecar.istio.io/userVolumeMount", "{\"certs\":{\"mountPath\":\"/etc/db\",\"readOnly\":true}}",
                "sidecar.istio.io/bootstrapOverride", "my-bootstrap",
                "sidecar.istio.io/proxyCPU", "200m", "sidecar.istio.io/proxyMemory", "256Mi",
                "sidecar.istio.io/proxyCPULimit", "1", "sidecar.istio.io/proxyMemoryLimit", "512Mi"));
        Container cp = container(custom.getSpec().getContainers(), "istio-proxy");
        Volume certs = custom.getSpec().getVolumes().stream().filter(v -> v.getName().equals("certs")).findFirst().orElseThrow();
        assertEquals("db-certs", certs.getSecret().getSecretName());
        assertTrue(cp.getVolumeMounts().stream().anyMatch(m -> m.getName().equals("certs")
                && m.getMountPath().equals("/etc/db") && m.getReadOnly()));
        assertEquals("my-bootstrap", custom.getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("custom-bootstrap-volume")).findFirst().orElseThrow().getConfigMap().getName());
        assertEquals("/etc/istio/custom-bootstrap/custom_bootstrap.json", env(cp).get("ISTIO_BOOTSTRAP_OVERRIDE").getValue());
        for (Container c : List.of(cp, container(custom.getSpec().getInitContainers(), "istio-init"))) {
            assertEquals(Map.of("cpu", new Quantity("200m"), "memory", new Quantity("256Mi")), c.getResources().getRequests());
            assertEquals(Map.of("cpu", new Quantity("1"), "memory", new Quantity("512Mi")), c.getResources().getLimits());
        }
    }

    @Test
    void istiodMayReadTheNodesItChoosesNativeSidecarsBy() {
        // istiod uses native sidecars when every node's kubelet is 1.33+ (ENABLE_NATIVE_SIDECARS=auto);
        // without list/watch on nodes it falls back to ordinary containers.
        List<HasMetadata> cp = ControlPlaneObjects.controlPlane(CFG, "kubeflow");
        ClusterRole role = cp.stream().filter(o -> o instanceof ClusterRole).map(o -> (ClusterRole) o).findFirst().orElseThrow();
        assertTrue(role.getRules().stream().anyMatch(r -> r.getResources().contains("nodes")
                && r.getVerbs().containsAll(List.of("get", "list", "watch"))), role.getRules().toString());
        Deployment istiod = cp.stream().filter(o -> o instanceof Deployment).map(o -> (Deployment) o).findFirst().orElseThrow();
        assertTrue(istiod.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .noneMatch(e -> e.getName().equals("ENABLE_NATIVE_SIDECARS")), "upstream's default (auto) applies");
    }
}
