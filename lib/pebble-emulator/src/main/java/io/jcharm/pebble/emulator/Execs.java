package io.jcharm.pebble.emulator;

import io.jcharm.yaml.GoDurations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exec as Pebble does it on the wire (an exec change, then control/stdio/stderr websockets), with
 * nothing run: a registered {@link ExecHandler} (longest argv prefix wins) or the default reply
 * (exit 0, a stderr line saying it was simulated) produces the output. Every call is recorded.
 */
final class Execs {
    private static final String END = "{\"command\":\"end\"}";
    private static final Duration OUTPUT_WAIT = Duration.ofMinutes(10);
    private static final Map<String, String> BASE_ENV = Map.of("HOME", "/root", "LANG", "C.UTF-8",
            "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "USER", "root");

    private final Object lock;
    private final Changes changes;
    private final Supplier<LayerStack.Plan> plan;
    private final ScheduledExecutorService timer;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final List<ExecCall> history = new ArrayList<>();
    private final Map<List<String>, ExecHandler> handlers = new LinkedHashMap<>();
    private volatile Duration connectTimeout = Duration.ofSeconds(5);

    private static final class Session {
        final ExecCall request;
        final Changes.Change change;
        final Changes.Task task;
        final boolean splitStderr;
        final Set<String> connected = new HashSet<>();
        final CountDownLatch ioConnected;
        final CompletableFuture<ExecReply> reply = new CompletableFuture<>();
        boolean expired;

        Session(ExecCall request, Changes.Change change, Changes.Task task, boolean splitStderr) {
            this.request = request;
            this.change = change;
            this.task = task;
            this.splitStderr = splitStderr;
            this.ioConnected = new CountDownLatch(splitStderr ? 2 : 1);
        }
    }

    Execs(Object lock, Changes changes, Supplier<LayerStack.Plan> plan, ScheduledExecutorService timer) {
        this.lock = lock;
        this.changes = changes;
        this.plan = plan;
        this.timer = timer;
    }

    void setConnectTimeout(Duration timeout) {
        connectTimeout = timeout;
    }

    void register(List<String> prefix, ExecHandler handler) {
        synchronized (lock) {
            handlers.put(List.copyOf(prefix), handler);
        }
    }

    List<ExecCall> history() {
        synchronized (lock) {
            return List.copyOf(history);
        }
    }

    /** POST /v1/exec: returns the change id and Pebble's result (task-id, environment, working-dir). */
    Map.Entry<String, ObjectNode> start(JsonNode body) {
        List<String> command = new ArrayList<>();
        body.path("command").forEach(arg -> command.add(arg.asString("")));
        if (command.isEmpty()) {
            throw ApiError.badRequest("must specify command");
        }
        Duration timeout = null;
        String timeoutText = body.path("timeout").stringValue(null);
        if (timeoutText != null && !timeoutText.isEmpty()) {
            try {
                timeout = GoDurations.parse(timeoutText);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("invalid timeout: %s", e.getMessage());
            }
        }
        String context = body.path("service-context").stringValue(null);
        Map<String, String> environment = new TreeMap<>(BASE_ENV);
        String workingDir = "/root";
        if (context != null && !context.isEmpty()) {
            PlanEntry service = plan.get().services().get(context);
            if (service == null) {
                throw ApiError.badRequest("cannot find service context \"%s\"", context);
            }
            environment.putAll(service.map("environment"));
            workingDir = service.text("working-dir").isEmpty() ? workingDir : service.text("working-dir");
        }
        Map<String, String> requested = new TreeMap<>();
        body.path("environment").properties().forEach(e -> requested.put(e.getKey(), e.getValue().asString("")));
        environment.putAll(requested);
        String dir = body.path("working-dir").stringValue(null);
        workingDir = dir == null || dir.isEmpty() ? workingDir : dir;
        ExecCall request = new ExecCall(command, requested, dir, intOrNull(body.get("user-id")),
                body.path("user").stringValue(null), intOrNull(body.get("group-id")),
                body.path("group").stringValue(null), timeout, context, new byte[0]);
        boolean split = body.path("split-stderr").asBoolean(false);
        synchronized (lock) {
            String summary = "Execute command \"" + command.get(0) + "\"";
            Changes.Change change = changes.create("exec", summary);
            Changes.Task task = changes.addTask(change, "exec", summary);
            changes.open(change);
            Session session = new Session(request, change, task, split);
            sessions.put(task.id, session);
            timer.schedule(() -> expire(session), connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
            ObjectNode result = Json.object();
            ObjectNode env = result.putObject("environment");
            environment.forEach(env::put);
            result.put("task-id", task.id);
            result.put("working-dir", workingDir);
            return Map.entry(change.id, result);
        }
    }

    private void expire(Session session) {
        synchronized (lock) {
            if (session.ioConnected.getCount() == 0 || session.change.ready()) {
                return;
            }
            session.expired = true;
            session.task.fail("exec " + session.task.id
                    + ": timeout waiting for websocket connections: context deadline exceeded");
            changes.finish(session.change);
            session.reply.completeExceptionally(new IOException("websockets did not connect in time"));
        }
    }

    /** GET /v1/tasks/{task}/websocket/{id}: the upgrade, or an error before it. */
    HttpResponse webSocket(String taskId, String id) {
        synchronized (lock) {
            Session session = sessions.get(taskId);
            if (session == null) {
                throw ApiError.notFound("cannot find task with id \"%s\"", taskId);
            }
            if (!id.equals("control") && !id.equals("stdio") && !(id.equals("stderr") && session.splitStderr)) {
                throw ApiError.notFound("websocket for \"%s\" not found", id);
            }
            if (session.expired || session.change.ready()) {
                throw ApiError.badRequest("task %s is no longer running", taskId);
            }
            if (!session.connected.add(id)) {
                throw ApiError.badRequest("websocket \"%s\" already connected", id);
            }
            if (!id.equals("control")) {
                session.ioConnected.countDown();
            }
            return HttpResponse.upgrade((in, out) -> {
                WebSocketConnection socket = new WebSocketConnection(in, out);
                switch (id) {
                    case "stdio" -> runStdio(session, socket);
                    case "stderr" -> runStderr(session, socket);
                    default -> drain(socket); // control: signals and resizes mean nothing here
                }
            });
        }
    }

    private void runStdio(Session session, WebSocketConnection socket) throws IOException {
        ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        while (true) {
            WebSocketConnection.Message message = socket.read();
            if (message == null || (message.text() && message.asText().contains("\"end\""))) {
                break;
            }
            if (!message.text()) {
                stdin.writeBytes(message.data());
            }
        }
        try {
            if (!session.ioConnected.await(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return; // expire() fails the change
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        ExecCall r = session.request;
        ExecCall call = new ExecCall(r.command(), r.environment(), r.workingDir(), r.userId(), r.user(), r.groupId(),
                r.group(), r.timeout(), r.serviceContext(), stdin.toByteArray());
        ExecReply reply = run(call);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        stdout.writeBytes(reply.stdout());
        if (!session.splitStderr) {
            stdout.writeBytes(reply.stderr());
        }
        if (stdout.size() > 0) {
            socket.sendBinary(stdout.toByteArray());
        }
        socket.sendText(END);
        synchronized (lock) {
            session.task.data.put("exit-code", reply.exitCode());
            session.task.log("INFO", "simulated by the jcharm Pebble emulator: nothing ran");
            changes.finish(session.change);
        }
        session.reply.complete(reply);
        drain(socket);
    }

    private void runStderr(Session session, WebSocketConnection socket) throws IOException {
        ExecReply reply;
        try {
            reply = session.reply.get(OUTPUT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            socket.close();
            return;
        }
        if (reply.stderr().length > 0) {
            socket.sendBinary(reply.stderr());
        }
        socket.sendText(END);
        drain(socket);
    }

    private ExecReply run(ExecCall call) {
        ExecHandler handler = null;
        int best = -1;
        synchronized (lock) {
            history.add(call);
            for (Map.Entry<List<String>, ExecHandler> e : handlers.entrySet()) {
                List<String> prefix = e.getKey();
                if (prefix.size() > best && prefix.size() <= call.command().size()
                        && call.command().subList(0, prefix.size()).equals(prefix)) {
                    handler = e.getValue();
                    best = prefix.size();
                }
            }
        }
        if (handler == null) {
            return ExecReply.of(0, "", "jcharm Pebble emulator: simulated exec of " + call.command()
                    + "; nothing ran\n");
        }
        try {
            return handler.handle(call);
        } catch (RuntimeException e) {
            return ExecReply.of(1, "", "exec handler for " + call.command() + " failed: " + e + "\n");
        }
    }

    private static void drain(WebSocketConnection socket) {
        try {
            while (socket.read() != null) {
                // Ignore further messages until the client closes.
            }
        } catch (IOException e) {
            // The client went away without a close frame: nothing more to do.
        }
    }

    private static Integer intOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }
}
