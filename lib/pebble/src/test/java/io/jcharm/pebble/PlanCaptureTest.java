package io.jcharm.pebble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.pebble.codec.PebbleMappers;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.Plan;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The client's plan model held against Pebble's own answers: the plan a real Pebble 1.32.1
 * served (11-plan-after-add.txt) and the plan with defaults filled in written from Pebble's
 * source (91-plan-defaults.txt, after the layer of 90-layers-add-defaults.txt).
 */
class PlanCaptureTest {
    private static String planYaml(String capture) throws Exception {
        WireCapture c = WireCapture.read(WireCaptureTest.captures().resolve(capture));
        return PebbleMappers.json().readTree(c.expectedEnvelope()).path("result").asString();
    }

    private static Layer layerOf(String capture) throws Exception {
        WireCapture c = WireCapture.read(WireCaptureTest.captures().resolve(capture));
        return Layer.parse(PebbleMappers.json().readTree(new String(c.body(), StandardCharsets.UTF_8))
                .path("layer").asString());
    }

    @Test
    void toYamlWritesThePlanAsPebbleDoes() throws Exception {
        String served = planYaml("11-plan-after-add.txt");
        assertEquals(served, Plan.parse(served).toYaml());
        String withDefaults = planYaml("91-plan-defaults.txt");
        assertEquals(withDefaults, Plan.parse(withDefaults).toYaml());
    }

    @Test
    void combiningLayersFillsInPebblesDefaults() throws Exception {
        Layer defaults = layerOf("90-layers-add-defaults.txt");
        Plan before = Plan.parse(planYaml("11-plan-after-add.txt"));
        Plan combined = before.combine("003-defaults", defaults);
        Plan served = Plan.parse(planYaml("91-plan-defaults.txt"));
        assertEquals(served, combined);
        assertEquals(planYaml("91-plan-defaults.txt"), combined.toYaml());
        assertTrue(served.contains(defaults), "a layer just added must count as contained");
    }
}
