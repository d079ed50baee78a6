package io.jcharm.relations;

import io.jcharm.core.Component;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider side of {@code grafana_dashboard}, as Canonical's grafana_dashboard library
 * writes it: one app-bag key {@code dashboards}, JSON
 * {@code {"templates": {"file:<name>": {charm, content, juju_topology, inject_dropdowns}}, "uuid": ...}}
 * where {@code content} is base64 of the dashboard JSON compressed as Python's
 * {@code lzma.compress} does (the .xz container), which is what Grafana's side decompresses. The
 * {@code uuid} changes only when a template changes, so an unchanged hook writes nothing.
 * Our dashboards carry their own {@code uid}, so the optional {@code dashboard_alt_uid} is not sent.
 *
 * <pre>{@code
 * Components.of(..., GrafanaDashboards.component("grafana-dashboard", MyCharm.class, "grafana_dashboards/mlflow.json"));
 * }</pre>
 */
public final class GrafanaDashboards {
    static final String KEY = "dashboards";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GrafanaDashboards() {
    }

    /**
     * One dashboard: its file name (the template key is {@code file:<name>}) and its JSON.
     *
     * @param name the file name, e.g. {@code mlflow.json}
     * @param json Grafana's dashboard model
     */
    public record Dashboard(String name, String json) {
        /** Reads a dashboard kept as a class-path resource next to {@code owner}'s package root. */
        public static Dashboard resource(Class<?> owner, String path) {
            try (InputStream in = owner.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("the dashboard " + path + " is missing from the charm's jar: rebuild it");
                }
                return new Dashboard(path.substring(path.lastIndexOf('/') + 1), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A component named after {@code endpoint} that publishes the dashboards kept as class-path
     * resources of {@code owner}'s jar.
     */
    public static Component<Void> component(String endpoint, Class<?> owner, String... resources) {
        return Component.of(endpoint, m -> publish(m, endpoint,
                java.util.Arrays.stream(resources).map(r -> Dashboard.resource(owner, r)).toList()));
    }

    /** Writes the dashboards on every relation of {@code endpoint} (leader only; a no-op elsewhere). */
    public static void publish(Model model, String endpoint, List<Dashboard> dashboards) {
        List<Relation> relations = model.relations(endpoint);
        if (relations.isEmpty() || !model.isLeader()) {
            return;
        }
        Map<String, Object> topology = new LinkedHashMap<>();
        topology.put("model", model.name());
        topology.put("model_uuid", model.uuid());
        topology.put("application", model.app().name());
        topology.put("unit", model.unit().name());
        Map<String, Object> templates = new LinkedHashMap<>();
        for (Dashboard d : dashboards) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("charm", model.metadata().name());
            t.put("content", compress(d.json()));
            t.put("juju_topology", topology);
            t.put("inject_dropdowns", true);
            templates.put("file:" + d.name(), t);
        }
        JsonNode wanted = JSON.valueToTree(templates);
        for (Relation r : relations) {
            Optional<JsonNode> current = r.localApp().get(KEY).map(GrafanaDashboards::parseOrNull);
            if (current.isPresent() && wanted.equals(current.get().path("templates"))) {
                continue;
            }
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("templates", templates);
            value.put("uuid", UUID.randomUUID().toString());
            r.localApp().putJson(KEY, value);
        }
    }

    /** Base64 of the .xz stream of {@code text}'s UTF-8 bytes (Python: {@code base64.b64encode(lzma.compress(...))}). */
    static String compress(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // A 64 KiB dictionary: a dashboard is a few KiB, and the default preset's 8 MiB dictionary
        // needs ~94 MiB of encoder memory, more than a hook JVM's heap (the packer's training
        // run died of OutOfMemoryError with it). Any xz decoder reads either.
        LZMA2Options options = new LZMA2Options();
        try {
            options.setDictSize(64 * 1024);
        } catch (org.tukaani.xz.UnsupportedOptionsException e) {
            throw new IllegalStateException(e);
        }
        try (XZOutputStream xz = new XZOutputStream(out, options)) {
            xz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static JsonNode parseOrNull(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (tools.jackson.core.JacksonException e) {
            return null; // ours is rewritten below
        }
    }
}
