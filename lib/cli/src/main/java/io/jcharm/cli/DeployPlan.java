package io.jcharm.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code jcharm deploy} asks a {@link Target} to do.
 *
 * <pre>{@code
 * new DeployPlan("edge", parts, Optional.of("edge"), Optional.empty(), false, true, Duration.ofMinutes(30), WaitFor.ACTIVE)
 * }</pre>
 *
 * @param parts the machine part first when there is one, then the Kubernetes part
 * @param model the model for the (last) part; empty means the current model
 * @param machineModel the model for a machine part that precedes a Kubernetes part
 * @param waitFor what counts as success once the model settles
 */
public record DeployPlan(String name, List<DeployPart> parts, Optional<String> model, Optional<String> machineModel,
                         boolean dryRun, boolean trust, Duration timeout, WaitFor waitFor) {
    public DeployPlan {
        parts = List.copyOf(parts);
    }

    /** What {@code deploy --wait-for} waits for. */
    public enum WaitFor {
        /** Every unit active (the default): a Blocked, waiting or failed unit fails the deploy. */
        ACTIVE,
        /** Only that no hook is left to run; units may end in any status. */
        SETTLED
    }
}
