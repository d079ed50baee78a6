package io.jcharm.pebble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.pebble.codec.PebbleMappers;
import io.jcharm.pebble.emulator.CheckState;
import io.jcharm.pebble.emulator.PebbleEmulator;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.MultipartReader;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * Replays every captured request of a real Pebble 1.32 session against one emulator, in the
 * captured order, after setting up the same starting state (service "sleeper" started, exec
 * check "sleeper-exec" up, tcp check "closed-port" down), and checks status code, envelope and
 * result against the capture. Ids, times and counters only need the same JSON type.
 */
class WireCaptureTest {
    private static final Set<String> VOLATILE = Set.of("boot-id", "version", "id", "key", "change-id",
            "prev-change-id", "task-id", "spawn-time", "ready-time", "current-since", "first-occurred",
            "last-occurred", "last-repeated", "last-modified", "log", "successes", "failures", "occurrences");
    /** Where the capture depends on what a real process or probe printed, which the emulator only simulates. */
    private static final Map<String, Set<String>> ALSO_VOLATILE = Map.of(
            "23-changes-all.txt", Set.of("err"),
            "60-exec-post-no-websockets.txt", Set.of("environment"),
            "62-exec-websocket-transcript.txt", Set.of("environment"));

    private static EmulatorHarness harness;

    @BeforeAll
    static void startLikeTheCapturedServer() throws Exception {
        harness = new EmulatorHarness();
        PebbleEmulator emulator = harness.emulator;
        // The captured server's plan (06-plan.txt), added as its first layer: every entry says
        // "override: replace", so the plan's YAML is a valid layer as it stands.
        WireCapture plan = WireCapture.read(captures().resolve("06-plan.txt"));
        emulator.addLayer("001-base", PebbleMappers.json().readTree(plan.expectedEnvelope()).path("result").asString(),
                false);
        harness.client.autostart(Duration.ofSeconds(10));
        emulator.setCheckStatus("closed-port", CheckState.DOWN);
        emulator.setExecConnectTimeout(Duration.ofMillis(300));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    static Path captures() throws URISyntaxException {
        return Path.of(WireCaptureTest.class.getResource("/pebble-wire/01-system-info.txt").toURI()).getParent();
    }

    @TestFactory
    Stream<DynamicTest> replayCapturesInOrder() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(captures())) {
            files = listing.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertEquals(56, files.size(), "capture files");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> replay(WireCapture.read(file))));
        }
        return tests.stream();
    }

    private void replay(WireCapture capture) throws Exception {
        Path socket = harness.emulator.socketPath();
        Map<String, String> headers = new java.util.LinkedHashMap<>(capture.headers());
        byte[] body = capture.body();
        if (capture.name().startsWith("42-")) {
            // The capture names the short boundary but not the body; any multipart body shows the check.
            headers.put("Content-Type", "multipart/form-data; boundary=XBOUNDARYX");
            Buffer buffer = new Buffer();
            new MultipartBody.Builder("XBOUNDARYX").setType(MultipartBody.FORM).addFormDataPart("request", null,
                    RequestBody.create("{\"action\":\"write\"}", MediaType.get("application/json"))).build()
                    .writeTo(buffer);
            body = buffer.readByteArray();
        }
        if (capture.target().contains("action=read") && !capture.name().startsWith("45-")) {
            headers.put("Accept", "multipart/form-data");
        }
        if (capture.name().startsWith("61-")) {
            // The capture was taken after Pebble's 5 s websocket deadline; ours is 300 ms: wait for it.
            RawHttp.exchange(socket, "GET", "/v1/changes/9/wait?timeout=10s", Map.of(), new byte[0]);
        }
        RawHttp.Response response = RawHttp.exchange(socket, capture.method(), capture.target(), headers, body);
        assertEquals(capture.expectedStatus(), response.status(), capture.name() + ": " + response.text());

        String contentType = response.header("Content-Type");
        if (capture.name().startsWith("75-")) {
            assertTrue(contentType.startsWith("text/plain"), contentType);
            assertTrue(response.text().contains("pebble_service_active{service=\"sleeper2\"} 1"), response.text());
            return;
        }
        if (capture.name().startsWith("29-")) {
            assertEquals("application/x-ndjson", contentType);
            String[] lines = response.text().strip().split("\n");
            assertTrue(lines.length >= 1 && lines.length <= 5, response.text());
            for (String line : lines) {
                JsonNode entry = PebbleMappers.json().readTree(line);
                assertEquals(Set.of("time", "service", "message"), Set.copyOf(entry.propertyNames()));
            }
            return;
        }
        JsonNode actual;
        if (contentType.startsWith("multipart/form-data")) {
            List<String> dispositions = new ArrayList<>();
            List<byte[]> bodies = new ArrayList<>();
            try (MultipartReader reader = new MultipartReader(new Buffer().write(response.body()),
                    MediaType.get(contentType).parameter("boundary"))) {
                for (MultipartReader.Part part = reader.nextPart(); part != null; part = reader.nextPart()) {
                    dispositions.add(part.headers().get("Content-Disposition"));
                    bodies.add(part.body().readByteArray());
                }
            }
            assertEquals("form-data; name=\"response\"", dispositions.get(dispositions.size() - 1));
            actual = PebbleMappers.json().readTree(bodies.get(bodies.size() - 1));
            if (capture.name().startsWith("44-")) {
                byte[] pushed = "hello from java client test\nbinary\0\1\2 end\n".getBytes(StandardCharsets.ISO_8859_1);
                assertEquals("form-data; name=\"files\"; filename=\"/tmp/pebble-java-test/hello.txt\"",
                        dispositions.get(0));
                assertArrayEquals(pushed, bodies.get(0));
            }
        } else {
            assertEquals("application/json", contentType);
            actual = PebbleMappers.json().readTree(response.body());
        }
        assertNotNull(capture.expectedEnvelope(), capture.name() + " has no envelope");
        JsonNode expected = PebbleMappers.json().readTree(capture.expectedEnvelope());
        Set<String> volatileKeys = new java.util.HashSet<>(VOLATILE);
        volatileKeys.addAll(ALSO_VOLATILE.getOrDefault(capture.name(), Set.of()));
        List<String> differences = new JsonShape(volatileKeys).diff(expected, actual);
        assertTrue(differences.isEmpty(), capture.name() + " differs from the capture:\n" + String.join("\n", differences)
                + "\nactual: " + actual);
    }
}
