package io.jcharm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private final RecordingHookTools tools = new RecordingHookTools();
    private final Fixtures.Captured stderr = new Fixtures.Captured();
    private final List<String> seen = new ArrayList<>();

    /** A charm that records what the dispatcher asked of it. */
    private final class Recorder implements Charm {
        final List<Component<?>> components;

        Recorder(Component<?>... components) {
            this.components = List.of(components);
        }

        @Override public Components components(Model model) {
            seen.add("components");
            return Components.of(components);
        }

        @Override public void onAction(ActionContext action, Model model) {
            seen.add("action " + action.name() + " " + action.params());
            action.setResults(Map.of("ok", "yes"));
        }

        @Override public void onRemove(Model model) {
            seen.add("remove");
        }
    }

    private int run(Charm charm, String dispatch, String... env) {
        return new Dispatcher(charm, Fixtures.context(dispatch, env), Fixtures.meta(), tools, stderr.stream).run();
    }

    private String logs() {
        return String.join("\n", tools.logs);
    }

    @Test
    void reconcilesThenSendsRelationData() {
        tools.relate("db", 3, "mysql", "mysql/0");
        int code = run(new Recorder(Component.of("publish", m -> m.relation("db").orElseThrow().localUnit()
                .put("user", "demo"))), "hooks/config-changed");
        assertEquals(0, code);
        assertEquals(List.of("status-set active", "relation-set db:3 {user=demo}"), tools.calls.stream()
                .filter(c -> c.startsWith("status-set") || c.startsWith("relation-set")).toList());
    }

    @Test
    void unknownHookExitsZeroWithoutTouchingTheCharm() {
        assertEquals(0, run(new Recorder(), "hooks/meter-status-changed"));
        assertEquals(List.of(), seen);
        assertEquals("DEBUG ignoring hook meter-status-changed: charm demo does not handle it", logs());
    }

    @Test
    void hookForAnUndeclaredEndpointFailsLoudly() {
        int code = run(new Recorder(), "hooks/cache-relation-changed", "JUJU_RELATION", "cache", "JUJU_RELATION_ID",
                "cache:1", "JUJU_REMOTE_APP", "redis");
        assertEquals(1, code);
        String message = "hook cache-relation-changed names endpoint \"cache\" which charm \"demo\" does not declare; "
                + "declared: [website, db, ingress, cluster]";
        assertEquals("ERROR " + message, logs());
        assertEquals("ERROR " + message + "\n", stderr.text());
        assertEquals(List.of(), seen);
    }

    @Test
    void aThrowingCharmExitsOneWithTheStackTraceLoggedAndNoRelationData() {
        tools.relate("db", 3, "mysql", "mysql/0");
        int code = run(new Recorder(Component.of("publish", m -> m.relation("db").orElseThrow().localUnit()
                .put("user", "demo")), Component.of("boom", m -> {
                    throw new IllegalStateException("API server unreachable");
                })), "hooks/install");
        assertEquals(1, code);
        assertTrue(logs().startsWith("ERROR hook install failed: java.lang.IllegalStateException: API server "
                + "unreachable\njava.lang.IllegalStateException: API server unreachable\n\tat "), logs());
        assertTrue(logs().contains("at io.jcharm.core.Reconciler.run("), logs());
        assertTrue(stderr.text().contains("API server unreachable"), stderr.text());
        assertEquals(0, tools.count("relation-set"), "Juju discards a failed hook's writes; so do we");
    }

    @Test
    void secretValuesInAFailureAreRedacted() {
        int code = run(new Recorder(Component.of("login", m -> {
            m.secrets().addForUnit(Map.of("password", "pa55word-xyz"), "admin");
            throw new IllegalStateException("login refused for pa55word-xyz");
        })), "hooks/start");
        assertEquals(1, code);
        assertFalse(logs().contains("pa55word-xyz"), logs());
        assertFalse(stderr.text().contains("pa55word-xyz"), stderr.text());
    }

    @Test
    void invalidConfigWhileBuildingComponentsIsBlockedNotACrash() {
        tools.leader = true;
        Charm charm = m -> {
            throw new InvalidConfigException("port", "must be between 1 and 65535, got 0");
        };
        assertEquals(0, run(charm, "hooks/config-changed"));
        assertEquals(Status.blocked("invalid config port: must be between 1 and 65535, got 0"), tools.unitStatus);
        assertEquals(Status.blocked("invalid config port: must be between 1 and 65535, got 0"), tools.appStatus);
    }

    @Test
    void teardownEventsDoNotReconcile() {
        for (String hook : List.of("hooks/stop", "hooks/collect-metrics", "hooks/pre-series-upgrade")) {
            assertEquals(0, run(new Recorder(), hook), hook);
        }
        assertEquals(0, run(new Recorder(), "hooks/data-storage-detaching", "JUJU_STORAGE_ID", "data/0"));
        assertEquals(List.of(), seen);
        assertEquals(0, tools.count("status-set"));
    }

    @Test
    void removeRunsTheRemoveHandlerAndAFailureFailsTheHook() {
        assertEquals(0, run(new Recorder(), "hooks/remove"));
        assertEquals(List.of("remove"), seen);
        Charm failing = m -> Components.of(new Component<Void>() {
            @Override public String name() {
                return "k8s";
            }

            @Override public Void reconcile(Model model, Inputs inputs) {
                return null;
            }

            @Override public void remove(Model model) {
                throw new IllegalStateException("delete refused");
            }
        });
        assertEquals(1, run(failing, "hooks/remove"));
        assertTrue(logs().contains("1 component(s) could not be removed; first: delete refused"), logs());
    }

    @Test
    void actionsRunTheActionHandler() {
        tools.actionParams.put("name", "Ada");
        assertEquals(0, run(new Recorder(), "actions/greet", "JUJU_ACTION_NAME", "greet", "JUJU_ACTION_UUID", "1"));
        assertEquals(List.of("action greet {name=Ada}"), seen);
        assertEquals(Map.of("ok", "yes"), tools.actionResults);
    }

    @Test
    void badActionParametersFailTheActionButNotTheHook() {
        tools.actionParams.put("nam", "Ada");
        assertEquals(0, run(new Recorder(), "actions/greet", "JUJU_ACTION_NAME", "greet", "JUJU_ACTION_UUID", "1"));
        assertEquals(List.of(), seen, "the handler never sees invalid parameters");
        assertEquals(List.of("missing required parameter name for action greet"), tools.actionFailures);
    }

    @Test
    void anUnimplementedActionFailsTheActionButNotTheHook() {
        Charm charm = m -> Components.of();
        assertEquals(0, run(charm, "actions/backup", "JUJU_ACTION_NAME", "backup", "JUJU_ACTION_UUID", "1"));
        assertEquals(List.of("action backup is declared but not implemented by this charm"), tools.actionFailures);
    }

    @Test
    void actionFailKeepsTheHookAtExitZero() {
        Charm charm = new Charm() {
            @Override public Components components(Model model) {
                return Components.of();
            }

            @Override public void onAction(ActionContext action, Model model) {
                action.fail("backup target unreachable");
            }
        };
        assertEquals(0, run(charm, "actions/backup", "JUJU_ACTION_NAME", "backup", "JUJU_ACTION_UUID", "1"));
        assertEquals(List.of("backup target unreachable"), tools.actionFailures);
    }
}
