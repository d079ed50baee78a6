package io.jcharm.core;

import io.jcharm.pebble.PebbleChangeException;
import io.jcharm.pebble.PebbleChangeTimeoutException;
import io.jcharm.pebble.PebbleConnectionException;
import io.jcharm.pebble.ServiceInfo;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.Plan;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps a Pebble layer in a workload container, idempotently: it adds the layer (combined under
 * its label) and replans only when the plan does not already hold it, and makes sure a running
 * service whose environment changed is restarted. A container that is not up yet gives Waiting.
 *
 * <pre>{@code
 * PebbleLayerComponent.of("mlflow-server", "mlflow", config, (model, cfg) -> Layer.builder()
 *     .service("mlflow", Service.builder().override(OverrideMode.REPLACE)
 *         .command("mlflow server --host 0.0.0.0").startup(Startup.ENABLED)
 *         .environment("MLFLOW_S3_ENDPOINT_URL", cfg.s3Url()).build())
 *     .build());
 * }</pre>
 *
 * <p>Write the layer with {@code override: replace}: under {@code merge}, Pebble appends list
 * fields on every add, so such a layer never matches the plan and would be re-added each hook.
 */
public final class PebbleLayerComponent implements Component<Void> {
    private final String container;
    private final String label;
    private final FunctionComponent.Fn<Layer> layer;
    private final Function<Model, Container> containers;
    private final List<Component<?>> dependsOn;

    /** Builds the wanted layer from the model; may stop with a status (e.g. config not usable). */
    @FunctionalInterface
    public interface LayerSource {
        Layer layer(Model model) throws StatusException;
    }

    /** Builds the wanted layer from the model and one dependency's value. */
    @FunctionalInterface
    public interface LayerSource1<A> {
        Layer layer(Model model, A a) throws StatusException;
    }

    /** Builds the wanted layer from the model and two dependencies' values. */
    @FunctionalInterface
    public interface LayerSource2<A, B> {
        Layer layer(Model model, A a, B b) throws StatusException;
    }

    /** A component for the model's {@code container} ({@link Model#container}). */
    public PebbleLayerComponent(String container, String label, LayerSource layer) {
        this(container, label, layer, model -> model.container(container));
    }

    /** A component that gets its {@link Container} from {@code containers}; it is not closed here. */
    public PebbleLayerComponent(String container, String label, LayerSource layer,
            Function<Model, Container> containers) {
        this(container, label, fromModel(layer), containers, List.of());
    }

    private static FunctionComponent.Fn<Layer> fromModel(LayerSource layer) {
        Objects.requireNonNull(layer, "layer");
        return (m, in) -> layer.layer(m);
    }

    private PebbleLayerComponent(String container, String label, FunctionComponent.Fn<Layer> layer,
            Function<Model, Container> containers, List<Component<?>> dependsOn) {
        this.container = Objects.requireNonNull(container, "container");
        this.label = Objects.requireNonNull(label, "label");
        this.layer = Objects.requireNonNull(layer, "layer");
        this.containers = Objects.requireNonNull(containers, "containers");
        this.dependsOn = List.copyOf(dependsOn);
    }

    /** A component whose layer is built from {@code a}'s value (for example the config record). */
    public static <A> PebbleLayerComponent of(String container, String label, Component<A> a, LayerSource1<A> layer) {
        Objects.requireNonNull(layer, "layer");
        return new PebbleLayerComponent(container, label, (m, in) -> layer.layer(m, in.get(a)),
                m -> m.container(container), List.of(a));
    }

    /** A component whose layer is built from {@code a}'s and {@code b}'s values. */
    public static <A, B> PebbleLayerComponent of(String container, String label, Component<A> a, Component<B> b,
            LayerSource2<A, B> layer) {
        Objects.requireNonNull(layer, "layer");
        return new PebbleLayerComponent(container, label, (m, in) -> layer.layer(m, in.get(a), in.get(b)),
                m -> m.container(container), List.of(a, b));
    }

    @Override
    public String name() {
        return container;
    }

