package io.jcharm.cli;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * Where {@code deploy} and {@code integrate} act: a real Juju controller ({@link JujuTarget}) or
 * the local model ({@link LocalTarget}, the default). Verification and rendering happen before a target is called.
 *
 * <pre>{@code
 * Target target = juju ? new JujuTarget(ctx) : Target.local(ctx);
 * target.deploy(plan, out);
 * }</pre>
 */
public interface Target {

    void deploy(DeployPlan plan, PrintWriter out);

    /**
     * @param a an endpoint, {@code app} or {@code app:endpoint}, as the user typed it
     * @param model empty for the current model
     */
    void integrate(String a, String b, Optional<String> model, PrintWriter out);

    /** The local model (the default target), in {@code $JCHARM_MODEL_DIR} or {@code ./.jcharm/model}. */
    static Target local(CliContext ctx) {
        return new LocalTarget(ctx, Optional.empty());
    }
}
