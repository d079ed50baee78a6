package io.jcharm.pebble.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pebble's changes and tasks, with its id counters and statuses. Work is applied when a change
 * is submitted, unless changes are held (to test waiting), in which case it is applied on release.
 */
final class Changes {
    private final Object lock;
    private final Notices notices;
    private final Map<String, Change> changes = new LinkedHashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private int nextChange = 1;
    private int nextTask = 1;
    private boolean hold;

    static final class Task {
        final String id;
        final String kind;
        final String summary;
        final Instant spawnTime = Instant.now();
        final List<String> log = new ArrayList<>();
        final Map<String, Object> data = new LinkedHashMap<>();
        String status = "Doing";
        String error;
        Instant readyTime;

        Task(String id, String kind, String summary) {
            this.id = id;
            this.kind = kind;
            this.summary = summary;
        }

        void log(String level, String message) {
            log.add(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + level + " " + message);
        }

        /** Marks the task failed; the change's {@code err} will list it. */
        void fail(String message) {
            status = "Error";
            error = message;
            log("ERROR", message);
        }
    }

    static final class Change {
        final String id;
        final String kind;
        final String summary;
        final Instant spawnTime = Instant.now();
        final List<Task> tasks = new ArrayList<>();
        final List<String> serviceNames = new ArrayList<>();
        final Map<String, String> noticeData = new LinkedHashMap<>();
        String status = "Doing";
        String err;
        Instant readyTime;

        Change(String id, String kind, String summary) {
            this.id = id;
            this.kind = kind;
            this.summary = summary;
        }

        boolean ready() {
            return readyTime != null;
        }
    }

    private record Pending(Change change, Runnable work) {
    }

    Changes(Object lock, Notices notices) {
        this.lock = lock;
        this.notices = notices;
    }

    Change create(String kind, String summary) {
        synchronized (lock) {
            Change change = new Change(Integer.toString(nextChange++), kind, summary);
            change.noticeData.put("kind", kind);
            changes.put(change.id, change);
            return change;
        }
    }

    Task addTask(Change change, String kind, String summary) {
        synchronized (lock) {
            Task task = new Task(Integer.toString(nextTask++), kind, summary);
            change.tasks.add(task);
            return task;
        }
    }

    /** Announces the change (a change-update notice) and applies {@code work} now or on release. */
    void submit(Change change, Runnable work) {
        synchronized (lock) {
            notices.record("change-update", change.id, change.noticeData, null, null);
            if (hold) {
                pending.add(new Pending(change, work));
            } else {
                work.run();
                finish(change);
            }
        }
    }

    /** Starts a change that stays in progress until {@link #finish} (checks, exec). */
    void open(Change change) {
        synchronized (lock) {
            notices.record("change-update", change.id, change.noticeData, null, null);
        }
    }

    /** Readies the change: Done, or Error listing each failed task as Pebble does. */
    void finish(Change change) {
        synchronized (lock) {
            if (change.ready()) {
                return;
            }
            Instant now = Instant.now();
            List<String> failures = new ArrayList<>();
            for (Task task : change.tasks) {
                if (task.error != null) {
                    failures.add("- " + task.summary + " (" + task.error + ")");
                } else if (!"Hold".equals(task.status)) {
                    task.status = "Done";
                }
                task.readyTime = task.readyTime == null ? now : task.readyTime;
            }
            if (failures.isEmpty()) {
                change.status = "Done";
            } else {
                change.status = "Error";
                change.err = "cannot perform the following tasks:\n" + String.join("\n", failures);
            }
            change.readyTime = now;
            notices.record("change-update", change.id, change.noticeData, null, null);
            lock.notifyAll();
        }
    }

    /** Holds new changes in progress (true), or applies and finishes every held one (false). */
    void hold(boolean value) {
        synchronized (lock) {
            hold = value;
            if (!value) {
                for (Pending p : pending) {
                    p.work().run();
                    finish(p.change());
                }
                pending.clear();
            }
        }
    }

