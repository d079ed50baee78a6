package io.jcharm.pebble.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jcharm.yaml.GoDurations;
import java.time.Duration;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The Jackson mappers for Pebble's wire formats; both are immutable and thread-safe.
 *
 * <pre>{@code
 * JsonNode envelope = PebbleMappers.json().readTree(body);
 * String yaml = PebbleMappers.yaml().writeValueAsString(layer);
 * }</pre>
 */
public final class PebbleMappers {
    private static final SimpleModule GO_DURATIONS = new SimpleModule("go-durations")
            .addSerializer(Duration.class, new DurationSerializer())
            .addDeserializer(Duration.class, new DurationDeserializer());

    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(GO_DURATIONS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    // Pebble (Go yaml.v3) writes block style with four-space indentation and sorted map keys.
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .dumperOptions(DumpSettings.builder()
                            .setIndent(4)
                            .setIndicatorIndent(4)
                            .setIndentWithIndicator(true)
                            .setDefaultFlowStyle(FlowStyle.BLOCK)
                            .build())
                    .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                    .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                    .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .disable(YAMLWriteFeature.SPLIT_LINES)
                    .build())
            .addModule(GO_DURATIONS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private PebbleMappers() {
    }

    /** JSON for the Pebble API: unknown fields ignored, nulls omitted, durations as Go strings. */
    public static JsonMapper json() {
        return JSON;
    }

    /** YAML for layers and plans: Pebble's layout, unknown sections ignored. */
    public static YAMLMapper yaml() {
        return YAML;
    }

    private static final class DurationSerializer extends ValueSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(GoDurations.format(value));
        }
    }

    private static final class DurationDeserializer extends ValueDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) {
            String text = p.getValueAsString();
            try {
                return GoDurations.parse(text);
            } catch (IllegalArgumentException e) {
                return ctxt.reportInputMismatch(Duration.class, e.getMessage());
            }
        }
    }
}
