package io.jcharm.local;

import io.jcharm.pebble.layer.Plan;
import java.util.Set;

/**
 * One workload container as a stand-in sees it: its Pebble plan and the services started in it.
 *
 * <pre>{@code
 * ContainerView c = new ContainerView(Plan.parse(emulator.planYaml()), Set.of("minio"));
 * c.plan().service("minio").orElseThrow().environment().get("MINIO_ROOT_USER");
 * }</pre>
 */
record ContainerView(Plan plan, Set<String> active) {
    ContainerView {
        active = Set.copyOf(active);
    }
}
