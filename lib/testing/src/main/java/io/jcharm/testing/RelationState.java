package io.jcharm.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A relation in a test {@link State}: the remote application, its units and every data bag.
 *
 * <pre>{@code
 * RelationState gw = RelationState.of("gateway-info", "istio")
 *         .withRemoteAppData(Map.of("gateway_name", "kubeflow-gateway", "gateway_namespace", "kubeflow"));
 * }</pre>
 *
 * @param remoteUnitsData remote unit name to its data (for peers: the other units of this app)
 */
public record RelationState(String endpoint, int id, String remoteApp, Map<String, String> localAppData,
                            Map<String, String> localUnitData, Map<String, String> remoteAppData,
                            Map<String, Map<String, String>> remoteUnitsData) {

    public RelationState {
        localAppData = Map.copyOf(localAppData);
        localUnitData = Map.copyOf(localUnitData);
        remoteAppData = Map.copyOf(remoteAppData);
        Map<String, Map<String, String>> units = new LinkedHashMap<>();
        remoteUnitsData.forEach((u, d) -> units.put(u, Map.copyOf(d)));
        remoteUnitsData = java.util.Collections.unmodifiableMap(units);
    }

    /** A relation with one remote unit ({@code <remoteApp>/0}) and empty bags; the id is derived from the endpoint. */
    public static RelationState of(String endpoint, String remoteApp) {
        return new RelationState(endpoint, Math.abs(endpoint.hashCode() % 90) + 10, remoteApp, Map.of(), Map.of(),
                Map.of(), Map.of(remoteApp + "/0", Map.of()));
    }

    /** A peer relation with the given other units. */
    public static RelationState peer(String endpoint, String app, List<String> otherUnits) {
        Map<String, Map<String, String>> units = new LinkedHashMap<>();
        otherUnits.forEach(u -> units.put(u, Map.of()));
        return new RelationState(endpoint, Math.abs(endpoint.hashCode() % 90) + 10, app, Map.of(), Map.of(), Map.of(), units);
    }

    public RelationState withId(int newId) {
        return new RelationState(endpoint, newId, remoteApp, localAppData, localUnitData, remoteAppData, remoteUnitsData);
    }

    public RelationState withLocalAppData(Map<String, String> d) {
        return new RelationState(endpoint, id, remoteApp, d, localUnitData, remoteAppData, remoteUnitsData);
    }

    public RelationState withLocalUnitData(Map<String, String> d) {
        return new RelationState(endpoint, id, remoteApp, localAppData, d, remoteAppData, remoteUnitsData);
    }

    public RelationState withRemoteAppData(Map<String, String> d) {
        return new RelationState(endpoint, id, remoteApp, localAppData, localUnitData, d, remoteUnitsData);
    }

    public RelationState withRemoteUnitsData(Map<String, Map<String, String>> d) {
        return new RelationState(endpoint, id, remoteApp, localAppData, localUnitData, remoteAppData, d);
    }

    /** {@code endpoint:id}, as hook tools address it. */
    public String ref() {
        return endpoint + ":" + id;
    }
}