    @Override
    public List<Component<?>> dependsOn() {
        return dependsOn;
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        try {
            Container target = containers.apply(model);
            Layer wanted = ensure(model, inputs, target);
            reportDownChecks(target, wanted);
            return null;
        } catch (PebbleConnectionException e) {
            // The container went away between canConnect() and here (pod restart): wait for pebble-ready.
            throw new StatusException(Status.waiting("waiting for " + container + " Pebble"), e);
        } catch (PebbleChangeTimeoutException e) {
            throw new StatusException(Status.waiting("waiting for " + container + " services to start (Pebble change "
                    + e.changeId() + ")"), e);
        } catch (PebbleChangeException e) {
            throw new StatusException(Status.blocked(container + ": " + e.change().summary() + " failed: "
                    + lastLine(e.err()) + "; see juju debug-log"), e);
        }
    }

    /**
     * A check of the layer that Pebble reports down leaves the unit waiting, naming it (Juju runs
     * {@code <container>-pebble-check-recovered} when it comes back, which clears the status).
     */
    private void reportDownChecks(Container target, Layer wanted) throws StatusException {
        List<String> down = target.checks().stream().filter(c -> wanted.checks().containsKey(c.name()))
                .filter(c -> c.status() == io.jcharm.pebble.CheckStatus.DOWN)
                .map(c -> c.name() + " (" + c.failures() + " failures)").sorted().toList();
        if (!down.isEmpty()) {
            throw StatusException.waiting(container + ": check " + String.join(", ", down) + " down; waiting for it to"
                    + " recover (juju ssh --container " + container + " <unit> pebble checks)");
        }
    }

    private Layer ensure(Model model, Inputs inputs, Container target) throws StatusException {
        if (!target.canConnect()) {
            throw StatusException.waiting("waiting for " + container + " Pebble");
        }
        Layer wanted = layer.apply(model, inputs);
        Plan before = target.plan();
        if (before.contains(wanted)) {
            // A service whose start failed (left in backoff or stopped) is not running although the
            // plan holds it: only a replan starts it again, and reports the start failing again.
            List<String> stopped = notRunning(target, wanted);
            if (stopped.isEmpty()) {
                return wanted; // nothing changed: never replan
            }
            model.log().info(container + ": " + String.join(", ", stopped) + " not running; replanning to start it");
            target.replan();
            return wanted;
        }
        Set<String> envChanged = before.changedServices(wanted).stream()
                .filter(name -> before.services().containsKey(name))
                .filter(name -> !before.services().get(name).environment()
                        .equals(before.combine(label, wanted).services().get(name).environment()))
                .collect(Collectors.toSet());
        Map<String, ServiceInfo> runningBefore = target.services().stream().filter(ServiceInfo::isRunning)
                .collect(Collectors.toMap(ServiceInfo::name, s -> s));
        model.log().info("adding Pebble layer " + label + " to " + container + " and replanning");
        target.addLayer(label, wanted, true);
        target.replan();
        // Replan restarts running services whose definition changed and starts enabled ones; a
        // running service that is not startup-enabled is stopped and left so. Bring back every
        // service that ran before with a new environment, and restart it if replan did not.
        for (String name : envChanged) {
            ServiceInfo previous = runningBefore.get(name);
            if (previous == null) {
                continue;
            }
            ServiceInfo now = target.service(name).orElse(null);
            if (now == null || !now.isRunning()) {
                target.start(name);
            } else if (Objects.equals(now.currentSince(), previous.currentSince())) {
                target.restart(name);
            }
        }
        return wanted;
    }

    /** The layer's startup-enabled services that Pebble does not report as running. */
    private static List<String> notRunning(Container target, Layer wanted) {
        Map<String, ServiceInfo> now = target.services().stream().collect(Collectors.toMap(ServiceInfo::name, s -> s));
        return wanted.services().entrySet().stream()
                .filter(e -> e.getValue().startup() == io.jcharm.pebble.layer.Startup.ENABLED)
                .filter(e -> now.get(e.getKey()) == null || !now.get(e.getKey()).isRunning())
                .map(Map.Entry::getKey).sorted().toList();
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1].replaceFirst("^- ", "");
    }

    @Override
    public String toString() {
        return "PebbleLayerComponent[" + container + ", layer " + label + "]";
    }
}
