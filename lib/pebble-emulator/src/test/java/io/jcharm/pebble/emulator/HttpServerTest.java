package io.jcharm.pebble.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's HTTP/1.1 layer on the raw socket: chunked bodies, keep-alive, malformed input, websocket keys. */
class HttpServerTest {
    private Path dir;
    private PebbleEmulator emulator;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "pb");
        emulator = PebbleEmulator.start(dir.resolve("pebble.socket"));
    }

    @AfterEach
    void stop() throws Exception {
        emulator.close();
        Files.deleteIfExists(dir);
    }

    @Test
    void chunkedBodyAndTwoRequestsOnOneConnection() throws Exception {
        String layer = "{\"action\":\"add\",\"label\":\"l\",\"format\":\"yaml\",\"layer\":"
                + "\"services:\\n  s:\\n    override: replace\\n    command: run\\n\"}";
        String first = layer.substring(0, 20);
        String second = layer.substring(20);
        String requests = "POST /v1/layers HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(first.length()) + "\r\n" + first + "\r\n"
                + Integer.toHexString(second.length()) + ";ext=1\r\n" + second + "\r\n0\r\n\r\n"
                + "GET /v1/services HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        String answer = exchange(requests);
        assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
        assertTrue(answer.contains("\"result\":true"), answer);
        assertTrue(answer.contains("\"result\":[{\"name\":\"s\",\"startup\":\"disabled\",\"current\":\"inactive\"}]"),
                answer);
        assertEquals("services:\n    s:\n        override: replace\n        command: run\n", emulator.planYaml());
    }

    @Test
    void malformedRequestLineGets400AndTheConnectionCloses() throws Exception {
        String answer = exchange("NONSENSE\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
        assertTrue(answer.contains("malformed request line"), answer);
    }

    @Test
    void unknownPathsAndMethods() throws Exception {
        assertTrue(exchange("GET /v1/warnings HTTP/1.1\r\nConnection: close\r\n\r\n")
                .contains("{\"type\":\"error\",\"status-code\":404,\"status\":\"Not Found\","
                        + "\"result\":{\"message\":\"invalid API endpoint requested\"}}"));
        assertTrue(exchange("PUT /v1/plan HTTP/1.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
                .startsWith("HTTP/1.1 405 Method Not Allowed"));
    }

    @Test
    void websocketAcceptKeyFollowsRfc6455() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketConnection.acceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    private String exchange(String raw) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(emulator.socketPath()));
            OutputStream out = Channels.newOutputStream(channel);
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = Channels.newInputStream(channel);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all); // the server closes after "Connection: close" or a bad request
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
