package io.jcharm.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reader against go-yaml v2's behaviour, one rule each. */
class GoYamlTest {
    private static Map<?, ?> read(String text) {
        return (Map<?, ?>) GoYaml.read(text, Path.of("t.yaml")).get(0).root();
    }

    private static String error(String text) {
        return assertThrows(YamlException.class, () -> GoYaml.read(text, Path.of("t.yaml"))).getMessage();
    }

    @Test
    void keysKeepTheirTextAndTheirGoValueBesideIt() {
        YamlDoc doc = GoYaml.read("1: a\n'2': b\nm: {yes: c, ~: d, k: e}\n", Path.of("t.yaml")).get(0);
        assertEquals(List.of("1", "2", "m"), List.copyOf(((Map<?, ?>) doc.root()).keySet()));
        Map<List<String>, Object> want = new java.util.HashMap<>();
        want.put(List.of("1"), 1L);
        want.put(List.of("m", "yes"), true);
        want.put(List.of("m", "~"), null);
        assertEquals(want, doc.keys());
    }

    @Test
    void aTabAfterAKeysColonIsSeparationAsInGo() {
        assertEquals(Map.of("num_units", 1L, "b", "x"), read("num_units:\t1\nb: \t x\n"));
    }

    @Test
    void aTabInIndentationIsStillAnError() {
        assertEquals("yaml: line 2: found character that cannot start any token", error("a:\n\tb: 1\n"));
    }

    @Test
    void scalarsAreTypedAsGoYamlTypesThem() {
        Map<?, ?> m = read("""
                big: 99999999999999999999
                uint: 18446744073709551615
                inf: .inf
                oct: 0o17
                old-oct: 017
                under: 1_000
                hex: 0x_1F
                eight: 08
                yes: yes
                date: 2001-12-14
                quoted: "0o17"
                """);
        assertEquals(1e20, m.get("big"));
        assertEquals(new BigInteger("18446744073709551615"), m.get("uint"));
        assertEquals(Double.POSITIVE_INFINITY, m.get("inf"));
        assertEquals(15L, m.get("oct"));
        assertEquals(15L, m.get("old-oct"));
        assertEquals(1000L, m.get("under"));
        assertEquals(31L, m.get("hex"));
        assertEquals(8.0, m.get("eight"), "Go: not octal, so a float");
        assertEquals(true, m.get("yes"));
        assertEquals("2001-12-14", m.get("date"));
        assertEquals("0o17", m.get("quoted"));
    }

    @Test
    void syntaxErrorsInGoYamlsWords() {
        assertEquals("yaml: unknown anchor 'nope' referenced", error("a: *nope\n"));
        assertEquals("yaml: line 2: mapping values are not allowed in this context", error("a: b\nc: d: e\n"));
        assertEquals(1, assertThrows(YamlException.class, () -> GoYaml.read("a: 1\n---\nb: *x\n", Path.of("t"))).document());
    }

    @Test
    void laterDuplicateKeysWinAsInGoYamlsLenientDecode() {
        assertEquals(Map.of("a", 2L), read("a: 1\na: 2\n"));
    }

    @Test
    void linesOfKeysAndItems() {
        YamlDoc d = GoYaml.read("a:\n  b:\n    - x\n    - y\n", Path.of("t")).get(0);
        assertEquals(2, d.line(List.of("a", "b")).orElseThrow());
        assertEquals(4, d.line(List.of("a", "b", "1")).orElseThrow());
    }
}
