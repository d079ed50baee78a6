package io.jcharm.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** yaml.v3 v3.0.1's output rules (encode.go stringv, emitterc.go analyze/select style, sorter.go). */
class GoYamlWriterTest {
    private static String value(Object v) {
        return GoYamlWriter.write(Map.of("k", v));
    }

    @Test
    void scalarsAreQuotedAsYamlV3QuotesThem() {
        assertEquals("k: run --fast\n", value("run --fast"));
        assertEquals("k: \"2\"\n", value("2"), "a string that reads as an int is double-quoted");
        assertEquals("k: \"yes\"\n", value("yes"), "YAML 1.1 booleans are quoted for old readers");
        assertEquals("k: \"\"\n", value(""));
        assertEquals("k: '- x'\n", value("- x"), "plain not allowed but a string: single quotes");
        assertEquals("k: 'a: b'\n", value("a: b"));
        assertEquals("k: \"a\\tb\"\n", value("a\tb"), "tabs rule out single quotes");
        assertEquals("k: |-\n    one\n    two\n", value("one\ntwo"));
        assertEquals("k: |\n    line\n", value("line\n"));
        assertEquals("k: a, b\n", value("a, b"), "commas only matter in flow style");
        String longCommand = "/bin/sh -c \"" + "x".repeat(120) + " y\"";
        assertEquals("k: " + longCommand + "\n", value(longCommand), "v3.0.1 does not fold long lines");
    }

    @Test
    void numbersListsAndEmptyCollections() {
        assertEquals("k: 2\n", value(2.0));
        assertEquals("k: 1.5\n", value(1.5));
        assertEquals("k: 1e+06\n", value(1_000_000.0));
        assertEquals("k: 3\n", value(3L));
        assertEquals("k: true\n", value(true));
        assertEquals("k:\n    - all\n    - -web\n", value(List.of("all", "-web")));
        assertEquals("k: []\n", value(List.of()));
        assertEquals("{}\n", GoYamlWriter.write(new LinkedHashMap<>()));
    }

    @Test
    void mapKeysSortAsYamlV3SortsThem() {
        assertEquals(List.of("A_B", "AB", "VAR2", "VAR10", "a"),
                GoYamlWriter.sortKeys(List.of("VAR10", "a", "AB", "VAR2", "A_B")));
    }
}
