package io.jcharm.core.tools;

import java.util.Map;

/**
 * goal-state: the units and relations Juju intends to have, with their status.
 *
 * <pre>{@code
 * long planned = tools.goalState().units().values().stream().filter(s -> !s.equals("dying")).count();
 * }</pre>
 *
 * @param units unit name to status ({@code active}, {@code waiting}, {@code dying}...)
 * @param relations endpoint to (app or unit name to status)
 */
public record GoalState(Map<String, String> units, Map<String, Map<String, String>> relations) {
}
