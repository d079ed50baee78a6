package io.jcharm.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The hot-path JSON reader and writer, held against Jackson's untyped binding and writer. */
class JsonTest {
    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    @Test
    void valuesHaveTheTypesJacksonsUntypedBindingGives() {
        String text = "{\"i\": 8080, \"neg\": -1, \"l\": 4294967296, \"big\": 123456789012345678901234567890,"
                + " \"d\": 0.5, \"e\": 1e3, \"t\": true, \"f\": false, \"n\": null, \"s\": \"x\","
                + " \"list\": [1, \"a\", [], {}], \"obj\": {\"k\": {\"v\": 3}}}";
        Object ours = Json.parse(text);
        Object theirs = JACKSON.readValue(text, Object.class);
        assertEquals(theirs, ours);
        Map<String, Object> m = Json.object(ours);
        assertEquals(Integer.class, m.get("i").getClass(), "an int-sized number is an Integer");
        assertEquals(Long.class, m.get("l").getClass());
        assertEquals(BigInteger.class, m.get("big").getClass());
        assertEquals(Double.class, m.get("e").getClass());
        assertEquals(List.of("i", "neg", "l", "big", "d", "e", "t", "f", "n", "s", "list", "obj"), List.copyOf(m.keySet()),
                "keys keep the document's order");
        assertNull(m.get("n"));
    }

    @Test
    void stringEscapesAreDecoded() {
        assertEquals("a\"b\\c/d\n\r\t\b\féü😀", Json.parse("\"a\\\"b\\\\c\\/d\\n\\r\\t\\b\\f\\u00e9ü\\ud83d\\ude00\""));
    }

    @Test
    void aRepeatedKeyKeepsTheLastValue() {
        assertEquals(Map.of("a", 2), Json.parse("{\"a\": 1, \"a\": 2}"));
    }

    @Test
    void badJsonSaysWhatWasExpectedWhere() {
        assertEquals("expected ':' at line 2, column 5",
                assertThrows(JsonException.class, () -> Json.parse("{\n\"a\" 1}")).getMessage());
        assertEquals("expected end of input at line 1, column 4",
                assertThrows(JsonException.class, () -> Json.parse("{} x")).getMessage());
        assertEquals("expected a value at line 1, column 1", assertThrows(JsonException.class, () -> Json.parse("")).getMessage());
        assertThrows(JsonException.class, () -> Json.parse("[1,]"));
        assertThrows(JsonException.class, () -> Json.parse("01"));
        assertThrows(JsonException.class, () -> Json.parse("\"raw\ttab\""));
        assertThrows(JsonException.class, () -> Json.parse("\"\\x\""));
        assertThrows(JsonException.class, () -> Json.parse("tru"));
        char[] deep = new char[2000];
        Arrays.fill(deep, '[');
        assertThrows(JsonException.class, () -> Json.parse(new String(deep)), "deep nesting is refused, not a stack overflow");
        assertEquals("expected a JSON object, got an array", assertThrows(JsonException.class,
                () -> Json.object(Json.parse("[]"))).getMessage());
    }

    @Test
    void writtenMapsAreWhatJacksonWrites() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("b", "line\nnext \"quoted\" back\\slash tab\t bell\u0007 del\u007f é 😀 </script>");
        values.put("a", "");
        values.put("c\u0001", "x");
        assertEquals(JACKSON.writeValueAsString(values), Json.write(values));
        assertEquals(values, Json.parse(Json.write(values)));
        assertEquals("{}", Json.write(Map.of()));
    }
}
