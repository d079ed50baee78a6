package io.jcharm.pebble;

import io.jcharm.pebble.codec.PebbleMappers;
import io.jcharm.pebble.unix.UnixDomainSocketFactory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** OkHttp over the unix socket, Pebble's response envelope and the mapping of failures to exceptions. */
final class PebbleHttp implements AutoCloseable {
    static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final int SNIPPET = 200;

    private final Path socketPath;
    private final Duration timeout;
    private final ExecutorService executor;
    private final OkHttpClient http;

    /** A parsed {@code {"type","status-code","status","result","change"}} envelope. */
    record Envelope(String type, int statusCode, String status, JsonNode result, String change) {
    }

    /** A response body with its content type, for the endpoints that are not JSON. */
    record Raw(int code, String contentType, byte[] body) {
    }

    PebbleHttp(Path socketPath, Duration timeout) {
        this.socketPath = socketPath;
        this.timeout = timeout;
        AtomicInteger threads = new AtomicInteger();
        // OkHttp's default dispatcher threads are not daemons: a hook's JVM would linger 60 s.
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "pebble-http-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.http = new OkHttpClient.Builder()
                .socketFactory(new UnixDomainSocketFactory(socketPath))
                // The host name is only a label on a unix socket: never ask a resolver or a proxy.
                .dns(host -> List.of(InetAddress.getLoopbackAddress()))
                .proxy(Proxy.NO_PROXY)
                // Plain HTTP on a unix socket: without this OkHttp builds the platform's TLS trust
                // manager (the JDK's CA certificates) for every client, i.e. in every hook.
                .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                .dispatcher(new Dispatcher(executor))
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .build();
    }

    Path socketPath() {
        return socketPath;
    }

    Duration timeout() {
        return timeout;
    }

    JsonMapper mapper() {
        return PebbleMappers.json();
    }

    static HttpUrl.Builder url(String path) {
        return new HttpUrl.Builder().scheme("http").host("localhost").encodedPath(path);
    }

    /** GETs a JSON endpoint. */
    Envelope get(HttpUrl url, Duration readTimeout) {
        return json(new Request.Builder().url(url).get().build(), readTimeout);
    }

    /** POSTs a JSON body to a JSON endpoint. */
    Envelope post(String path, Map<String, ?> body) {
        byte[] bytes = mapper().writeValueAsBytes(body);
        return json(new Request.Builder().url(url(path).build()).post(RequestBody.create(bytes, JSON_TYPE, 0,
                bytes.length)).build(), timeout);
    }

    /** Sends a request whose answer is a JSON envelope; error envelopes become exceptions. */
    Envelope json(Request request, Duration readTimeout) {
        Raw raw = send(request, readTimeout);
        return envelope(describe(request), raw);
    }

    Envelope envelope(String what, Raw raw) {
        if (raw.contentType() == null || !raw.contentType().startsWith("application/json")) {
            if (raw.code() >= 400) {
                throw new PebbleApiException(what, raw.code(), "HTTP " + raw.code(), null, snippet(raw.body()));
            }
            throw new PebbleProtocolException("expected JSON from Pebble for " + what + " but got content type "
                    + raw.contentType() + ": " + snippet(raw.body()), null);
        }
        JsonNode node;
        try {
            node = mapper().readTree(raw.body());
        } catch (JacksonException e) {
            throw new PebbleProtocolException("Pebble sent invalid JSON for " + what + ": " + snippet(raw.body()), e);
        }
        String type = node.path("type").stringValue(null);
        int code = node.path("status-code").intValue(raw.code());
        String status = node.path("status").stringValue("");
        if ("error".equals(type)) {
            JsonNode result = node.path("result");
            throw new PebbleApiException(what, code, status, result.path("kind").stringValue(null),
                    result.path("message").stringValue("(no message)"));
        }
        if (!"sync".equals(type) && !"async".equals(type)) {
            throw new PebbleProtocolException("Pebble's answer to " + what + " is not a response envelope: "
                    + snippet(raw.body()), null);
        }
        return new Envelope(type, code, status, node.get("result"), node.path("change").stringValue(null));
    }

    /** Sends a request and reads the whole body; transport failures become connection errors. */
    Raw send(Request request, Duration readTimeout) {
        OkHttpClient client = readTimeout.equals(timeout) ? http : http.newBuilder().readTimeout(readTimeout).build();
        try (Response response = client.newCall(request).execute()) {
            return new Raw(response.code(), response.header("Content-Type"), response.body().bytes());
        } catch (IOException e) {
            throw unreachable(describe(request), e);
        }
    }

    WebSocket webSocket(String path, WebSocketListener listener) {
        return http.newWebSocket(new Request.Builder().url(url(path).build()).build(), listener);
    }

    PebbleConnectionException unreachable(String what, Throwable e) {
        String problem;
        if (!Files.exists(socketPath)) {
            problem = "socket not found";
        } else if (e instanceof InterruptedIOException) {
            problem = "no answer to " + what + " in time (" + e.getMessage() + ")";
        } else {
            problem = what + " failed: " + transportProblem(e);
        }
        return new PebbleConnectionException(socketPath, problem, e);
    }

    /**
     * The most telling message in the cause chain: OkHttp reports "Failed to connect to
     * localhost/127.0.0.1:80", which is only the label of the unix socket's URL.
     */
    private static String transportProblem(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("cannot connect to unix socket")) {
                return t.getMessage();
            }
            if (t.getCause() == null && t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }

    static String describe(Request request) {
        HttpUrl url = request.url();
        return request.method() + " " + url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery());
    }

    static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "...";
    }

    <T> T value(JsonNode node, Class<T> type) {
        if (node == null || node.isNull()) {
            throw new PebbleProtocolException("Pebble returned no result where a " + type.getSimpleName()
                    + " was expected", null);
        }
        try {
            return mapper().treeToValue(node, type);
        } catch (JacksonException e) {
            throw new PebbleProtocolException("cannot read " + type.getSimpleName() + " from Pebble: "
                    + e.getOriginalMessage(), e);
        }
    }

    <T> List<T> list(JsonNode node, Class<T> type) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        try {
            return List.copyOf(mapper().treeToValue(node,
                    mapper().getTypeFactory().constructCollectionType(List.class, type)));
        } catch (JacksonException e) {
            throw new PebbleProtocolException("cannot read a list of " + type.getSimpleName() + " from Pebble: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        http.connectionPool().evictAll();
    }
}
