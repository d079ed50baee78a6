package io.jcharm.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Go's fmt and strconv behaviours the messages depend on. */
class GoFormatTest {
    @Test
    void quoteEscapesAsStrconvQuote() {
        assertEquals("\"a\\\"b\\\\c\\n\\t\\x01\\x7f\"", GoFormat.quote("a\"b\\c\n\t\u0001\u007f"));
        assertEquals("[\"a\" \"b\"]", GoFormat.quote(List.of("a", "b")));
    }

    @Test
    void floatsPrintAsPercentV() {
        assertEquals("1e+20", GoFormat.formatFloat(1e20));
        assertEquals("1e+06", GoFormat.formatFloat(1e6));
        assertEquals("123456", GoFormat.formatFloat(123456));
        assertEquals("2.5", GoFormat.formatFloat(2.5));
        assertEquals("0.0001", GoFormat.formatFloat(1e-4));
        assertEquals("1e-05", GoFormat.formatFloat(1e-5));
        assertEquals("+Inf", GoFormat.formatFloat(Double.POSITIVE_INFINITY));
    }

    @Test
    void syntaxAndType() {
        assertEquals("map[interface {}]interface {}{\"a\":1, \"b\":\"x\"}", GoFormat.syntax(Map.of("b", "x", "a", 1L)));
        assertEquals("int(42)", GoFormat.typed(42L));
        assertEquals("string(\"x\")", GoFormat.typed("x"));
        assertEquals("float64(2.5)", GoFormat.typed(2.5));
        assertEquals("0.0001", GoFormat.syntax(0.0001));
        assertEquals("float64(+Inf)", GoFormat.typed(Double.POSITIVE_INFINITY));
    }

    @Test
    void parseIntAsStrconvBase0() {
        assertEquals(Optional.of(1000L), GoScalars.parseInt("1_000"));
        assertEquals(Optional.of(15L), GoScalars.parseInt("0o17"));
        assertEquals(Optional.of(15L), GoScalars.parseInt("0_17"));
        assertEquals(Optional.of(-16L), GoScalars.parseInt("-0x10"));
        assertEquals(Optional.empty(), GoScalars.parseInt("1__0"));
        assertEquals(Optional.empty(), GoScalars.parseInt("_1"));
        assertEquals(Optional.empty(), GoScalars.parseInt("1_"));
        assertEquals(Optional.empty(), GoScalars.parseInt("9223372036854775808"));
        assertEquals(Optional.empty(), GoScalars.parseInt("08"));
    }
}
