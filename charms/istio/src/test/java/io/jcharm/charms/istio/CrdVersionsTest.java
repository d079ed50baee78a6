package io.jcharm.charms.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The CRDs store each kind in the version upstream Istio stores it in. */
class CrdVersionsTest {

    /**
     * Storage versions of Istio 1.28.0 (manifests/charts/base/files/crd-all.gen.yaml at tag
     * 1.28.0): applying another over an upstream install would change what etcd holds.
     */
    private static final Map<String, String> UPSTREAM_STORAGE = new TreeMap<>(Map.ofEntries(
            Map.entry("wasmplugins.extensions.istio.io", "v1alpha1"),
            Map.entry("destinationrules.networking.istio.io", "v1"),
            Map.entry("envoyfilters.networking.istio.io", "v1alpha3"),
            Map.entry("gateways.networking.istio.io", "v1"),
            Map.entry("proxyconfigs.networking.istio.io", "v1beta1"),
            Map.entry("serviceentries.networking.istio.io", "v1"),
            Map.entry("sidecars.networking.istio.io", "v1"),
            Map.entry("virtualservices.networking.istio.io", "v1"),
            Map.entry("workloadentries.networking.istio.io", "v1"),
            Map.entry("workloadgroups.networking.istio.io", "v1"),
            Map.entry("authorizationpolicies.security.istio.io", "v1"),
            Map.entry("peerauthentications.security.istio.io", "v1"),
            Map.entry("requestauthentications.security.istio.io", "v1"),
            Map.entry("telemetries.telemetry.istio.io", "v1alpha1")));

    @Test
    void eachKindIsStoredInUpstreamsStorageVersion() {
        Map<String, String> ours = new TreeMap<>();
        for (HasMetadata o : ControlPlaneObjects.crds()) {
            CustomResourceDefinition crd = (CustomResourceDefinition) o;
            ours.put(crd.getMetadata().getName(), crd.getSpec().getVersions().stream()
                    .filter(CustomResourceDefinitionVersion::getStorage).map(CustomResourceDefinitionVersion::getName)
                    .reduce((a, b) -> a + "," + b).orElse("none"));
        }
        assertEquals(UPSTREAM_STORAGE, ours);
    }
}
