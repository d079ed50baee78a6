package io.jcharm.pebble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.pebble.emulator.RecordedRequest;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.OverrideMode;
import io.jcharm.pebble.layer.Service;
import io.jcharm.pebble.layer.Startup;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a charm sees when Pebble is missing, refuses, fails a change or is slow. */
class PebbleErrorsTest {
    private static final Layer WEB = Layer.builder().service("web", Service.builder().override(OverrideMode.REPLACE)
            .command("/bin/web").startup(Startup.ENABLED).build()).build();

    @Test
    void missingSocketIsAConnectionErrorNamingThePathAndPebbleReady() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pb");
        Path socket = dir.resolve("mlflow").resolve("pebble.socket");
        try (UnixSocketPebbleClient client = new UnixSocketPebbleClient(socket)) {
            PebbleConnectionException e = assertThrows(PebbleConnectionException.class, client::systemInfo);
            assertTrue(e.getMessage().contains(socket.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("socket not found"), e.getMessage());
            assertTrue(e.getMessage().contains("mlflow-pebble-ready"), e.getMessage());
            assertEquals("mlflow", e.container());
            assertEquals(socket, e.socketPath());
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void socketFileWithoutListenerIsRefused() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pb");
        Path socket = dir.resolve("pebble.socket");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        try (UnixSocketPebbleClient client = new UnixSocketPebbleClient(socket)) {
            PebbleConnectionException e = assertThrows(PebbleConnectionException.class, () -> client.plan());
            assertTrue(e.getMessage().toLowerCase().contains("refused"), e.getMessage());
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void unreachableEmulatorComesBackWithItsState() {
        try (EmulatorHarness h = new EmulatorHarness()) {
            h.client.addLayer("web", WEB, false);
            h.emulator.setReachable(false);
            assertThrows(PebbleConnectionException.class, h.client::systemInfo);
            h.emulator.setReachable(true);
            assertTrue(h.client.plan().contains(WEB));
        }
    }

    @Test
    void errorEnvelopesBecomeApiExceptionsWithKindAndMessage() {
        try (EmulatorHarness h = new EmulatorHarness()) {
            PebbleApiException noDefaults = assertThrows(PebbleApiException.class,
                    () -> h.client.autostart(Duration.ofSeconds(5)));
            assertEquals(400, noDefaults.statusCode());
            assertEquals("no-default-services", noDefaults.kind().orElseThrow());
            assertEquals("no default services", noDefaults.apiMessage());
            assertTrue(noDefaults.getMessage().contains("POST /v1/services"), noDefaults.getMessage());

            PebbleApiException badLayer = assertThrows(PebbleApiException.class,
                    () -> h.client.addLayer("x", "services:\n  web:\n    command: /bin/web\n", false));
            assertEquals("layer \"x\" must define \"override\" for service \"web\"", badLayer.apiMessage());
            assertTrue(badLayer.kind().isEmpty());
            PebbleApiException noCommand = assertThrows(PebbleApiException.class,
                    () -> h.client.addLayer("y", "services:\n  web:\n    override: merge\n", false));
            assertEquals("plan must define \"command\" for service \"web\"", noCommand.apiMessage());
            PebbleApiException unknown = assertThrows(PebbleApiException.class,
                    () -> h.client.startServices(List.of("nosuch"), Duration.ofSeconds(5)));
            assertEquals("cannot start services: service \"nosuch\" does not exist", unknown.apiMessage());
        }
    }

    @Test
    void failedChangeCarriesIdStatusErrorAndTaskLog() {
        try (EmulatorHarness h = new EmulatorHarness()) {
            h.client.addLayer("web", WEB, false);
            h.emulator.failServiceStart("web", 1);
            PebbleChangeException e = assertThrows(PebbleChangeException.class, () -> h.client.replan());
            assertEquals("Error", e.status());
            // Pebble 1.32's wording (servstate/handlers.go); on-failure defaults to restart.
            assertEquals("cannot perform the following tasks:\n- Start service \"web\" (service start attempt: "
                    + "exited quickly with code 1, will restart)", e.err());
            assertTrue(e.taskLog().get(0).endsWith("ERROR service start attempt: exited quickly with code 1, will restart"),
                    e.taskLog().toString());
            assertTrue(e.getMessage().contains("change " + e.changeId()), e.getMessage());
            assertEquals(ServiceStatus.BACKOFF, h.client.service("web").orElseThrow().current());
        }
    }

    @Test
    void changeNotReadyInTimeNamesTheChange() {
        try (EmulatorHarness h = new EmulatorHarness()) {
            h.client.addLayer("web", WEB, false);
            h.emulator.holdChanges(true);
            PebbleChangeTimeoutException e = assertThrows(PebbleChangeTimeoutException.class,
                    () -> h.client.replan(Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains("change " + e.changeId() + " (Replan service \"web\")"), e.getMessage());
            assertTrue(e.getMessage().contains("last status Doing"), e.getMessage());
            h.emulator.holdChanges(false);
            assertEquals("Done", h.client.waitChange(e.changeId(), Duration.ofSeconds(5)).status());
        }
    }

    @Test
    void waitKeepsAskingAfterPebbles504UntilOurDeadline() throws Exception {
        // A 1.2 s request timeout makes each /wait ask Pebble for 200 ms, so a held change yields 504s.
        try (EmulatorHarness h = new EmulatorHarness(Duration.ofMillis(1200))) {
            h.client.addLayer("web", WEB, false);
            h.emulator.holdChanges(true);
            CompletableFuture<Change> replan = CompletableFuture.supplyAsync(() -> h.client.replan(Duration.ofSeconds(20)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (waits(h.emulator.requests()) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(waits(h.emulator.requests()) >= 3, "the client should poll /wait again after a 504");
            h.emulator.holdChanges(false);
            assertEquals("Done", replan.get(15, TimeUnit.SECONDS).status());
        }
    }

    private static long waits(List<RecordedRequest> requests) {
        return requests.stream().filter(r -> r.path().endsWith("/wait")).count();
    }

    @Test
    void uploadWithShortBoundaryIsRefused() throws Exception {
        try (EmulatorHarness h = new EmulatorHarness()) {
            okio.Buffer buffer = new okio.Buffer();
            new okhttp3.MultipartBody.Builder("short-boundary").setType(okhttp3.MultipartBody.FORM)
                    .addFormDataPart("request", null, okhttp3.RequestBody.create(
                            "{\"action\":\"write\",\"files\":[{\"path\":\"/tmp/x\"}]}", null))
                    .addFormDataPart("files", "/tmp/x", okhttp3.RequestBody.create(new byte[] {1}, null))
                    .build().writeTo(buffer);
            byte[] body = buffer.readByteArray();
            RawHttp.Response response = RawHttp.exchange(h.emulator.socketPath(), "POST", "/v1/files",
                    Map.of("Content-Type", "multipart/form-data; boundary=short-boundary"), body);
            assertEquals(400, response.status());
            assertTrue(response.text().contains("invalid boundary \\\"short-boundary\\\""), response.text());
            assertTrue(h.emulator.file("/tmp/x").isEmpty());
        }
    }

    @Test
    void readWithoutMultipartAcceptIsRefused() throws Exception {
        try (EmulatorHarness h = new EmulatorHarness()) {
            h.emulator.putFile("/etc/app.conf", "x");
            RawHttp.Response response = RawHttp.exchange(h.emulator.socketPath(), "GET",
                    "/v1/files?action=read&path=/etc/app.conf", Map.of(), new byte[0]);
            assertEquals(400, response.status());
            assertTrue(response.text().contains("must accept multipart/form-data"));
            assertEquals("x", h.client.pullText("/etc/app.conf"));
        }
    }
}
