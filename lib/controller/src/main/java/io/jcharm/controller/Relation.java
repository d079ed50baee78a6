package io.jcharm.controller;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A relation between two endpoints (or a peer relation of one application) and its data bags;
 * a mutable document, changed only under the owner's lock.
 *
 * <pre>{@code
 * Relation r = new Relation();
 * r.id = 3;
 * r.endpoints.add(new EndpointDoc("hello", "greeting", "provides", "greeting"));
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Relation {
    public int id;
    public List<EndpointDoc> endpoints = new ArrayList<>();
    public String life = "alive";
    /** Application name to its application data bag. */
    public Map<String, Map<String, String>> appData = new TreeMap<>();
    /** Unit name to its unit data bag. */
    public Map<String, Map<String, String>> unitData = new TreeMap<>();

    @JsonIgnore
    public boolean peer() {
        return endpoints.size() == 1;
    }

    @JsonIgnore
    public boolean dying() {
        return !"alive".equals(life);
    }

    /** This application's side; empty when it is not in the relation. */
    public Optional<EndpointDoc> side(String app) {
        return endpoints.stream().filter(e -> e.app().equals(app)).findFirst();
    }

    /** The other side (for a peer relation, the same one). */
    public Optional<EndpointDoc> other(String app) {
        if (peer()) {
            return side(app);
        }
        return endpoints.stream().filter(e -> !e.app().equals(app)).findFirst();
    }

    /** The endpoint {@code app} is in this relation by. */
    public String endpoint(String app) {
        return side(app).map(EndpointDoc::endpoint).orElseThrow(
                () -> new IllegalStateException("application " + app + " is not in relation " + key()));
    }

    /** The application on the other side (itself, for a peer relation). */
    public String remoteApp(String app) {
        return other(app).map(EndpointDoc::app).orElse(app);
    }

    /** {@code a:x b:y}, as juju status prints a relation. */
    public String key() {
        return String.join(" ", endpoints.stream().map(EndpointDoc::toString).toList());
    }
}
