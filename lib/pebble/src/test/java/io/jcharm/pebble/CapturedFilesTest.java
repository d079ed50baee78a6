package io.jcharm.pebble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.pebble.codec.PebbleMappers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.URISyntaxException;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's file transfers (OkHttp's MultipartBody and MultipartReader) held against the
 * bytes of a real Pebble 1.32 session: capture 44 is the multipart answer Pebble wrote to a
 * read, served here byte for byte; capture 41 is a multipart write Pebble accepted, compared
 * part by part with what the client sends. No emulator takes part.
 */
class CapturedFilesTest {
    private static final byte[] CONTENT = "hello from java client test\nbinary\0\1\2 end\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final String PATH = "/tmp/pebble-java-test/hello.txt";

    @TempDir
    Path tmp;

    @Test
    void pullReadsTheMultipartAnswerPebbleWrote() throws Exception {
        WireCapture capture = WireCapture.read(capture("44-files-read.txt"));
        try (OneExchange server = new OneExchange(tmp.resolve("pebble.socket"), rawResponse(capture("44-files-read.txt")))) {
            byte[] pulled = new UnixSocketPebbleClient(server.socket).pull(PATH);
            assertArrayEquals(CONTENT, pulled);
            OneExchange.Request request = server.request();
            // The same request as the capture's once the query is decoded (the client, like Go's url.Values, encodes '/').
            HttpUrl sent = HttpUrl.get("http://localhost" + request.line().split(" ")[1]);
            HttpUrl captured = HttpUrl.get("http://localhost" + capture.target());
            assertEquals(capture.method(), request.line().split(" ")[0]);
            assertEquals(captured.encodedPath(), sent.encodedPath());
            assertEquals(captured.queryParameterNames(), sent.queryParameterNames());
            for (String name : captured.queryParameterNames()) {
                assertEquals(captured.queryParameterValues(name), sent.queryParameterValues(name), name);
            }
            assertEquals("multipart/form-data", request.headers().get("accept"), "Pebble answers a read as multipart only when asked");
        }
    }

    @Test
    void pushSendsThePartsPebbleAccepted() throws Exception {
        WireCapture capture = WireCapture.read(capture("41-files-push-write.txt"));
        byte[] answer = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + capture.expectedEnvelope().length() + "\r\n\r\n" + capture.expectedEnvelope()).getBytes(StandardCharsets.UTF_8);
        try (OneExchange server = new OneExchange(tmp.resolve("pebble.socket"), answer)) {
            new UnixSocketPebbleClient(server.socket).push(PATH, CONTENT, PushOptions.defaults().withPermissions(0644));
            OneExchange.Request request = server.request();
            assertEquals(capture.method() + " " + capture.target(), request.line().replaceFirst(" HTTP/1.1$", ""));
            MediaType type = MediaType.get(request.headers().get("content-type"));
            assertEquals("multipart/form-data", type.type() + "/" + type.subtype());
            assertTrue(type.parameter("boundary").length() >= 32, "Pebble refuses a boundary under 32 characters");

            List<Part> sent = parts(request.body(), type.parameter("boundary"));
            List<Part> accepted = parts(capture.body(),
                    MediaType.get(capture.headers().get("Content-Type")).parameter("boundary"));
            assertEquals(accepted.size(), sent.size());
            for (int i = 0; i < accepted.size(); i++) {
                assertEquals(accepted.get(i).disposition(), sent.get(i).disposition(), "part " + i);
                assertEquals(accepted.get(i).type(), sent.get(i).type(), "part " + i);
            }
            // The metadata is JSON: same tree (key order is not part of the contract); the file, same bytes.
            assertEquals(PebbleMappers.json().readTree(accepted.get(0).body()), PebbleMappers.json().readTree(sent.get(0).body()));
            assertArrayEquals(accepted.get(1).body(), sent.get(1).body());
            assertArrayEquals(CONTENT, sent.get(1).body());
        }
    }

    private record Part(String disposition, String type, byte[] body) {
    }

    private static List<Part> parts(byte[] body, String boundary) throws IOException {
        List<Part> parts = new ArrayList<>();
        try (MultipartReader reader = new MultipartReader(new Buffer().write(body), boundary)) {
            for (MultipartReader.Part p = reader.nextPart(); p != null; p = reader.nextPart()) {
                parts.add(new Part(p.headers().get("Content-Disposition"), p.headers().get("Content-Type"),
                        p.body().readByteArray()));
            }
        }
        return parts;
    }

    private static Path capture(String name) throws URISyntaxException {
        return Path.of(CapturedFilesTest.class.getResource("/pebble-wire/" + name).toURI());
    }

    /** The captured answer as Pebble sent it: every line from the status line on, cat -A undone. */
    private static byte[] rawResponse(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean started = false;
        for (String line : lines) {
            started |= line.startsWith("HTTP/1.1 ");
            if (started) {
                out.writeBytes(WireCapture.uncatA(line));
            }
        }
        return out.toByteArray();
    }

    /** A unix-socket server that takes one request, keeps it, and answers with the given bytes. */
    private static final class OneExchange implements AutoCloseable {
        record Request(String line, Map<String, String> headers, byte[] body) {
        }

        final Path socket;
        private final ServerSocketChannel server;
        private final CompletableFuture<Request> request;

        OneExchange(Path socket, byte[] answer) throws IOException {
            this.socket = socket;
            this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            this.request = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel channel = server.accept()) {
                    InputStream in = Channels.newInputStream(channel);
                    Request r = read(in);
                    Channels.newOutputStream(channel).write(answer);
                    return r;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }

        Request request() throws Exception {
            return request.get(10, TimeUnit.SECONDS);
        }

        private static Request read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            byte[] tail = new byte[4];
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                System.arraycopy(tail, 1, tail, 0, 3);
                tail[3] = (byte) b;
                if (tail[0] == '\r' && tail[1] == '\n' && tail[2] == '\r' && tail[3] == '\n') {
                    break;
                }
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
                }
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new Request(lines[0], headers, in.readNBytes(length));
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
