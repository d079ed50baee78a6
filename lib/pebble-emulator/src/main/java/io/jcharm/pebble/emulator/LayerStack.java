package io.jcharm.pebble.emulator;

import io.jcharm.yaml.GoYamlWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Pebble's layers and combined plan as Pebble 1.32.1 computes them (internals/plan/plan.go:
 * ParseLayer, Layer.Validate, CombineLayers with its defaults, Plan.Validate), with Pebble's
 * messages. Immutable: adding a layer returns a new stack.
 *
 * <pre>{@code
 * LayerStack stack = LayerStack.EMPTY.add("base", yaml, false);
 * String planYaml = stack.plan().toYaml();
 * }</pre>
 */
final class LayerStack {
    static final LayerStack EMPTY = new LayerStack(List.of(), Plan.EMPTY);

    /** Pebble's defaults (plan.go): the threshold is stored in the plan; the others only apply. */
    static final int DEFAULT_THRESHOLD = 3;
    static final long DEFAULT_PERIOD_NANOS = 10_000_000_000L;
    static final long DEFAULT_TIMEOUT_NANOS = 3_000_000_000L;

    private static final List<String> BUILTIN = List.of("summary", "description", "services", "checks", "log-targets");
    // Sections of the extensions `pebble run` registers (workloads, pairing): accepted, not modelled.
    private static final List<String> EXTENSIONS = List.of("workloads", "pairing");

    /** One layer: a label and its sections. */
    record Layer(String label, String summary, String description, Map<String, PlanEntry> services,
            Map<String, PlanEntry> checks, Map<String, PlanEntry> logTargets) {
    }

    /** The combined plan. */
    record Plan(Map<String, PlanEntry> services, Map<String, PlanEntry> checks, Map<String, PlanEntry> logTargets) {
        static final Plan EMPTY = new Plan(Map.of(), Map.of(), Map.of());

        /** The plan as {@code GET /v1/plan?format=yaml} writes it. */
        String toYaml() {
            Map<String, Object> doc = new LinkedHashMap<>();
            section(doc, "services", services, PlanSchema.SERVICE);
            section(doc, "checks", checks, PlanSchema.CHECK);
            section(doc, "log-targets", logTargets, PlanSchema.LOG_TARGET);
            return GoYamlWriter.write(doc);
        }

        private static void section(Map<String, Object> doc, String name, Map<String, PlanEntry> entries,
                PlanSchema schema) {
            if (entries.isEmpty()) {
                return;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            GoYamlWriter.sortKeys(entries.keySet()).forEach(k -> out.put(k, schema.toYamlMap(entries.get(k))));
            doc.put(name, out);
        }
    }

    private final List<Layer> layers;
    private final Plan plan;

    private LayerStack(List<Layer> layers, Plan plan) {
        this.layers = List.copyOf(layers);
        this.plan = plan;
    }

    Plan plan() {
        return plan;
    }

    List<String> labels() {
        return layers.stream().map(Layer::label).toList();
    }

    /**
     * The stack with a layer added (or combined into the layer of the same label).
     *
     * @throws ApiError 400 with Pebble's message when Pebble would refuse the layer
     */
    LayerStack add(String label, String yaml, boolean combine) {
        if (label == null || label.isEmpty()) {
            throw ApiError.badRequest("label must be set");
        }
        Layer layer;
        try {
            layer = parse(label, yaml);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("cannot parse layer YAML: %s", e.getMessage());
        }
        List<Layer> next = new ArrayList<>(layers);
        int index = labels().indexOf(label);
        try {
            if (index >= 0 && !combine) {
                throw ApiError.badRequest("layer \"%s\" already exists", label);
            } else if (index >= 0) {
                Plan merged = combine(List.of(layers.get(index), layer));
                next.set(index, new Layer(label, layer.summary(), layer.description(), merged.services(),
                        merged.checks(), merged.logTargets()));
            } else {
                next.add(layer);
            }
            Plan combined = combine(next);
            validate(combined);
            return new LayerStack(next, combined);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("%s", e.getMessage());
        }
    }

