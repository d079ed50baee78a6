package io.jcharm.testing;

import java.util.Map;

/**
 * One event to run in a test: the dispatch path Juju would use, the extra JUJU_* variables it
 * would set, and for actions the parameters.
 *
 * <pre>{@code
 * TestEvent e = Events.relationChanged(gatewayInfo);
 * e.dispatchPath();  // "hooks/gateway-info-relation-changed"
 * }</pre>
 */
public record TestEvent(String dispatchPath, Map<String, String> environment, Map<String, Object> actionParams) {

    public TestEvent {
        environment = Map.copyOf(environment);
        actionParams = Map.copyOf(actionParams);
    }

    /** The hook name, or the action name. */
    public String name() {
        return dispatchPath.substring(dispatchPath.indexOf('/') + 1);
    }
}
