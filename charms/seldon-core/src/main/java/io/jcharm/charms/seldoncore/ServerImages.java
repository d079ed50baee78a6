package io.jcharm.charms.seldoncore;

import io.jcharm.core.InvalidConfigException;
import io.jcharm.kubernetes.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The images in the {@code seldon-config} ConfigMap: prepackaged predictor servers (per
 * protocol), the storage initializer and the explainers; Seldon Core 1.17.1's defaults from
 * {@code default-images.yaml}, with the {@code custom_images} option's YAML on top. Its keys are
 * Charmed Kubeflow's: {@code configmap__predictor__<server>__<protocol>} (the server as that
 * charm names it, e.g. {@code sklearn}, {@code tempo_server}) and {@code configmap_<key>} for
 * storageInitializer, explainer and explainer_v2; an empty value keeps the default.
 *
 * <pre>{@code
 * ServerImages images = ServerImages.withOverrides("configmap__predictor__sklearn__seldon: reg.local/sklearnserver:1.17.1");
 * images.server("SKLEARN_SERVER").get("seldon");     // reg.local/sklearnserver:1.17.1
 * images.configMapData().get("predictor_servers");   // JSON, as the manager reads it
 * }</pre>
 */
final class ServerImages {
    static final String OPTION = "custom_images";
    static final String STORAGE_INITIALIZER = "storageInitializer";
    static final String EXPLAINER = "explainer";
    static final String EXPLAINER_V2 = "explainer_v2";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    /**
     * How Charmed Kubeflow's custom_images keys name each server (canonical/seldon-core-operator
     * track/1.17, config.yaml): configmap__predictor__<name>__<protocol>.
     */
    private static final Map<String, String> KEY_NAMES = Map.of("SKLEARN_SERVER", "sklearn", "XGBOOST_SERVER", "xgboost",
            "MLFLOW_SERVER", "mlflow", "TENSORFLOW_SERVER", "tensorflow", "TRITON_SERVER", "triton",
            "HUGGINGFACE_SERVER", "huggingface", "TEMPO_SERVER", "tempo_server");

    /** Server name to protocol to image, in the defaults' order; the first protocol is the primary one. */
    private final Map<String, Map<String, String>> servers;
    /** storageInitializer, explainer, explainer_v2 to image. */
    private final Map<String, String> others;

    private ServerImages(Map<String, Map<String, String>> servers, Map<String, String> others) {
        this.servers = servers;
        this.others = others;
    }