    /** ParseLayer and Layer.Validate. */
    static Layer parse(String label, String yaml) {
        Optional<Node> root;
        try {
            LoadSettings settings = LoadSettings.builder().build();
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings,
                    yaml == null ? "" : yaml)));
            root = composer.getSingleNode();
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(String.format("cannot parse layer \"%s\": yaml: %s", label,
                    e.getMessage().lines().findFirst().orElse("")));
        }
        Map<String, Map<String, PlanEntry>> sections = new HashMap<>();
        Map<String, String> texts = new HashMap<>();
        if (root.isPresent() && !PlanSchema.isNull(root.get())) {
            if (!(root.get() instanceof MappingNode top)) {
                throw new IllegalArgumentException(String.format("cannot parse layer \"%s\": yaml: unmarshal errors:"
                        + "\n  line 1: cannot unmarshal !!str into map[string]yaml.Node", label));
            }
            for (NodeTuple tuple : top.getValue()) {
                String field = PlanSchema.scalar(tuple.getKeyNode());
                if (EXTENSIONS.contains(field)) {
                    continue;
                }
                if (!BUILTIN.contains(field)) {
                    throw new IllegalArgumentException(String.format("cannot parse layer \"%s\": unknown section \"%s\"",
                            label, field));
                }
                try {
                    switch (field) {
                        case "summary", "description" -> texts.put(field, PlanSchema.scalar(tuple.getValueNode()));
                        case "services" -> sections.put(field, entries(tuple.getValueNode(), PlanSchema.SERVICE));
                        case "checks" -> sections.put(field, entries(tuple.getValueNode(), PlanSchema.CHECK));
                        default -> sections.put(field, entries(tuple.getValueNode(), PlanSchema.LOG_TARGET));
                    }
                } catch (PlanSchema.TypeError e) {
                    throw new IllegalArgumentException(String.format(
                            "cannot parse layer \"%s\" section \"%s\": yaml: unmarshal errors:\n  %s", label, field,
                            e.getMessage()), e);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(String.format("cannot parse layer \"%s\" section \"%s\": %s",
                            label, field, e.getMessage()), e);
                }
            }
        }
        Layer layer = new Layer(label, texts.getOrDefault("summary", ""), texts.getOrDefault("description", ""),
                sections.getOrDefault("services", Map.of()), sections.getOrDefault("checks", Map.of()),
                sections.getOrDefault("log-targets", Map.of()));
        PlanValidation.layer(layer);
        return layer;
    }

    private static Map<String, PlanEntry> entries(Node section, PlanSchema schema) {
        Map<String, PlanEntry> out = new TreeMap<>();
        if (PlanSchema.isNull(section)) {
            return out;
        }
        if (!(section instanceof MappingNode mapping)) {
            throw new PlanSchema.TypeError("line 1: cannot unmarshal !!str `" + PlanSchema.scalar(section)
                    + "` into map[string]*" + schema.goType());
        }
        int base = section.getStartMark().map(m -> m.getLine() + 1).orElse(1);
        for (NodeTuple tuple : mapping.getValue()) {
            Node value = tuple.getValueNode();
            // A null entry is kept as such: Layer.Validate refuses it with Pebble's message.
            out.put(PlanSchema.scalar(tuple.getKeyNode()), PlanSchema.isNull(value) ? null : schema.decode(value, base));
        }
        return out;
    }

    /** CombineLayers: merge or replace per override, then the defaults Pebble stores (check threshold 3). */
    static Plan combine(List<Layer> layers) {
        Map<String, PlanEntry> services = new TreeMap<>();
        Map<String, PlanEntry> checks = new TreeMap<>();
        Map<String, PlanEntry> logTargets = new TreeMap<>();
        for (Layer layer : layers) {
            combine(layer.label(), "service", services, layer.services(), PlanSchema.SERVICE);
            combine(layer.label(), "check", checks, layer.checks(), PlanSchema.CHECK);
            combine(layer.label(), "log target", logTargets, layer.logTargets(), PlanSchema.LOG_TARGET);
        }
        // Period, timeout and the backoff settings also get defaults in CombineLayers, but as values
        // that are not "set", so GET /v1/plan never shows them; only the threshold is stored.
        checks.replaceAll((name, check) -> {
            if (check.number("threshold") != null) {
                return check;
            }
            Map<String, Object> fields = new LinkedHashMap<>(check.fields());
            fields.put("threshold", (long) DEFAULT_THRESHOLD);
            return new PlanEntry(PlanSchema.CHECK.ordered(fields));
        });
        return new Plan(services, checks, logTargets);
    }

    private static void combine(String label, String what, Map<String, PlanEntry> into, Map<String, PlanEntry> layer,
            PlanSchema schema) {
        layer.forEach((name, entry) -> {
            String override = entry.text("override");
            switch (override) {
                case "merge" -> into.merge(name, entry, schema::merge);
                case "replace" -> into.put(name, entry);
                case "" -> throw new IllegalArgumentException(String.format(
                        "layer \"%s\" must define \"override\" for %s \"%s\"", label, what, name));
                default -> throw new IllegalArgumentException(String.format(
                        "layer \"%s\" has invalid \"override\" value for %s \"%s\"", label, what, name));
            }
        });
    }

    /** Plan.Validate. */
    static void validate(Plan plan) {
        PlanValidation.plan(plan);
    }
}
