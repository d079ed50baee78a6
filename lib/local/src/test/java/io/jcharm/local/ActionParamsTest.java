package io.jcharm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.meta.ActionSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every actions.yaml rule is checked before a hook runs (as {@code juju run} checks the schema),
 * and every problem is reported at once.
 */
class ActionParamsTest {
    private static final ActionSpec SERVE = new ActionSpec("serve-model", "Serve a model.", params(), List.of("name", "server"), false);

    private static Map<String, Map<String, Object>> params() {
        Map<String, Map<String, Object>> p = new LinkedHashMap<>();
        p.put("name", Map.of("type", "string", "pattern", "^[a-z][a-z0-9-]*$", "minLength", 2, "maxLength", 12));
        p.put("server", Map.of("type", "string", "enum", List.of("SKLEARN_SERVER", "XGBOOST_SERVER")));
        p.put("replicas", Map.of("type", "integer", "minimum", 1, "maximum", 5, "default", 1));
        p.put("ratio", Map.of("type", "number", "exclusiveMinimum", 0, "exclusiveMaximum", 1));
        return p;
    }

    private static String problems(Map<String, String> given) {
        return assertThrows(LocalModelException.class, () -> Actions.params(SERVE, given)).detail();
    }

    @Test
    void validParametersAreTypedWithDefaults() {
        Map<String, Object> p = Actions.params(SERVE, Map.of("name", "iris", "server", "SKLEARN_SERVER", "ratio", "0.5"));
        assertEquals("iris", p.get("name"));
        assertEquals(1, ((Number) p.get("replicas")).intValue(), "the default");
        assertEquals(0.5, p.get("ratio"));
    }

    @Test
    void everyRuleIsCheckedAndEveryProblemListed() {
        String d = problems(Map.of("name", "Iris!", "server", "TORCH", "replicas", "9", "ratio", "1", "colour", "red"));
        assertTrue(d.startsWith("invalid parameters for action \"serve-model\": "), d);
        assertTrue(d.contains("name: \"Iris!\" does not match pattern \"^[a-z][a-z0-9-]*$\""), d);
        assertTrue(d.contains("server: \"TORCH\" must be one of [\"SKLEARN_SERVER\", \"XGBOOST_SERVER\"]"), d);
        assertTrue(d.contains("replicas: must be <= 5 but found 9"), d);
        assertTrue(d.contains("ratio: must be < 1 but found 1.0"), d);
        assertTrue(d.contains("additional property \"colour\" is not allowed"), d);
    }

    @Test
    void lengthsLowerBoundsAndRequiredParameters() {
        String d = problems(Map.of("name", "a", "replicas", "0", "ratio", "0"));
        assertTrue(d.contains("name: length of \"a\" must be >= 2, but got 1"), d);
        assertTrue(d.contains("replicas: must be >= 1 but found 0"), d);
        assertTrue(d.contains("ratio: must be > 0 but found 0.0"), d);
        assertTrue(d.contains("\"server\" is required"), d);
        assertTrue(problems(Map.of("name", "a-very-long-model-name", "server", "SKLEARN_SERVER"))
                .contains("name: length of \"a-very-long-model-name\" must be <= 12, but got 22"));
    }
}
