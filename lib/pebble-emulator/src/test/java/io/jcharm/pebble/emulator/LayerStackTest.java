package io.jcharm.pebble.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The emulator's reading of Pebble 1.32.1's plan rules (internals/plan/plan.go), with Pebble's messages. */
class LayerStackTest {
    private static String refused(LayerStack stack, String label, String yaml, boolean combine) {
        return assertThrows(ApiError.class, () -> stack.add(label, yaml, combine)).getMessage();
    }

    @Test
    void combiningStoresOnlyTheThresholdDefault() {
        LayerStack stack = LayerStack.EMPTY.add("base", """
                services:
                  web:
                    override: replace
                    command: run
                    backoff-delay: 60s
                checks:
                  up:
                    override: replace
                    period: 90s
                    tcp:
                      port: 80
                """, false);
        assertEquals("""
                services:
                    web:
                        override: replace
                        command: run
                        backoff-delay: 1m0s
                checks:
                    up:
                        override: replace
                        period: 1m30s
                        threshold: 3
                        tcp:
                            port: 80
                """, stack.plan().toYaml());
    }

    @Test
    void mergeAppendsListsOverlaysMapsAndKeepsTheFirstOverride() {
        LayerStack stack = LayerStack.EMPTY
                .add("a", "services:\n  s:\n    override: replace\n    command: a\n    after: [x]\n"
                        + "    environment: {A: '1'}\n  x:\n    override: replace\n    command: x\n", false)
                .add("b", "services:\n  s:\n    override: merge\n    after: [x]\n    environment: {B: '2'}\n", false);
        PlanEntry s = stack.plan().services().get("s");
        assertEquals(List.of("x", "x"), s.list("after"));
        assertEquals("replace", s.text("override"));
        assertEquals("a", s.text("command"));
        assertEquals(2, s.map("environment").size());
        assertEquals(List.of("a", "b"), stack.labels());
    }

    @Test
    void refusesWithPebblesMessages() {
        LayerStack empty = LayerStack.EMPTY;
        assertEquals("layer \"l\" must define \"override\" for service \"s\"",
                refused(empty, "l", "services:\n  s:\n    command: run\n", false));
        assertEquals("cannot parse layer YAML: cannot use reserved label prefix \"pebble-\"",
                refused(empty, "pebble-x", "{}", false));
        assertEquals("cannot parse layer YAML: cannot parse layer \"l\" section \"services\": yaml: unmarshal errors:\n"
                + "  line 3: field nosuch not found in type plan.Service",
                refused(empty, "l", "services:\n  s:\n    override: replace\n    nosuch: 1\n", false));
        assertEquals("cannot parse layer YAML: cannot parse layer \"l\": unknown section \"servics\"",
                refused(empty, "l", "servics: {}\n", false));
        assertEquals("cannot parse layer YAML: cannot parse layer \"l\" section \"checks\": invalid duration \"10\"",
                refused(empty, "l", "checks:\n  c:\n    override: replace\n    period: 10\n", false));
        assertEquals("plan must define \"command\" for service \"s\"",
                refused(empty, "l", "services:\n  s:\n    override: replace\n", false));
        assertEquals("service \"nosuch\" does not exist",
                refused(empty, "l", "services:\n  s:\n    override: replace\n    command: a\n    requires: [nosuch]\n", false));
        assertEquals("services in before/after loop: a, b", refused(empty, "l", "services:\n"
                + "  a:\n    override: replace\n    command: a\n    after: [b]\n"
                + "  b:\n    override: replace\n    command: b\n    after: [a]\n", false));
        LayerStack one = empty.add("l", "{}", false);
        assertEquals("layer \"l\" already exists", refused(one, "l", "{}", false));
    }
}