    /** Seldon Core 1.17.1's images. */
    static ServerImages defaults() {
        try (InputStream in = ServerImages.class.getResourceAsStream("default-images.yaml")) {
            if (in == null) {
                throw new IllegalStateException("default-images.yaml is missing from the charm's jar");
            }
            JsonNode root = YAML.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, Map<String, String>> servers = new LinkedHashMap<>();
            Map<String, String> others = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                if (e.getValue().isObject()) {
                    Map<String, String> protocols = new LinkedHashMap<>();
                    e.getValue().properties().forEach(p -> protocols.put(p.getKey(), p.getValue().asString()));
                    servers.put(e.getKey(), protocols);
                } else {
                    others.put(e.getKey(), e.getValue().asString());
                }
            }
            return new ServerImages(servers, others);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read default-images.yaml from the charm's jar", e);
        }
    }

    /**
     * The defaults with the custom_images YAML on top; blank, or a key set to '', means the default.
     *
     * @throws InvalidConfigException naming custom_images and the offending key
     */
    static ServerImages withOverrides(String customImages) {
        ServerImages base = defaults();
        if (customImages == null || customImages.isBlank()) {
            return base;
        }
        JsonNode root;
        try {
            root = YAML.readTree(customImages);
        } catch (JacksonException e) {
            throw new InvalidConfigException(OPTION, "not valid YAML: " + firstLine(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return base;
        }
        if (!root.isObject()) {
            throw new InvalidConfigException(OPTION, "must be a YAML map such as "
                    + "\"configmap__predictor__sklearn__seldon: registry.local/seldonio/sklearnserver:1.17.1\"");
        }
        Map<String, Map<String, String>> servers = new LinkedHashMap<>();
        base.servers.forEach((k, v) -> servers.put(k, new LinkedHashMap<>(v)));
        Map<String, String> others = new LinkedHashMap<>(base.others);
        Map<String, Slot> slots = base.optionKeys();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            Slot slot = slots.get(key);
            if (slot == null) {
                throw new InvalidConfigException(OPTION, "unknown key \"" + key + "\"; known keys: "
                        + String.join(", ", slots.keySet()));
            }
            if (value.isNull() || (value.isString() && value.asString().isEmpty())) {
                continue; // '' keeps the default, as in Charmed Kubeflow's charm
            }
            if (slot.protocol() != null) {
                servers.get(slot.name()).put(slot.protocol(), image(key, value, true));
            } else {
                others.put(slot.name(), image(key, value, false));
            }
        }
        return new ServerImages(servers, others);
    }

    /** Where a custom_images key goes: a server's protocol, or (protocol null) another image. */
    private record Slot(String name, String protocol) {
    }

    /** Each custom_images key, in the defaults' order, to where it goes. */
    private Map<String, Slot> optionKeys() {
        Map<String, Slot> keys = new LinkedHashMap<>();
        servers.forEach((server, protocols) -> {
            String name = KEY_NAMES.get(server);
            if (name == null) {
                throw new IllegalStateException("default-images.yaml lists " + server + ", which has no custom_images name");
            }
            protocols.keySet().forEach(p -> keys.put("configmap__predictor__" + name + "__" + p, new Slot(server, p)));
        });
        others.keySet().forEach(k -> keys.put("configmap_" + k, new Slot(k, null)));
        return keys;
    }

    /** The protocol-to-image map of a server, e.g. SKLEARN_SERVER: seldon, v2. */
    Map<String, String> server(String name) {
        Map<String, String> p = servers.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no prepackaged server " + name + "; known: " + servers.keySet());
        }
        return Collections.unmodifiableMap(p);
    }

    /** The protocol a server is served with by serve-model: its first one (seldon, or v2 for v2-only servers). */
    String primaryProtocol(String server) {
        return primaryProtocol(server(server));
    }

    /** The storage initializer, explainer or explainer_v2 image. */
    String image(String key) {
        return others.get(key);
    }

    /** The seldon-config data keys this charm computes: predictor_servers, storageInitializer, explainer. */
    Map<String, String> configMapData() {
        ObjectMapper json = JsonMapper.builder().build();
        Map<String, Object> predictors = new LinkedHashMap<>();
        servers.forEach((server, protocols) -> {
            Map<String, Object> byProtocol = new LinkedHashMap<>();
            protocols.forEach((protocol, image) -> {
                int colon = image.lastIndexOf(':');
                Map<String, String> entry = new LinkedHashMap<>();
                // Seldon joins these two with ':' to get the image; a tag is therefore required.
                entry.put("image", image.substring(0, colon));
                entry.put("defaultImageVersion", image.substring(colon + 1));
                byProtocol.put(protocol, entry);
            });
            predictors.put(server, Map.of("protocols", byProtocol));
        });
        Map<String, String> storage = new LinkedHashMap<>();
        storage.put("image", others.get(STORAGE_INITIALIZER));
        storage.put("memoryRequest", "100Mi");
        storage.put("memoryLimit", "1Gi");
        storage.put("cpuRequest", "100m");
        storage.put("cpuLimit", "1");
        Map<String, String> explainer = new LinkedHashMap<>();
        explainer.put("image", others.get(EXPLAINER));
        explainer.put("image_v2", others.get(EXPLAINER_V2));
        Map<String, String> data = new LinkedHashMap<>();
        data.put("predictor_servers", json.writerWithDefaultPrettyPrinter().writeValueAsString(predictors));
        data.put(STORAGE_INITIALIZER, json.writerWithDefaultPrettyPrinter().writeValueAsString(storage));
        data.put(EXPLAINER, json.writerWithDefaultPrettyPrinter().writeValueAsString(explainer));
        return data;
    }

    private static String primaryProtocol(Map<String, String> protocols) {
        return protocols.keySet().iterator().next();
    }

    private static String image(String key, JsonNode value, boolean needsTag) {
        String hint = "such as registry.local/seldonio/sklearnserver:1.17.1";
        if (value == null || !value.isString() || !ImageReference.valid(value.asString())) {
            throw new InvalidConfigException(OPTION, key + " must be an image reference " + hint + ", got "
                    + (value == null ? "nothing" : value.toString()));
        }
        String image = value.asString();
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (needsTag && (image.contains("@") || colon < slash || colon == image.length() - 1)) {
            throw new InvalidConfigException(OPTION, key + " needs an image with a tag (repo:tag; Seldon cannot use"
                    + " digests for prepackaged servers), got \"" + image + "\"");
        }
        return image;
    }

    private static String firstLine(String s) {
        String text = s == null ? "" : s.strip();
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
