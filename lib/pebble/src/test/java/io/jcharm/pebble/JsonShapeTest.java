package io.jcharm.pebble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.pebble.codec.PebbleMappers;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The wire test's comparator must catch real differences, or the replay proves nothing. */
class JsonShapeTest {
    private final JsonShape shape = new JsonShape(Set.of("id", "spawn-time"));

    private static JsonNode json(String text) {
        return PebbleMappers.json().readTree(text);
    }

    @Test
    void volatileKeysAndArrayOrderAreIgnored() {
        assertTrue(shape.diff(json("{\"id\":\"1\",\"a\":[{\"n\":1},{\"n\":2}]}"),
                json("{\"id\":\"7\",\"spawn-time\":\"x\",\"a\":[{\"n\":2},{\"n\":1}]}")).isEmpty());
    }

    @Test
    void valueMissingExtraAndLengthDifferencesAreReported() {
        List<String> value = shape.diff(json("{\"status\":\"Done\"}"), json("{\"status\":\"Error\"}"));
        assertEquals(List.of("$.status: expected \"Done\", got \"Error\""), value);
        assertEquals(1, shape.diff(json("{\"a\":1,\"b\":2}"), json("{\"a\":1}")).size());
        assertEquals(1, shape.diff(json("{\"a\":1}"), json("{\"a\":1,\"err\":\"x\"}")).size());
        assertEquals(1, shape.diff(json("[1,2]"), json("[1]")).size());
        assertEquals(1, shape.diff(json("[{\"n\":1}]"), json("[{\"n\":3}]")).size());
    }
}
