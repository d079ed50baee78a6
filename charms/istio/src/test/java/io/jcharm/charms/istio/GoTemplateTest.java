package io.jcharm.charms.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The test-side template evaluator against Go's own: each expected output below is what Go
 * 1.19's text/template with Sprig 3.2.3 printed for the same template and data (run once by
 * hand; Go is not part of the build).
 */
class GoTemplateTest {
    private static final Map<String, Object> DATA = data();

    private static Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("L", List.of("a", "b", "c"));
        d.put("M", Map.of("z", 1, "a", "two"));
        d.put("T", true);
        d.put("E", "");
        d.put("Z", 0);
        d.put("S", Map.of("k", "v"));
        d.put("N", 15020);
        return d;
    }

    private static String render(String template) {
        return GoTemplate.parse(template).render(DATA);
    }

    @Test
    void rendersAsGoDoes() {
        assertEquals("a,c", render("{{- $x := list }}{{ range $i, $v := .L }}{{ if ne $v \"b\" }}{{ $x = append $x $v }}"
                + "{{ end }}{{ end }}{{ join \",\" $x }}"));
        assertEquals("a=two;z=1;", render("{{ range $k, $v := .M }}{{ $k }}={{ $v }};{{ end }}"));
        assertEquals("a b c", render("a  {{- \" b \" -}}  c"));
        assertEquals("|y|0", render("{{ and .T .E \"x\" }}|{{ or .E .Z \"y\" }}|{{ or .E .Z }}"));
        assertEquals("d|[v]", render("{{ index .S \"missing\" | default \"d\" }}|{{ with index .S \"k\" }}[{{ . }}]{{ end }}"));
        assertEquals("a-true-600|15020", render("{{ printf \"%s-%t-%v\" \"a\" .T 600 }}|{{ .N }}"));
        assertEquals("t", render("{{ if .E }}e{{ else if .T }}t{{ else }}z{{ end }}"));
        assertEquals("\"x\\\"y\"|abc|ab", render("{{ \"x\\\"y\" | quote }}|{{ trunc 3 \"abcdef\" }}|{{ trimSuffix \"-\" \"ab-\" }}"));
    }

    @Test
    void mistakesGoWouldLetPassThrough() {
        // Go prints <no value> for a missing map key; a typo in a values path must fail here instead.
        assertThrows(IllegalArgumentException.class, () -> render("{{ .Missing }}"));
        assertThrows(IllegalArgumentException.class, () -> render("{{ .Missing.Deeper }}"));
        assertThrows(IllegalArgumentException.class, () -> render("{{ nosuchfunction .T }}"));
        assertThrows(IllegalArgumentException.class, () -> render("{{ if .T }}unclosed"));
    }
}
