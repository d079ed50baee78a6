package io.jcharm.charms.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Istio's upgrade rule and the config checks that do not need a hook. */
class IstioVersionTest {

    private static Optional<String> move(String from, String to) {
        return IstioVersion.parse(to).refusalFrom(IstioVersion.parse(from));
    }

    @Test
    void oneMinorUpAndPatchMovesAreAllowed() {
        assertEquals(Optional.empty(), move("1.27.3", "1.28.0"));
        assertEquals(Optional.empty(), move("1.28.0", "1.28.2"));
        assertEquals(Optional.empty(), move("1.28.2", "1.28.0"), "patch moves within a minor version go both ways");
        assertEquals(Optional.empty(), move("1.28.0", "1.28.0-distroless"));
    }

    @Test
    void skippingAMinorVersionNamesTheSupportedPath() {
        assertEquals(Optional.of("cannot move Istio from 1.26.3 to 1.28.0 in one step: upgrade 1.26 → 1.27 first,"
                + " then 1.28"), move("1.26.3", "1.28.0"));
        assertEquals(Optional.of("cannot move Istio from 1.25.0 to 1.28.1 in one step: upgrade 1.25 → 1.26 first,"
                + " then 1.27, then 1.28"), move("1.25.0", "1.28.1"));
    }

    @Test
    void downgradesAndMajorChangesAreRefused() {
        assertEquals(Optional.of("cannot move Istio from 1.28.0 to 1.27.2: Istio does not support downgrades; set"
                + " image-tag back to 1.28.0 or a later 1.28 patch"), move("1.28.0", "1.27.2"));
        assertTrue(move("1.28.0", "2.0.0").orElseThrow().contains("a major version change"));
    }

    @Test
    void tagsMustStartWithMajorMinor() {
        assertEquals(new IstioVersion(1, 28, 0, "1.28"), IstioVersion.parse("1.28"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IstioVersion.parse("latest"));
        assertEquals("\"latest\" is not an Istio version tag such as 1.28.0 or 1.28.0-distroless", e.getMessage());
    }

    @Test
    void annotationsParseInOrderAndAllowCloudPrefixes() {
        assertEquals(Map.of("metallb.universe.tf/loadBalancerIPs", "10.64.140.43",
                        "service.beta.kubernetes.io/aws-load-balancer-type", "nlb", "team", "ml"),
                IstioConfig.parseAnnotations(" metallb.universe.tf/loadBalancerIPs=10.64.140.43,"
                        + "service.beta.kubernetes.io/aws-load-balancer-type=nlb, team=ml,"));
        assertEquals(Map.of(), IstioConfig.parseAnnotations("  "));
    }
}
