package io.jcharm.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jcharm.core.Log;
import io.jcharm.core.StatusException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets the ports of the Service Juju creates for the application (named after it, selecting
 * its pods), so the workload is reachable at {@code <app>.<model>.svc}.
 *
 * <p>A JSON patch ({@code add /spec/ports}, RFC 6902): the list is replaced whole (a strategic
 * merge would keep Juju's placeholder port, and merge-patch list handling differs between
 * servers), the selector and cluster IP stay Juju's, and nothing is written when the ports
 * already match.
 *
 * <pre>{@code
 * Kubernetes.of(model).servicePatch().apply(List.of(ExposedPort.tcp("http", 5000)));
 * }</pre>
 */
public final class ServicePatch {
    private final KubeSession session;
    private final String app;
    private final ApiCalls calls;
    private final Log log;

    ServicePatch(KubeSession session, String app, ApiCalls calls, Log log) {
        this.session = session;
        this.app = app;
        this.calls = calls;
        this.log = log;
    }

    /**
     * Makes the Service's ports exactly {@code ports}.
     *
     * @return whether the Service was changed
     * @throws StatusException Waiting when the Service does not exist yet, Blocked without trust
     */
    public boolean apply(List<ExposedPort> ports) throws StatusException {
        try {
            return doApply(ports);
        } catch (RefusedException e) {
            throw e.toStatus();
        }
    }

    private boolean doApply(List<ExposedPort> ports) throws StatusException {
        KubernetesClient client = session.client();
        String ns = session.namespace();
        String target = "Service " + ns + "/" + app;
        Service svc = calls.call("get", "Service", target, a -> client.services().inNamespace(ns).withName(app).get());
        if (svc == null) {
            throw StatusException.waiting("waiting for Service " + app + " in " + ns + ": Juju creates it with the application");
        }
        List<ServicePort> live = svc.getSpec() == null || svc.getSpec().getPorts() == null ? List.of() : svc.getSpec().getPorts();
        if (same(live, ports)) {
            return false;
        }
        List<Map<String, Object>> wanted = ports.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("port", p.port());
            m.put("targetPort", p.targetPort());
            m.put("protocol", p.protocol());
            return m;
        }).toList();
        String patch = client.getKubernetesSerialization().asJson(
                List.of(Map.of("op", "add", "path", "/spec/ports", "value", wanted)));
        PatchContext ctx = new PatchContext.Builder().withPatchType(PatchType.JSON).withFieldManager(app).build();
        calls.call("patch", "Service", target, a -> client.services().inNamespace(ns).withName(app).patch(ctx, patch));
        log.info("kubernetes: Service " + app + " now exposes " + String.join(", ",
                ports.stream().map(p -> p.name() + " " + p.port() + "->" + p.targetPort() + "/" + p.protocol()).toList()));
        return true;
    }

    private static boolean same(List<ServicePort> live, List<ExposedPort> wanted) {
        if (live.size() != wanted.size()) {
            return false;
        }
        for (int i = 0; i < live.size(); i++) {
            ServicePort l = live.get(i);
            ExposedPort w = wanted.get(i);
            String protocol = l.getProtocol() == null ? "TCP" : l.getProtocol();
            if (!w.name().equals(l.getName()) || l.getPort() == null || w.port() != l.getPort()
                    || !w.protocol().equals(protocol) || !targetIs(l.getTargetPort(), w.targetPort())) {
                return false;
            }
        }
        return true;
    }

    private static boolean targetIs(IntOrString t, int port) {
        if (t == null) {
            return false;
        }
        return t.getIntVal() != null ? t.getIntVal() == port : String.valueOf(port).equals(t.getStrVal());
    }
}
