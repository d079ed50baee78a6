package io.jcharm.relations;

import io.jcharm.core.Relation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One link on the Kubeflow dashboard, sent by the requirer of {@code kubeflow_dashboard_links}
 * as kubeflow-dashboard's library reads it: the app-bag key {@code dashboard_links} holds a
 * JSON list of {@code {text, link, location, icon, type, desc}}.
 *
 * <pre>{@code
 * DashboardLink.send(relation, List.of(new DashboardLink("MLflow", "/mlflow/", "external", "device:data-usage", "item", "")));
 * }</pre>
 *
 * @param location one of menu, external, quick, documentation
 */
public record DashboardLink(String text, String link, String location, String icon, String type, String desc) {
    static final String KEY = "dashboard_links";
    static final Set<String> LOCATIONS = Set.of("menu", "external", "quick", "documentation");

    public DashboardLink {
        if (!LOCATIONS.contains(location)) {
            throw new IllegalArgumentException("dashboard link location must be one of " + LOCATIONS + ", got " + location);
        }
    }

    /** Writes the links (leader only; a no-op elsewhere). */
    public static void send(Relation relation, List<DashboardLink> links) {
        if (relation.localApp().writable()) {
            relation.localApp().putJson(KEY, links.stream().map(DashboardLink::asMap).toList());
        }
    }

    private Map<String, String> asMap() {
        // The dataclass's field order, which its asdict() keeps.
        Map<String, String> m = new LinkedHashMap<>();
        m.put("text", text);
        m.put("link", link);
        m.put("location", location);
        m.put("icon", icon);
        m.put("type", type);
        m.put("desc", desc);
        return m;
    }
}
