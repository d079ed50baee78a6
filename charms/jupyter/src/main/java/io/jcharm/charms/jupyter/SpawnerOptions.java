package io.jcharm.charms.jupyter;

import io.jcharm.core.InvalidConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The spawner's choices, parsed from the JSON/YAML options with the line of any parse error,
 * and checked as the web app needs them (each image a string, each vendor a limitsKey and
 * uiName, each default one of the offered keys).
 *
 * <pre>{@code
 * SpawnerOptions s = SpawnerOptions.parse(source);  // InvalidConfigException("gpu-vendors", "not valid JSON/YAML at line 2, ...")
 * s.jupyterImages().get(0);                          // "kubeflownotebookswg/jupyter-scipy:v1.10.0"
 * }</pre>
 *
 * @param jupyterImages JupyterLab images, the first selected
 * @param vscodeImages code-server images
 * @param rstudioImages RStudio images
 * @param gpuNumberDefault GPUs selected by default; 0 for none
 * @param gpuVendors vendors, each with limitsKey and uiName
 * @param gpuVendorDefault the selected vendor's limitsKey, "" for none
 * @param affinityOptions affinity choices (configKey, displayName, affinity)
 * @param affinityDefault the selected configKey, "" for none
 * @param tolerationOptions toleration groups (groupKey, displayName, tolerations)
 * @param tolerationDefault the selected groupKey, "" for none
 * @param defaultPodDefaults PodDefault labels selected by default
 */
