package io.jcharm.pebble.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Simulated health checks: nothing is probed. A check is "up" from the moment it starts, with a
 * perform-check change in progress as in Pebble; tests turn it down or up with {@link #setStatus}.
 */
final class Checks {
    private final Object lock;
    private final Changes changes;
    private final Map<String, State> checks = new TreeMap<>();

    private static final class State {
        PlanEntry definition;
        CheckState status = CheckState.INACTIVE;
        int successes;
        int failures;
        Changes.Change change;
        String prevChangeId;

        int threshold() {
            Long threshold = definition.number("threshold");
            return threshold == null ? LayerStack.DEFAULT_THRESHOLD : threshold.intValue();
        }

        boolean enabled() {
            return !definition.text("startup").equals("disabled");
        }
    }

    Checks(Object lock, Changes changes) {
        this.lock = lock;
        this.changes = changes;
    }

    /** Follows the plan: new enabled checks start, removed ones go, changed ones keep their state. */
    void planChanged(LayerStack.Plan plan) {
        synchronized (lock) {
            checks.keySet().removeIf(name -> !plan.checks().containsKey(name));
            plan.checks().forEach((name, definition) -> {
                State state = checks.get(name);
                if (state == null) {
                    state = new State();
                    state.definition = definition;
                    checks.put(name, state);
                    if (state.enabled()) {
                        start(name, state);
                    }
                } else {
                    state.definition = definition;
                }
            });
        }
    }

    ArrayNode list(String level, List<String> names) {
        synchronized (lock) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            checks.forEach((name, state) -> {
                if ((level == null || level.equals(state.definition.text("level")))
                        && (names.isEmpty() || names.contains(name))) {
                    out.add(json(name, state));
                }
            });
            return out;
        }
    }

    List<String> startOrStop(String action, List<String> names) {
        synchronized (lock) {
            List<String> missing = names.stream().filter(n -> !checks.containsKey(n)).toList();
            if (!missing.isEmpty()) {
                throw ApiError.badRequest("cannot %s checks: cannot find checks: %s", action, String.join(", ", missing));
            }
            List<String> changed = new ArrayList<>();
            for (String name : names) {
                State state = checks.get(name);
                boolean running = state.status != CheckState.INACTIVE;
                if ("start".equals(action) && !running) {
                    start(name, state);
                    changed.add(name);
                } else if ("stop".equals(action) && running) {
                    stopChange(state);
                    state.status = CheckState.INACTIVE;
                    changed.add(name);
                }
            }
            return changed;
        }
    }

    ObjectNode refresh(String name) {
        synchronized (lock) {
            State state = checks.get(name);
            if (state == null) {
                throw ApiError.notFound("cannot find check \"%s\"", name);
            }
            if (state.status == CheckState.UP) {
                state.successes++;
            }
            ObjectNode result = Json.object();
            result.set("info", json(name, state));
            if (state.status == CheckState.DOWN) {
                result.put("error", "check \"" + name + "\" is down (simulated by the jcharm Pebble emulator)");
            }
            return result;
        }
    }

    /** Sets a check's simulated outcome; a down check gets Pebble's recover-check change. */
    void setStatus(String name, CheckState status) {
        synchronized (lock) {
            State state = checks.get(name);
            if (state == null) {
                throw new IllegalArgumentException("no check \"" + name + "\" in the plan; checks: " + checks.keySet());
            }
            if (status == CheckState.DOWN && state.status != CheckState.DOWN) {
                state.failures = state.threshold();
                Changes.Task task = state.change == null ? null : state.change.tasks.get(0);
                if (task != null) {
                    task.fail("check failed (simulated by the jcharm Pebble emulator)");
                    changes.finish(state.change);
                    state.prevChangeId = state.change.id;
                }
                state.change = newChange(name, state, "recover-check", "Recover");
                state.status = CheckState.DOWN;
            } else if (status == CheckState.UP && state.status != CheckState.UP) {
                stopChange(state);
                start(name, state);
            } else if (status == CheckState.INACTIVE) {
                stopChange(state);
                state.status = CheckState.INACTIVE;
            }
        }
    }

    /** False when a matching check is down; ready-level health also counts alive checks. */
    boolean healthy(String level, List<String> names) {
        synchronized (lock) {
            for (Map.Entry<String, State> e : checks.entrySet()) {
                String checkLevel = e.getValue().definition.text("level");
                boolean levelMatch = level == null || checkLevel.isEmpty() || checkLevel.equals(level)
                        || (level.equals("ready") && checkLevel.equals("alive"));
                if (levelMatch && (names.isEmpty() || names.contains(e.getKey()))
                        && e.getValue().status == CheckState.DOWN) {
                    return false;
                }
            }
            return true;
        }
    }

    private void start(String name, State state) {
        state.status = CheckState.UP;
        state.failures = 0;
        state.change = newChange(name, state, "perform-check", "Perform");
    }

    private void stopChange(State state) {
        if (state.change != null) {
            changes.finish(state.change);
            state.prevChangeId = state.change.id;
            state.change = null;
        }
    }

    private Changes.Change newChange(String name, State state, String kind, String verb) {
        PlanEntry d = state.definition;
        String type = d.entry("http") != null ? "HTTP" : d.entry("tcp") != null ? "TCP" : "exec";
        String summary = verb + " " + type + " check \"" + name + "\"";
        Changes.Change change = changes.create(kind, summary);
        change.noticeData.clear();
        change.noticeData.put("check-name", name);
        change.noticeData.put("kind", kind);
        changes.addTask(change, kind, summary);
        changes.open(change);
        return change;
    }

    private static ObjectNode json(String name, State state) {
        ObjectNode node = Json.object();
        node.put("name", name);
        if (!state.definition.text("level").isEmpty()) {
            node.put("level", state.definition.text("level"));
        }
        node.put("startup", state.enabled() ? "enabled" : "disabled");
        node.put("status", state.status.value());
        node.put("successes", state.successes);
        if (state.failures > 0) {
            node.put("failures", state.failures);
        }
        node.put("threshold", state.threshold());
        if (state.change != null) {
            node.put("change-id", state.change.id);
        }
        if (state.prevChangeId != null) {
            node.put("prev-change-id", state.prevChangeId);
        }
        return node;
    }
}
