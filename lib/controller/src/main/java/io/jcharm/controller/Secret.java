package io.jcharm.controller;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Juju secret: owner, revisions, labels, consumers and grants; a mutable document.
 *
 * <pre>{@code
 * Secret s = new Secret();
 * s.id = "secret:cv0tmpd2ju3s6a000001";
 * s.owner = "hello";
 * s.revisions.put(1, Map.of("token", "t0p"));
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Secret {
    public String id;
    /** The owning application (app-owned) or unit (unit-owned). */
    public String owner;
    public boolean unitOwned;
    public String label;
    public String description;
    public String expire;
    public String rotate;
    public TreeMap<Integer, Map<String, String>> revisions = new TreeMap<>();
    /** Consumer (unit name) to what it tracks. */
    public Map<String, ConsumerDoc> consumers = new TreeMap<>();
    public List<GrantDoc> grants = new ArrayList<>();

    public int latest() {
        return revisions.isEmpty() ? 0 : revisions.lastKey();
    }
}
