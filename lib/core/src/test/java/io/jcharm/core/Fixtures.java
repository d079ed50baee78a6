package io.jcharm.core;

import io.jcharm.core.meta.CharmMetadata;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** A demo charm's metadata and hook environments for the core tests. */
final class Fixtures {
    static final String CHARMCRAFT = """
            name: demo
            provides:
              website: {interface: http}
            requires:
              db: {interface: mysql, limit: 1}
              ingress: {interface: ingress}
            peers:
              cluster: {interface: demo-peers}
            containers:
              workload: {resource: image}
            resources:
              image: {type: oci-image}
            storage:
              data: {type: filesystem, location: /srv/data}
            config:
              options:
                greeting: {type: string, default: hi}
                port: {type: int, default: 8080}
            actions:
              greet:
                params:
                  name: {type: string}
                required: [name]
                additionalProperties: false
              backup:
                description: Takes a backup.
            """;

    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    private Fixtures() {
    }

    @SuppressWarnings("unchecked")
    static CharmMetadata meta(String yaml) {
        Map<String, Object> all = YAML.readValue(yaml, Map.class);
        Map<String, Object> config = (Map<String, Object>) all.getOrDefault("config", Map.of());
        Map<String, Object> actions = (Map<String, Object>) all.getOrDefault("actions", Map.of());
        return CharmMetadata.parse(all, config, actions);
    }

    static CharmMetadata meta() {
        return meta(CHARMCRAFT);
    }

    /** The variables every hook has, for unit demo/0, plus {@code extra} as key, value pairs. */
    static Map<String, String> env(String dispatchPath, String... extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JUJU_DISPATCH_PATH", dispatchPath);
        env.put("JUJU_UNIT_NAME", "demo/0");
        env.put("JUJU_MODEL_NAME", "kubeflow");
        env.put("JUJU_MODEL_UUID", "6e2f9a1c-0000-4000-8000-000000000001");
        env.put("JUJU_CHARM_DIR", "/var/lib/juju/agents/unit-demo-0/charm");
        env.put("JUJU_VERSION", "3.6.14");
        for (int i = 0; i < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    static JujuContext context(String dispatchPath, String... extra) {
        return JujuContext.fromEnvironment(env(dispatchPath, extra));
    }

    /** A model of the demo charm over {@code tools}; stderr is discarded. */
    static Model model(RecordingHookTools tools, String dispatchPath, String... extra) {
        return new Model(context(dispatchPath, extra), meta(), tools, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
    }

    /** Captures what is printed, as text. */
    static final class Captured {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
