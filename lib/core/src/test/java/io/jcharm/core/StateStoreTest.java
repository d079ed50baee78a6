package io.jcharm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateStoreTest {
    private final RecordingHookTools tools = new RecordingHookTools();

    record Install(String version, List<String> images) {
    }

    private StateStore store() {
        return Fixtures.model(tools, "hooks/upgrade-charm").state();
    }

    @Test
    void valuesRoundTripAsJson() {
        StateStore s = store();
        s.set("count", 3);
        s.set("name", "demo");
        s.set("install", new Install("1.2", List.of("a", "b")));
        assertEquals(Map.of("count", "3", "name", "\"demo\"", "install", "{\"version\":\"1.2\",\"images\":[\"a\",\"b\"]}"),
                tools.state, "stored as JSON text");
        StateStore next = store(); // the next hook reads them back from Juju
        assertEquals(Optional.of(3), next.get("count", Integer.class));
        assertEquals(Optional.of("demo"), next.get("name", String.class));
        assertEquals(Optional.of(new Install("1.2", List.of("a", "b"))), next.get("install", Install.class));
        assertEquals(Optional.empty(), next.get("missing", String.class));
    }

    @Test
    void setIsSentAtOnceAndReadIsCached() {
        StateStore s = store();
        s.set("a", 1);
        assertEquals(Optional.of(1), s.get("a", Integer.class));
        s.get("b", Integer.class);
        assertEquals(List.of("state-set {a=1}", "state-get"), tools.calls);
    }

    @Test
    void deleteRemovesTheKey() {
        tools.state.put("a", "1");
        StateStore s = store();
        s.delete("a");
        assertEquals(Optional.empty(), s.get("a", Integer.class));
        assertTrue(tools.calls.contains("state-delete a"));
        assertTrue(tools.state.isEmpty());
    }

    @Test
    void aValueOfAnotherTypeSaysWhatToDo() {
        tools.state.put("count", "\"three\"");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store().get("count", Integer.class));
        assertTrue(e.getMessage().startsWith("stored state \"count\" is not a Integer ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); an upgrade changed its type? delete it with state-delete"),
                e.getMessage());
    }
}
