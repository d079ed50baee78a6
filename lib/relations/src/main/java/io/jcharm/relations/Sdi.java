package io.jcharm.relations;

import io.jcharm.core.DataBag;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Canonical's serialized-data-interface: the leader of each side lists its versions in the app
 * bag key {@code _supported_versions} (a YAML list); the highest common version wins; the
 * payload is a YAML mapping in the app bag key {@code data}.
 *
 * <pre>{@code
 * Sdi sdi = new Sdi(List.of("v1", "v2"));
 * sdi.publishVersions(relation);                           // leader only
 * String v = sdi.negotiate(relation);                      // "v1" when the remote lists [v1]
 * Map<String, Object> route = sdi.read(relation, schema);  // the remote app's data
 * }</pre>
 */
public final class Sdi {
    static final String VERSIONS_KEY = "_supported_versions";
    static final String DATA_KEY = "data";
    private final List<String> versions;
    private final ObjectMapper yaml = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            // "15012" must stay a string for Python consumers whose schema says string.
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(tools.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public Sdi(List<String> versions) {
        this.versions = List.copyOf(versions);
    }

    /** Writes {@code _supported_versions} in our app bag (leader only; a no-op elsewhere). */
    public void publishVersions(Relation relation) {
        DataBag mine = relation.localApp();
        if (mine.writable()) {
            mine.put(VERSIONS_KEY, yaml.writeValueAsString(versions));
        }
    }

    /**
     * The highest version both sides support.
     *
     * @throws StatusException waiting when the remote has not listed versions yet, blocked when
     *         none is common (the texts SDI uses)
     */
    public String negotiate(Relation relation) throws StatusException {
        String remote = relation.remoteAppName().orElse("?");
        Optional<String> raw = relation.remoteApp().get(VERSIONS_KEY);
        if (raw.isEmpty()) {
            throw StatusException.waiting("List of " + relation.endpoint() + " versions not found for apps: " + remote);
        }
        List<String> theirs;
        try {
            Object parsed = yaml.readValue(raw.get(), Object.class);
            theirs = parsed instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        } catch (JacksonException e) {
            throw StatusException.blocked(remote + " wrote " + VERSIONS_KEY + " on " + relation.ref()
                    + " that is not a YAML list (" + oneLine(e.getOriginalMessage()) + ")");
        }
        List<String> common = new ArrayList<>(versions);
        common.retainAll(theirs);
        return common.stream().max(Comparator.comparingInt(Sdi::versionNumber)).orElseThrow(() ->
                StatusException.blocked("No compatible " + relation.endpoint() + " versions found for apps: " + remote));
    }

    /**
     * One side's whole turn for a one-way payload: lists our versions, checks that the remote
     * shares one, and writes the payload (leader only).
     *
     * @throws StatusException as {@link #negotiate}
     */
    public void send(Relation relation, Map<String, Object> payload, SdiSchema schema) throws StatusException {
        publishVersions(relation);
        negotiate(relation);
        write(relation, payload, schema);
    }

    /**
     * The other side's turn: lists our versions, checks that the remote shares one, and reads its
     * payload; empty until sent.
     *
     * @throws StatusException as {@link #negotiate} and {@link #read}
     */
    public Optional<Map<String, Object>> receive(Relation relation, SdiSchema schema) throws StatusException {
        publishVersions(relation);
        negotiate(relation);
        return read(relation, schema);
    }

    /** Writes our payload (leader only) as YAML in {@code data}, after checking it against the schema. */
    public void write(Relation relation, Map<String, Object> payload, SdiSchema schema) {
        List<String> problems = schema.validate(payload);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("our own " + relation.endpoint() + " data is invalid: " + problems);
        }
        DataBag mine = relation.localApp();
        if (mine.writable()) {
            mine.put(DATA_KEY, yaml.writeValueAsString(new LinkedHashMap<>(payload)));
        }
    }

    /**
     * The remote application's payload, checked against the schema; empty when not sent yet.
     *
     * @throws StatusException blocked naming the relation and the problems when it does not validate
     */
    public Optional<Map<String, Object>> read(Relation relation, SdiSchema schema) throws StatusException {
        Optional<String> raw = relation.remoteApp().get(DATA_KEY);
        if (raw.isEmpty() || raw.get().isBlank()) {
            return Optional.empty();
        }
        String remote = relation.remoteAppName().orElse("?");
        Object parsed;
        try {
            parsed = yaml.readValue(raw.get(), Object.class);
        } catch (JacksonException e) {
            throw StatusException.blocked("Failed to validate data on " + relation.ref() + " from " + remote
                    + ": not YAML (" + oneLine(e.getOriginalMessage()) + ")");
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            throw StatusException.blocked("Failed to validate data on " + relation.ref() + " from " + remote
                    + ": expected a mapping");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        m.forEach((k, v) -> data.put(String.valueOf(k), v));
        List<String> problems = schema.validate(data);
        if (!problems.isEmpty()) {
            throw StatusException.blocked("Failed to validate data on " + relation.ref() + " from " + remote + ": "
                    + String.join("; ", problems));
        }
        return Optional.of(data);
    }

    private static int versionNumber(String v) {
        try {
            return Integer.parseInt(v.replaceFirst("^v", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A YAML parser's message as one status line: the parser echoes the offending source lines
     * (indented, with a caret), which would put the remote's data in the status; keep the rest.
     */
    static String oneLine(String parserMessage) {
        return String.join("; ", parserMessage.lines().filter(l -> !l.startsWith("    ") && !l.isBlank())
                .map(l -> l.strip().replaceAll(":$", "")).toList());
    }
}
