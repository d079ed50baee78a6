package io.jcharm.testing;

import io.jcharm.core.tools.HookToolException;
import io.jcharm.core.tools.HookTools;
import java.util.List;

/**
 * How an injected hook-tool fault ends the call: the tool exits 1 with the error Juju's hook
 * tools print when the agent's API connection is gone, or it never answers and is killed at the
 * SDK's tool timeout.
 *
 * <pre>{@code
 * Context broken = Context.of(HelloCharm::new).withToolFault("state-set", ToolFault.FAILS);
 * assertThrows(HookFailedException.class, () -> broken.run(Events.action("greet", Map.of("name", "Ada")), State.empty()));
 * }</pre>
 */
public enum ToolFault {
    /** Exit 1, stderr {@code ERROR connection is shut down} (the agent lost the controller). */
    FAILS,
    /** No answer within {@link HookTools#DEFAULT_TIMEOUT}: the SDK kills the tool. */
    TIMES_OUT;

    /** Juju's text when a hook tool's API connection to the unit agent is closed. */
    static final String SHUT_DOWN = "ERROR connection is shut down\n";

    /** The reply (or, for a timeout, the exception) the charm gets for {@code argv}. */
    io.jcharm.core.tools.HookToolTransport.Reply answer(List<String> argv) {
        if (this == TIMES_OUT) {
            // Not slept: the process runner would kill the tool after the timeout and throw this.
            throw HookToolException.timedOut(argv, HookTools.DEFAULT_TIMEOUT);
        }
        return new io.jcharm.core.tools.HookToolTransport.Reply(1, "", SHUT_DOWN);
    }
}
