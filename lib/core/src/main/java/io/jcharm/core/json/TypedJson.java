package io.jcharm.core.json;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON bound to a charm's own types (records, lists, numbers in relation data and state) through
 * Jackson, the one place the runtime reaches it: a hook that never binds a type never loads or
 * links Jackson (the startup archive checks the types a class refers to when it links it).
 *
 * <pre>{@code
 * int served = TypedJson.read("3", Integer.class);
 * String raw = TypedJson.write(List.of("a", "b"));   // ["a","b"]
 * }</pre>
 */
public final class TypedJson {
    private TypedJson() {
    }

    /** The mapper, made on first use. */
    private static final class Holder {
        static final ObjectMapper MAPPER = JsonMapper.builder().build();
    }

    /**
     * {@code text} bound to {@code type}.
     *
     * @throws JsonException with Jackson's message when the JSON is malformed or does not fit
     */
    public static <T> T read(String text, Class<T> type) {
        try {
            return Holder.MAPPER.readValue(text, type);
        } catch (JacksonException e) {
            throw new JsonException(oneLine(e.getOriginalMessage()));
        }
    }

    /** The JSON form of {@code value}. */
    public static String write(Object value) {
        return Holder.MAPPER.writeValueAsString(value);
    }

    /**
     * {@code text} as Jackson's tree, for the API that hands trees out (credential-get).
     *
     * @throws JsonException with Jackson's message when the JSON is malformed
     */
    public static JsonNode tree(String text) {
        try {
            return Holder.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new JsonException(oneLine(e.getOriginalMessage()));
        }
    }

    /**
     * Jackson's message without its location and token details ("(start marker at [Source:
     * REDACTED ...; byte offset: #UNKNOWN])", "(token `JsonToken.START_OBJECT`)"), which tell an
     * operator nothing: the message becomes a unit status.
     */
    static String oneLine(String message) {
        return message.lines().findFirst().orElse("").strip()
                .replaceAll("\\s*\\((start marker at )?\\[Source:.*$", "")
                .replaceAll("\\s*\\(token `[^`]*`\\)", "");
    }
}
