package io.jcharm.core;

import io.jcharm.core.json.JsonException;
import io.jcharm.core.json.TypedJson;
import io.jcharm.core.tools.HookTools;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Controller-side unit state (state-get/state-set): survives pod churn and upgrades, values
 * stored as JSON.
 *
 * <pre>{@code
 * int n = model.state().get("greetings", Integer.class).orElse(0);
 * model.state().set("greetings", n + 1);
 * }</pre>
 */
public final class StateStore {
    private final HookTools tools;
    private Map<String, String> cache;

    StateStore(HookTools tools) {
        this.tools = tools;
    }

    /**
     * A value, if stored.
     *
     * @throws IllegalStateException when the stored JSON does not fit {@code type}
     */
    public <T> Optional<T> get(String key, Class<T> type) {
        String raw = all().get(key);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(TypedJson.read(raw, type));
        } catch (JsonException e) {
            throw new IllegalStateException("stored state \"" + key + "\" is not a " + type.getSimpleName()
                    + " (" + e.getMessage() + "); an upgrade changed its type? delete it with state-delete", e);
        }
    }

    /** Stores a value (as JSON) at once. */
    public void set(String key, Object value) {
        String raw = TypedJson.write(value);
        tools.stateSet(Map.of(key, raw));
        all().put(key, raw);
    }

    /** Deletes a key. */
    public void delete(String key) {
        tools.stateDelete(key);
        all().remove(key);
    }

    private Map<String, String> all() {
        if (cache == null) {
            cache = new LinkedHashMap<>(tools.stateGet());
        }
        return cache;
    }
}
