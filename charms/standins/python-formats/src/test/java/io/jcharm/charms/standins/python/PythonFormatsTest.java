package io.jcharm.charms.standins.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The texts Python's json.dumps and PyYAML's yaml.dump write with their defaults. */
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
}
