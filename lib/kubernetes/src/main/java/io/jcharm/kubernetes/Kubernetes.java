package io.jcharm.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jcharm.core.Component;
import io.jcharm.core.Log;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The hook's way to the Kubernetes API: one lazily built client (no fabric8 class is loaded
 * until a call needs it), resource sets, the Service patch, and the components that wrap them.
 *
 * <pre>{@code
 * public Components components(Model model) {
 *     Kubernetes kube = Kubernetes.of(model);
 *     Component<Void> leader = Gates.leader();
 *     Component<MyConfig> config = Component.config(MyConfig.class);
 *     return Components.of(leader, config,
 *             kube.componentIn("resources", "control-plane", config, (ns, cfg) -> MyResources.desired(cfg, ns)).after(leader),
 *             kube.servicePorts("service", List.of(ExposedPort.tcp("http", 8080))));
 * }
 * }</pre>
 *
 * <p>Credentials and namespace: see {@link ClientFactory} (KUBECONFIG from the hook environment,
 * else the pod's service account; the context's or service account's namespace, else the Juju
 * model name). Apply mode: {@link ApplyMode#fromEnvironment}.
 */
public final class Kubernetes implements AutoCloseable {
    private final String app;
    private final String modelName;
    private final Map<String, String> env;
    private final Log log;
    private final KubeOptions options;
    private KubeSession session;

    Kubernetes(String app, String modelName, Map<String, String> env, Log log, KubeOptions options) {
        this.app = Objects.requireNonNull(app, "app");
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.env = Map.copyOf(env);
        this.log = Objects.requireNonNull(log, "log");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** This hook's Kubernetes access, with the default options; nothing connects yet. */
    public static Kubernetes of(Model model) {
        return of(model, KubeOptions.DEFAULT);
    }

    public static Kubernetes of(Model model, KubeOptions options) {
        // The client's own logging (SLF4J) goes to this hook's juju-log from now on.
        Log hookLog = model.log();
        io.jcharm.kubernetes.slf4j.JujuLogSink.attach(hookLog);
        // Detached at hook end: in a warm runtime the next hook must not log through this one.
        model.closeAtHookEnd(() -> io.jcharm.kubernetes.slf4j.JujuLogSink.detach(hookLog));
        Kubernetes kube = new Kubernetes(model.app().name(), model.name(), model.environment(), model.log(), options);
        model.closeAtHookEnd(kube);
        return kube;
    }

    /**
     * The apply mode: the options', else {@code JCHARM_KUBE_APPLY}'s, else server-side.
     *
     * @throws IllegalArgumentException when JCHARM_KUBE_APPLY has an unknown value
     */
    public ApplyMode applyMode() {
        return options.mode().orElseGet(() -> ApplyMode.fromEnvironment(env));
    }

    /**
     * The fabric8 client, built on first use, for calls this library does not wrap.
     *
     * @throws KubernetesConfigException when there are no usable credentials
     */
    public KubernetesClient client() {
        return session().client();
    }

    /**
     * A read this library does not wrap (or a write that is safe to repeat, such as a JSON
     * patch), under the house error policy: conflicts, 429, 5xx,
     * timeouts and dropped connections are retried, then fail the hook naming the call and the
     * cause (Juju retries it); a 403 or missing credentials become Blocked.
     *
     * <pre>{@code
     * Deployment d = kube.read("get", "Deployment", "kubeflow/istiod",
     *         c -> c.apps().deployments().inNamespace("kubeflow").withName("istiod").get());
     * }</pre>
     *
     * @param target what is read, for messages ({@code namespace/name}, or a selector)
     */
    public <T> T read(String verb, String kind, String target, Function<KubernetesClient, T> read) throws StatusException {
        try {
            KubernetesClient c = client();
            return calls().call(verb, kind, kind + " " + target, attempt -> read.apply(c));
        } catch (RefusedException e) {
            throw e.toStatus();
        } catch (KubernetesConfigException e) {
            throw StatusException.blocked(e.getMessage());
        }
    }

    /** The namespace objects go to when they name none. */
    public String namespace() {
        return session().namespace();
    }

    /** A resource set of this application (a DNS label such as {@code control-plane}). */
    public ManagedResources resources(String set) {
        return new ManagedResources(session(), new ResourceLabels(app, modelName, set), applyMode(), options, calls(), log);
    }

    /** The patch of the Service Juju created for this application. */
    public ServicePatch servicePatch() {
        return new ServicePatch(session(), app, calls(), log);
    }

    /**
     * A component that applies {@code desired} as resource set {@code set} and removes it on
     * remove. The function gets the namespace objects go to (the model's) and runs inside the
     * component's error handling: no usable API, or a refusal, is a status, not a failed hook.
     *
     * <pre>{@code
     * kube.componentIn("routes", "routes", ns -> RouteObjects.desired(ns)).after(crds);
     * }</pre>
     */
    public ResourcesComponent componentIn(String name, String set, ResourcesComponent.Desired desired) {
        return ResourcesComponent.of(name, this, set, desired);
    }

    /**
     * As {@link #componentIn(String, String, ResourcesComponent.Desired)}, built from the value of
     * the component {@code a} (which it depends on).
     *
     * <pre>{@code
     * kube.componentIn("control-plane", "control-plane", config, (ns, cfg) -> ControlPlaneObjects.of(cfg, ns));
     * }</pre>
     */
    public <A> ResourcesComponent componentIn(String name, String set, Component<A> a,
                                              ResourcesComponent.Desired1<A> desired) {
        return ResourcesComponent.of(name, this, set, a, desired);
    }

    /** As {@link #componentIn(String, String, ResourcesComponent.Desired)}, from two components' values. */
    public <A, B> ResourcesComponent componentIn(String name, String set, Component<A> a, Component<B> b,
                                                 ResourcesComponent.Desired2<A, B> desired) {
        return ResourcesComponent.of(name, this, set, a, b, desired);
    }

    /** As {@link #componentIn(String, String, ResourcesComponent.Desired)}, for objects that do not depend on the namespace. */
    public ResourcesComponent component(String name, String set,
                                        Supplier<? extends Collection<? extends HasMetadata>> desired) {
        Objects.requireNonNull(desired, "desired");
        return componentIn(name, set, ns -> desired.get());
    }

    /**
     * A component that keeps the ports of the application's Service (the one Juju creates) as
     * {@code ports} says; nothing to undo on remove, since Juju deletes that Service.
     */
    public Component<Void> servicePorts(String name, Supplier<? extends List<ExposedPort>> ports) {
        Objects.requireNonNull(ports, "ports");
        return Component.of(name, m -> patchServicePorts(ports.get()));
    }

    public Component<Void> servicePorts(String name, List<ExposedPort> ports) {
        List<ExposedPort> copy = List.copyOf(ports);
        return servicePorts(name, () -> copy);
    }

    /**
     * As {@link #servicePorts(String, Supplier)}, from {@code a}'s value (e.g. the config).
     *
     * <pre>{@code
     * kube.servicePorts("service", config, cfg -> List.of(ExposedPort.tcp("http", cfg.port())));
     * }</pre>
     */
    public <A> Component<Void> servicePorts(String name, Component<A> a, Function<A, ? extends List<ExposedPort>> ports) {
        Objects.requireNonNull(ports, "ports");
        return Component.of(name, a, (m, value) -> patchServicePorts(ports.apply(value)));
    }

    private void patchServicePorts(List<ExposedPort> wanted) throws StatusException {
        try {
            servicePatch().apply(wanted);
        } catch (KubernetesConfigException e) {
            throw StatusException.blocked(e.getMessage());
        }
    }

    Log log() {
        return log;
    }

    private ApiCalls calls() {
        // Juju sets JUJU_ACTION_NAME only for actions, whose failures it does not retry.
        return new ApiCalls(options.retry(), options.sleeper(), log, app, env.containsKey("JUJU_ACTION_NAME"));
    }

    /** Closes the client if one was built (the hook process exits anyway; tests do not). */
    @Override
    public void close() {
        if (session != null) {
            session.client().close();
            session = null;
        }
    }

    private KubeSession session() {
        if (session == null) {
            ApplyMode mode = applyMode();
            session = ClientFactory.connect(env, modelName, options);
            // One line per hook (each juju-log is a process); a mode other than server-side is
            // explicitly chosen, never a silent fallback, and the line says where it came from.
            log.debug("kubernetes: " + session.source() + ", namespace " + session.namespace() + ", apply mode "
                    + mode.value() + (mode == ApplyMode.SERVER_SIDE ? ""
                            : " (" + (options.mode().isPresent() ? "KubeOptions" : ApplyMode.ENV)
                                    + "; server-side apply is off)"));
        }
        return session;
    }
}
