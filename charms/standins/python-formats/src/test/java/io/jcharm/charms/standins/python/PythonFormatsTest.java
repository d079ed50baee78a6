package io.jcharm.charms.standins.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The texts Python's json.dumps and PyYAML's yaml.dump write with their defaults, and what yaml.safe_load reads. */
class PythonFormatsTest {
    @Test
    void jsonDumpsSortsKeysSpacesSeparatorsAndEscapesNonAscii() {
        assertEquals("{\"a\": \"x\\\"y\\\\z\", \"b\": \"caf\\u00e9 \\ud83d\\ude00\\n\"}",
                PythonJson.dumps(Map.of("b", "caf\u00e9 \ud83d\ude00\n", "a", "x\"y\\z")));
    }

    @Test
    void yamlDumpSortsKeysWritesBlockListsAndQuotesWhatWouldReadAsAnotherType() {
        assertEquals("a: '123'\nb: 'yes'\nc: plain text\nd: '/x: y'\ne:\n- v1\nport: 8080\n",
                PyYaml.dump(Map.of("a", "123", "b", "yes", "c", "plain text", "d", "/x: y", "e", List.of("v1"), "port", 8080)));
        assertEquals("- v1\n- v2\n", PyYaml.dumpList(List.of("v1", "v2")));
    }

    @Test
    void yamlLoadReadsWhatSafeLoadReadsAndSaysWhereTextIsNotYamlWithoutShowingIt() {
        assertEquals(List.of("v1", "v2"), PyYaml.load("- v1\n- v2\n"));
        assertEquals(Map.of("v1", 1), PyYaml.load("v1: 1\n"));
        assertEquals(null, PyYaml.load(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PyYaml.load("a: {secret: s3cr3t, b: [\n"));
        assertTrue(e.getMessage().startsWith("not YAML (line "), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"));
    }

    @Test
    void pythonTruthOfLoadedValues() {
        for (Object falsy : new Object[] {null, false, 0, "", List.of(), Map.of()}) {
            assertFalse(PyYaml.truthy(falsy), String.valueOf(falsy));
        }
        for (Object truthy : new Object[] {true, 1, "x", List.of("a"), Map.of("a", 1)}) {
            assertTrue(PyYaml.truthy(truthy), String.valueOf(truthy));
        }
    }
}
