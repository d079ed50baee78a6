package io.jcharm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.meta.ActionSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionContextTest {
    private static final Map<String, ActionSpec> ACTIONS = Fixtures.meta("""
            name: a
            actions:
              deploy:
                params:
                  name: {type: string, pattern: "^[a-z]+$"}
                  replicas: {type: integer, default: 1, minimum: 1, maximum: 5}
                  ratio: {type: number}
                  dry-run: {type: boolean, default: false}
                  tags: {type: array}
                  extra: {type: object}
                  server: {type: string, enum: [MLSERVER, TRITON]}
                required: [name]
                additionalProperties: false
              open:
                params:
                  name: {type: string}
            """).actions();

    private final RecordingHookTools tools = new RecordingHookTools();
    private final Model model = Fixtures.model(tools, "hooks/install");

    private ActionContext action(String name, Map<String, Object> params) {
        tools.actionParams = new LinkedHashMap<>(params);
        return new ActionContext(name, "id-1", ACTIONS.get(name), tools, model.log());
    }

    private String invalid(Map<String, Object> params) {
        return assertThrows(ActionParamsException.class, () -> action("deploy", params).params()).getMessage();
    }

    @Test
    void requiredParameter() {
        assertEquals("missing required parameter name for action deploy", invalid(Map.of("replicas", 2)));
    }

    @Test
    void additionalPropertiesFalseRefusesUnknownParameters() {
        assertEquals("unknown parameter colour for action deploy; allowed: [name, replicas, ratio, dry-run, tags, extra, "
                + "server]", invalid(Map.of("name", "x", "colour", "red")));
        assertEquals(Map.of("name", "x", "colour", "red"), action("open", Map.of("name", "x", "colour", "red")).params(),
                "additionalProperties defaults to true");
    }

    @Test
    void typesAreChecked() {
        assertEquals("parameter name of action deploy must be of type string, got 5", invalid(Map.of("name", 5)));
        assertEquals("parameter replicas of action deploy must be of type integer, got 2.5",
                invalid(Map.of("name", "x", "replicas", 2.5)));
        assertEquals("parameter ratio of action deploy must be of type number, got \"half\"",
                invalid(Map.of("name", "x", "ratio", "half")));
        assertEquals("parameter dry-run of action deploy must be of type boolean, got \"yes\"",
                invalid(Map.of("name", "x", "dry-run", "yes")));
        assertEquals("parameter tags of action deploy must be of type array, got \"a\"",
                invalid(Map.of("name", "x", "tags", "a")));
        assertEquals("parameter extra of action deploy must be of type object, got []",
                invalid(Map.of("name", "x", "extra", List.of())));
        Map<String, Object> ok = action("deploy", Map.of("name", "x", "replicas", 3L, "ratio", 1, "dry-run", true,
                "tags", List.of("a"), "extra", Map.of("k", "v"))).params();
        assertEquals(3L, ok.get("replicas"));
    }

    @Test
    void enumMinimumMaximumAndPattern() {
        assertEquals("parameter server of action deploy must be one of [MLSERVER, TRITON], got \"SKLEARN\"",
                invalid(Map.of("name", "x", "server", "SKLEARN")));
        assertEquals("parameter replicas of action deploy must be at least 1, got 0",
                invalid(Map.of("name", "x", "replicas", 0)));
        assertEquals("parameter replicas of action deploy must be at most 5, got 6",
                invalid(Map.of("name", "x", "replicas", 6)));
        assertEquals("parameter name of action deploy must match ^[a-z]+$, got \"Iris\"", invalid(Map.of("name", "Iris")));
    }

    @Test
    void defaultsAreAppliedWithoutOverridingGivenValues() {
        ActionContext a = action("deploy", Map.of("name", "iris", "replicas", 3));
        assertEquals(Map.of("name", "iris", "replicas", 3, "dry-run", false), a.params());
        assertEquals("3", a.param("replicas").orElseThrow());
        assertEquals(1, tools.count("action-get"), "parameters are read once");
    }

    record DeployParams(String name, int replicas, boolean dryRun) {
    }

    @Test
    void parametersBindToARecordWithCamelCaseNames() {
        assertEquals(new DeployParams("iris", 1, true),
                action("deploy", Map.of("name", "iris", "dry-run", true)).params(DeployParams.class));
    }

    record Full(String name, int replicas, java.util.Optional<Double> ratio, List<String> tags,
                @OptionName("server") java.util.Optional<String> runtime) {
    }

    @Test
    void parametersBindWithActionsYamlDefaultsListsAndOptionalsAsConfigDoes() {
        assertEquals(new Full("iris", 1, java.util.Optional.empty(), List.of(), java.util.Optional.empty()),
                action("deploy", Map.of("name", "iris")).params(Full.class));
        assertEquals(new Full("iris", 4, java.util.Optional.of(0.5), List.of("a", "b"), java.util.Optional.of("TRITON")),
                action("deploy", Map.of("name", "iris", "replicas", 4, "ratio", 0.5, "tags", List.of("a", "b"),
                        "server", "TRITON")).params(Full.class));
    }

    record Ranged(String name, @Range(min = 2, max = 3) int replicas) {
    }

    record Misnamed(String name, int count) {
    }

    @Test
    void aParameterThatDoesNotFitTheRecordFailsTheActionNamingIt() {
        ActionParamsException e = assertThrows(ActionParamsException.class,
                () -> action("deploy", Map.of("name", "iris")).params(Ranged.class));
        assertEquals("parameter replicas of action deploy must be between 2 and 3, got 1", e.getMessage());
        IllegalStateException bug = assertThrows(IllegalStateException.class,
                () -> action("deploy", Map.of("name", "iris")).params(Misnamed.class));
        assertTrue(bug.getMessage().startsWith("Misnamed.count binds parameter of action deploy \"count\", which"
                + " actions.yaml does not declare"), bug.getMessage());
    }

    @Test
    void resultsAreFlattenedToDottedKeys() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("url", "http://x");
        nested.put("auth", Map.of("user", "admin"));
        action("deploy", Map.of("name", "x")).setResults(Map.of("endpoint", nested, "count", 2));
        assertEquals(Map.of("endpoint.url", "http://x", "endpoint.auth.user", "admin", "count", "2"),
                tools.actionResults);
    }

    @Test
    void resultKeysAreValidated() {
        ActionContext a = action("deploy", Map.of("name", "x"));
        for (String bad : List.of("Upper", "-lead", "trail-", "under_score", "sp ace", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> a.setResults(Map.of(bad, "v")), bad);
            assertTrue(e.getMessage().startsWith("action result key \"" + bad + "\" must be lowercase"), e.getMessage());
        }
        assertEquals("action result key \"a.b\" is given twice after flattening",
                assertThrows(IllegalArgumentException.class, () -> a.setResults(orderedMap("a.b", "1", "a",
                        Map.of("b", "2")))).getMessage());
        assertEquals(0, tools.count("action-set"), "nothing is sent when a key is wrong");
    }

    private static Map<String, Object> orderedMap(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void failAndLogAreRedacted() {
        model.secrets().addForUnit(Map.of("password", "s3cret-pass"), "p");
        ActionContext a = action("deploy", Map.of("name", "x"));
        assertFalse(a.failed());
        a.log("using s3cret-pass");
        a.fail("could not log in with s3cret-pass");
        assertTrue(a.failed());
        assertEquals(List.of("using ***"), tools.actionLogs);
        assertEquals(List.of("could not log in with ***"), tools.actionFailures);
    }
}