record SpawnerOptions(List<String> jupyterImages, List<String> vscodeImages, List<String> rstudioImages,
                      int gpuNumberDefault, List<Object> gpuVendors, String gpuVendorDefault,
                      List<Object> affinityOptions, String affinityDefault, List<Object> tolerationOptions,
                      String tolerationDefault, List<String> defaultPodDefaults) {

    /** The GPU counts the spawner's form offers (Kubeflow 1.10's frontend). */
    static final Set<Integer> GPU_NUMBERS = Set.of(0, 1, 2, 4, 8);
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** The options' raw text. */
    record Source(String jupyterImages, String vscodeImages, String rstudioImages, int gpuNumberDefault,
                  String gpuVendors, String gpuVendorsDefault, String affinityOptions, String affinityOptionsDefault,
                  String tolerationsOptions, String tolerationsOptionsDefault, String defaultPoddefaults) {
    }

    /**
     * Parses and checks every option.
     *
     * @throws InvalidConfigException naming the option, with the parse error's line when it does not parse
     */
    static SpawnerOptions parse(Source s) {
        if (!GPU_NUMBERS.contains(s.gpuNumberDefault())) {
            throw new InvalidConfigException("gpu-number-default", "must be one of 0, 1, 2, 4, 8 (what the spawner"
                    + " offers), got " + s.gpuNumberDefault());
        }
        List<Object> vendors = objects("gpu-vendors", s.gpuVendors(), List.of("limitsKey", "uiName"));
        List<Object> affinity = objects("affinity-options", s.affinityOptions(), List.of("configKey", "displayName", "affinity"));
        List<Object> tolerations = objects("tolerations-options", s.tolerationsOptions(),
                List.of("groupKey", "displayName", "tolerations"));
        oneOf("gpu-vendors-default", s.gpuVendorsDefault(), vendors, "limitsKey", "gpu-vendors");
        oneOf("affinity-options-default", s.affinityOptionsDefault(), affinity, "configKey", "affinity-options");
        oneOf("tolerations-options-default", s.tolerationsOptionsDefault(), tolerations, "groupKey", "tolerations-options");
        return new SpawnerOptions(strings("jupyter-images", s.jupyterImages()), strings("vscode-images", s.vscodeImages()),
                strings("rstudio-images", s.rstudioImages()), s.gpuNumberDefault(), vendors, s.gpuVendorsDefault(),
                affinity, s.affinityOptionsDefault(), tolerations, s.tolerationsOptionsDefault(),
                strings("default-poddefaults", s.defaultPoddefaults()));
    }

    /** The option's text as a tree; "" is an empty list. */
    private static JsonNode read(String option, String text) {
        if (text == null || text.isBlank()) {
            return YAML.createArrayNode();
        }
        JsonNode node;
        try {
            node = YAML.readTree(text);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidConfigException(option, "not valid JSON/YAML" + where + ": " + problem(e.getOriginalMessage()));
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return YAML.createArrayNode();
        }
        if (!node.isArray()) {
            throw new InvalidConfigException(option, "must be a JSON/YAML list, got " + describe(node));
        }
        return node;
    }

    private static List<String> strings(String option, String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : read(option, text)) {
            i++;
            if (!item.isString() || item.asString().isBlank()) {
                throw new InvalidConfigException(option, "item " + i + " must be a non-empty string, got " + describe(item));
            }
            out.add(item.asString());
        }
        return List.copyOf(out);
    }

    private static List<Object> objects(String option, String text, List<String> keys) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : read(option, text)) {
            i++;
            if (!item.isObject()) {
                throw new InvalidConfigException(option, "item " + i + " must be a mapping with " + String.join(", ", keys)
                        + ", got " + describe(item));
            }
            for (String k : keys) {
                if (!item.has(k) || item.get(k).isNull()) {
                    throw new InvalidConfigException(option, "item " + i + " lacks " + k + " (each needs "
                            + String.join(", ", keys) + ")");
                }
            }
            out.add(YAML.convertValue(item, Object.class));
        }
        return List.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    private static void oneOf(String option, String value, List<Object> offered, String key, String offeredIn) {
        if (value.isEmpty()) {
            return;
        }
        Set<String> keys = new TreeSet<>();
        offered.forEach(o -> keys.add(String.valueOf(((Map<String, Object>) o).get(key))));
        if (!keys.contains(value)) {
            throw new InvalidConfigException(option, "\"" + value + "\" is not a " + key + " of " + offeredIn
                    + (keys.isEmpty() ? " (it offers none)" : "; one of " + String.join(", ", keys)) + ", or empty");
        }
    }

    private static String describe(JsonNode n) {
        return n.isObject() ? "a mapping" : n.isArray() ? "a list" : n.isNumber() ? "the number " + n : n.isBoolean()
                ? "the boolean " + n : n.isString() ? "the string \"" + n.asString() + "\"" : n.getNodeType().toString();
    }

    /** The parser's own words without its source excerpts (indented lines): context; problem. */
    private static String problem(String s) {
        if (s == null) {
            return "parse error";
        }
        List<String> kept = s.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).toList();
        return kept.isEmpty() ? s.strip() : String.join("; ", kept);
    }

    /**
     * spawner_ui_config.yaml as the web app reads it ({@code spawnerFormDefaults}; keys from
     * kubeflow/kubeflow v1.10.0 crud-web-apps/jupyter manifests/base/configs/spawner_ui_config.yaml),
     * with the form's other defaults as Kubeflow ships them.
     */
    String render() {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("allowCustomImage", true);
        form.put("hideRegistry", true);
        form.put("hideTag", false);
        form.put("imagePullPolicy", field(false, "IfNotPresent"));
        form.put("image", choice(jupyterImages));
        form.put("imageGroupOne", choice(vscodeImages));
        form.put("imageGroupTwo", choice(rstudioImages));
        form.put("cpu", limited("0.5"));
        form.put("memory", limited("1.0Gi"));
        Map<String, Object> gpus = new LinkedHashMap<>();
        gpus.put("vendor", gpuVendorDefault);
        gpus.put("vendors", gpuVendors);
        gpus.put("num", gpuNumberDefault == 0 ? "none" : Integer.toString(gpuNumberDefault));
        form.put("gpus", field(false, gpus));
        Map<String, Object> workspace = new LinkedHashMap<>();
        workspace.put("mount", Notebooks.HOME);
        // Ordered maps only: each hook is a new JVM, and Map.of's order changes between JVMs,
        // which would rewrite the file (and restart the web app) on every hook.
        workspace.put("newPvc", ordered(
                "metadata", ordered("name", "{notebook-name}-workspace"),
                "spec", ordered("resources", ordered("requests", ordered("storage", "5Gi")),
                        "accessModes", List.of("ReadWriteOnce"))));
        form.put("workspaceVolume", field(false, workspace));
        form.put("dataVolumes", field(false, List.of()));
        form.put("affinityConfig", options(affinityDefault, affinityOptions));
        form.put("tolerationGroup", options(tolerationDefault, tolerationOptions));
        form.put("shm", field(false, true));
        form.put("configurations", field(false, defaultPodDefaults));
        form.put("environment", field(false, ordered()));
        try {
            return YAML.writeValueAsString(ordered("spawnerFormDefaults", form));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write spawner_ui_config.yaml: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> field(boolean readOnly, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("readOnly", readOnly);
        m.put("value", value);
        return m;
    }

    private static Map<String, Object> choice(List<String> images) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", images.isEmpty() ? "" : images.get(0));
        m.put("options", images);
        return m;
    }

    private static Map<String, Object> limited(String value) {
        Map<String, Object> m = field(false, value);
        m.put("limitFactor", "1.2");
        return m;
    }

    private static Map<String, Object> options(String value, List<Object> options) {
        Map<String, Object> m = field(false, value);
        m.put("options", options);
        return m;
    }
}