    /** POST /v1/changes/{id} {"action":"abort"}: held work is dropped, open tasks end in Error. */
    Change abort(String id, String action) {
        synchronized (lock) {
            Change change = get(id);
            if (!action.equals("abort")) {
                throw ApiError.badRequest("invalid action \"%s\"", action);
            }
            if (change.ready()) {
                throw ApiError.badRequest("cannot abort change %s with nothing pending", id);
            }
            pending.removeIf(p -> p.change() == change);
            for (Task task : change.tasks) {
                if (task.error == null) {
                    task.fail("aborted");
                }
            }
            finish(change);
            return change;
        }
    }

    Change get(String id) {
        synchronized (lock) {
            Change change = changes.get(id);
            if (change == null) {
                throw ApiError.notFound("cannot find change with id \"%s\"", id);
            }
            return change;
        }
    }

    /** Waits until the change is ready; Pebble answers 504 when its own timeout passes first. */
    Change await(String id, Duration timeout, String timeoutText) {
        synchronized (lock) {
            Change change = get(id);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!change.ready()) {
                long remaining = deadline - System.nanoTime();
                if (timeout.isZero()) {
                    remaining = Long.MAX_VALUE; // Pebble: no timeout means wait as long as needed
                }
                if (remaining <= 0) {
                    throw new ApiError(504, "timed out waiting for change after " + timeoutText, null);
                }
                try {
                    lock.wait(Math.max(1, Math.min(remaining / 1_000_000L, 60_000L)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ApiError(500, "request cancelled", null);
                }
            }
            return change;
        }
    }

    List<Change> list(String select, String service) {
        synchronized (lock) {
            List<Change> out = new ArrayList<>();
            for (Change c : changes.values()) {
                boolean selected = switch (select) {
                    case "all" -> true;
                    case "ready" -> c.ready();
                    default -> !c.ready();
                };
                if (selected && (service == null || c.serviceNames.contains(service))) {
                    out.add(c);
                }
            }
            return out;
        }
    }

    private static ObjectNode render(Change c) {
        ObjectNode node = Json.object();
        node.put("id", c.id);
        node.put("kind", c.kind);
        node.put("summary", c.summary);
        node.put("status", c.status);
        if (!c.tasks.isEmpty()) {
            ArrayNode tasks = node.putArray("tasks");
            for (Task t : c.tasks) {
                ObjectNode task = tasks.addObject();
                task.put("id", t.id);
                task.put("kind", t.kind);
                task.put("summary", t.summary);
                task.put("status", t.status);
                if (!t.log.isEmpty()) {
                    ArrayNode log = task.putArray("log");
                    t.log.forEach(log::add);
                }
                ObjectNode progress = task.putObject("progress");
                progress.put("label", "");
                progress.put("done", 1);
                progress.put("total", 1);
                task.put("spawn-time", Json.time(t.spawnTime));
                if (t.readyTime != null) {
                    task.put("ready-time", Json.time(t.readyTime));
                }
                if (!t.data.isEmpty()) {
                    task.set("data", Json.MAPPER.valueToTree(new LinkedHashMap<>(t.data)));
                }
            }
        }
        node.put("ready", c.ready());
        if (c.err != null) {
            node.put("err", c.err);
        }
        node.put("spawn-time", Json.time(c.spawnTime));
        if (c.readyTime != null) {
            node.put("ready-time", Json.time(c.readyTime));
        }
        return node;
    }

    private static ArrayNode render(List<Change> list) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        list.forEach(c -> array.add(render(c)));
        return array;
    }

    /** The JSON Pebble sends for one entry, read under the emulator lock. */
    ObjectNode json(Change entry) {
        synchronized (lock) {
            return render(entry);
        }
    }

    /** The JSON array Pebble sends for a list, read under the emulator lock. */
    ArrayNode json(List<Change> entries) {
        synchronized (lock) {
            return render(entries);
        }
    }
}
