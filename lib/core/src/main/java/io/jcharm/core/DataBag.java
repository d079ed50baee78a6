package io.jcharm.core;

import io.jcharm.core.json.JsonException;
import io.jcharm.core.json.TypedJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One relation data bag (a unit's or an application's), with Juju's access rules; writes are
 * kept and sent in one relation-set when the hook ends, and only for keys that changed.
 *
 * <pre>{@code
 * DataBag mine = relation.localApp();          // writable on the leader only
 * mine.put("gateway_name", "kubeflow-gateway");
 * relation.remoteApp().get("version");         // Optional<String>; read-only
 * }</pre>
 */
public final class DataBag {
    private final String owner;
    private final boolean readable;
    private final String readDenied;
    private final boolean writable;
    private final String writeDenied;
    private final Supplier<Map<String, String>> loader;
    private Map<String, String> data;
    private Map<String, String> sent;

    DataBag(String owner, boolean readable, String readDenied, boolean writable, String writeDenied,
            Supplier<Map<String, String>> loader) {
        this.owner = owner;
        this.readable = readable;
        this.readDenied = readDenied;
        this.writable = writable;
        this.writeDenied = writeDenied;
        this.loader = loader;
    }

    /** The unit or application this bag belongs to. */
    public String owner() {
        return owner;
    }

    /** Whether this hook may write the bag. */
    public boolean writable() {
        return writable;
    }

    /** The whole bag, including changes made in this hook. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(load());
    }

    /** One value. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(load().get(key));
    }

    /**
     * Reads a value that holds JSON (many interfaces nest JSON in relation data).
     *
     * @throws RelationDataException when the value is not JSON of that shape
     */
    public <T> Optional<T> getJson(String key, Class<T> type) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(TypedJson.read(raw.get(), type));
        } catch (JsonException e) {
            throw new RelationDataException(owner + " wrote " + key + " that is not valid " + type.getSimpleName()
                    + " JSON: " + e.getMessage());
        }
    }

    /** Sets a value; an empty string or null removes the key, as relation-set does. */
    public void put(String key, String value) {
        checkWritable();
        Objects.requireNonNull(key, "relation data key");
        Map<String, String> d = load();
        if (value == null || value.isEmpty()) {
            d.remove(key);
        } else {
            d.put(key, value);
        }
    }

    /** Sets a value to the JSON form of {@code value}. */
    public void putJson(String key, Object value) {
        put(key, TypedJson.write(value));
    }

    /** Sets several values. */
    public void putAll(Map<String, String> values) {
        values.forEach(this::put);
    }

    /** Removes a key. */
    public void remove(String key) {
        put(key, "");
    }

    /**
     * The keys whose value differs from what Juju holds, with "" for removed ones: what
     * relation-set will send. Computed as a difference, so writing a value back is no change.
     */
    Map<String, String> pendingChanges() {
        if (data == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        data.forEach((k, v) -> {
            if (!v.equals(sent.get(k))) {
                out.put(k, v);
            }
        });
        sent.keySet().forEach(k -> {
            if (!data.containsKey(k)) {
                out.put(k, "");
            }
        });
        return out;
    }

    void markFlushed() {
        sent = new LinkedHashMap<>(data);
    }

    private void checkWritable() {
        if (!writable) {
            throw new RelationDataException(writeDenied);
        }
    }

    private Map<String, String> load() {
        if (!readable) {
            throw new RelationDataException(readDenied);
        }
        if (data == null) {
            sent = new LinkedHashMap<>(loader.get());
            data = new LinkedHashMap<>(sent);
        }
        return data;
    }
}
