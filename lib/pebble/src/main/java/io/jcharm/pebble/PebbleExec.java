package io.jcharm.pebble;

import io.jcharm.yaml.GoDurations;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import tools.jackson.databind.JsonNode;

/**
 * Exec over Pebble's websockets: POST /v1/exec, then the {@code control}, {@code stdio} and
 * {@code stderr} sockets of the task; binary frames carry data, a text frame
 * {@code {"command":"end"}} ends a stream; the exit code comes from the finished change.
 */
final class PebbleExec {
    private static final String END = "{\"command\":\"end\"}";
    private static final int FRAME = 64 * 1024;
    /** OkHttp queues at most 16 MiB of outgoing websocket data. */
    private static final int MAX_STDIN = 15 * 1024 * 1024;

    private final PebbleHttp http;
    private final UnixSocketPebbleClient client;

    PebbleExec(PebbleHttp http, UnixSocketPebbleClient client) {
        this.http = http;
        this.client = client;
    }

    ExecResult run(ExecRequest request) {
        byte[] stdin = request.stdin();
        if (stdin.length > MAX_STDIN) {
            throw new IllegalArgumentException("exec stdin is " + stdin.length + " bytes; the limit is " + MAX_STDIN
                    + ": push large input as a file and pass its path instead");
        }
        PebbleHttp.Envelope started = http.post("/v1/exec", body(request));
        String changeId = started.change();
        String taskId = started.result() == null ? null : started.result().path("task-id").stringValue(null);
        if (changeId == null || taskId == null) {
            throw new PebbleProtocolException("Pebble's answer to exec " + request.command()
                    + " lacks a change or task id", null);
        }
        Duration wait = request.timeout() == null ? PebbleClient.DEFAULT_EXEC_WAIT
                : request.timeout().plus(http.timeout());
        long deadline = System.nanoTime() + wait.toNanos();
        Stream stdout = new Stream(stdin);
        Stream stderr = new Stream(null);
        String base = "/v1/tasks/" + taskId + "/websocket/";
        WebSocket control = http.webSocket(base + "control", new WebSocketListener() { });
        WebSocket stdio = http.webSocket(base + "stdio", stdout);
        WebSocket errors = http.webSocket(base + "stderr", stderr);
        boolean finished = false;
        try {
            byte[] out;
            byte[] err;
            try {
                out = stdout.done.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                err = stderr.done.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new PebbleChangeTimeoutException(changeId, "exec " + request.command(), null, wait);
            } catch (ExecutionException e) {
                // A websocket failed: the change usually says why (e.g. the task already ended).
                Change change = client.waitChange(changeId, Duration.ofMillis(Math.max(1, Math.min(
                        remainingMillis(deadline), http.timeout().toMillis()))));
                if (change.err().isPresent()) {
                    throw new PebbleChangeException(change);
                }
                throw http.unreachable("exec websocket for task " + taskId, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PebbleProtocolException("interrupted while exec " + request.command() + " ran", e);
            }
            Change change = client.waitChange(changeId, Duration.ofMillis(Math.max(1, remainingMillis(deadline))));
            if (change.err().isPresent()) {
                throw new PebbleChangeException(change);
            }
            finished = true;
            return new ExecResult(request.command(), exitCode(change), out, err);
        } finally {
            // Closing control abnormally makes Pebble SIGKILL the command: only close normally once done.
            for (WebSocket socket : new WebSocket[] {stdio, errors, control}) {
                if (finished) {
                    socket.close(1000, null);
                } else {
                    socket.cancel();
                }
            }
        }
    }

    private static Map<String, Object> body(ExecRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("command", request.command());
        if (request.serviceContext() != null) {
            body.put("service-context", request.serviceContext());
        }
        if (!request.environment().isEmpty()) {
            body.put("environment", request.environment());
        }
        if (request.workingDir() != null) {
            body.put("working-dir", request.workingDir());
        }
        if (request.timeout() != null) {
            body.put("timeout", GoDurations.format(request.timeout()));
        }
        if (request.userId() != null) {
            body.put("user-id", request.userId());
        }
        if (request.user() != null) {
            body.put("user", request.user());
        }
        if (request.groupId() != null) {
            body.put("group-id", request.groupId());
        }
        if (request.group() != null) {
            body.put("group", request.group());
        }
        body.put("terminal", false);
        body.put("interactive", false);
        body.put("split-stderr", true);
        body.put("width", 0);
        body.put("height", 0);
        return body;
    }

    private static int exitCode(Change change) {
        if (change.tasks().isEmpty()) {
            return -1;
        }
        Object code = change.tasks().get(0).data().get("exit-code");
        return code instanceof Number number ? number.intValue() : -1;
    }

    private static long remainingMillis(long deadline) {
        return Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
    }

    /** Collects one output stream; for stdio it also sends stdin once the socket opens. */
    private final class Stream extends WebSocketListener {
        final CompletableFuture<byte[]> done = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final byte[] stdin;

        Stream(byte[] stdin) {
            this.stdin = stdin;
        }

        @Override
        public void onOpen(WebSocket socket, Response response) {
            if (stdin == null) {
                return;
            }
            for (int off = 0; off < stdin.length; off += FRAME) {
                socket.send(ByteString.of(stdin, off, Math.min(FRAME, stdin.length - off)));
            }
            socket.send(END);
        }

        @Override
        public void onMessage(WebSocket socket, ByteString bytes) {
            synchronized (buffer) {
                buffer.writeBytes(bytes.toByteArray());
            }
        }

        @Override
        public void onMessage(WebSocket socket, String text) {
            JsonNode message = http.mapper().readTree(text);
            if ("end".equals(message.path("command").stringValue(null))) {
                complete();
            }
        }

        @Override
        public void onClosing(WebSocket socket, int code, String reason) {
            complete(); // the server closed without "end": keep what arrived
        }

        @Override
        public void onFailure(WebSocket socket, Throwable t, Response response) {
            done.completeExceptionally(t);
        }

        private void complete() {
            synchronized (buffer) {
                done.complete(buffer.toByteArray());
            }
        }
    }
}
