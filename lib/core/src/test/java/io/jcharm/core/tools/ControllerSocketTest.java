package io.jcharm.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ExecHookTools} under jcharm's local model ({@code JCHARM_HOOK_TOOLS=socket}) against a
 * server that answers with bytes written out here: the request is the controller's wire format
 * exactly (lib/local's contract test holds it against the real server), no process is started,
 * and a silent or vanished controller fails the tool.
 */
class ControllerSocketTest {
    ServerSocket server;
    CompletableFuture<String> request;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    /** Answers one connection with {@code answer} once the request (ending at {@code end}) is in; the request is kept. */
    private void answerOnce(String end, String answer) {
        request = CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                while (!got.toString(StandardCharsets.UTF_8).endsWith(end)) {
                    int c = in.read();
                    if (c < 0) {
                        break;
                    }
                    got.write(c);
                }
                s.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                return got.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private ExecHookTools tools(Duration timeout) {
        // No PATH: a tool started as a process could not be found.
        return new ExecHookTools(Map.of("JCHARM_HOOK_TOOLS", "socket", "JUJU_CONTEXT_ID", "hello-0-abc",
                "JUJU_AGENT_SOCKET_ADDRESS", "127.0.0.1:" + server.getLocalPort()), timeout);
    }

    @Test
    void sendsTheScriptsRequestAndParsesTheAnswer() throws Exception {
        answerOnce("-1\n", "0 19 0 0\n{\"greeting\":\"h\u00e9\"}\n");
        assertEquals(Map.of("greeting", "h\u00e9"), tools(Duration.ofSeconds(10)).configGet());
        String cwd = System.getProperty("user.dir");
        assertEquals("JCHARM-TOOLS 1\n11\nhello-0-abc" + cwd.getBytes(StandardCharsets.UTF_8).length + "\n" + cwd
                + "2\n10\nconfig-get13\n--format=json-1\n", request.get(10, TimeUnit.SECONDS));
    }

    @Test
    void sendsStdinOnlyForFileDashAndCountsBytesNotCharacters() throws Exception {
        answerOnce("}", "0 0 0 0\n");
        tools(Duration.ofSeconds(10)).stateSet(Map.of("k\u00e9", "v"));
        String sent = request.get(10, TimeUnit.SECONDS);
        assertTrue(sent.endsWith("3\n9\nstate-set6\n--file1\n-11\n{\"k\u00e9\":\"v\"}"), sent);
    }

    @Test
    void aFailedToolKeepsItsExitCodeAndStderr() {
        answerOnce("-1\n", "2 0 61\nERROR invalid value \"db:9\" for option -r: relation not found\n");
        RelationNotFoundException e = assertThrows(RelationNotFoundException.class,
                () -> tools(Duration.ofSeconds(10)).relationList(new RelationRef("db", 9)));
        assertEquals(2, e.exitCode());
        assertEquals("ERROR invalid value \"db:9\" for option -r: relation not found\n", e.stderr());
    }

    @Test
    void anAnswerCutShortFailsTheTool() {
        answerOnce("-1\n", "0 10 0 0\nabc");
        HookToolException e = assertThrows(HookToolException.class, () -> tools(Duration.ofSeconds(10)).isLeader());
        assertEquals(-1, e.exitCode());
        assertTrue(e.getMessage().contains("closed after 3 of 10 bytes of output"), e.getMessage());
    }

    @Test
    void aSilentControllerTimesOutAndAGoneOneSaysSo() throws Exception {
        answerOnce("never", "");
        HookToolException slow = assertThrows(HookToolException.class, () -> tools(Duration.ofMillis(300)).isLeader());
        assertTrue(slow.getMessage().contains("did not finish within 300 ms"), slow.getMessage());
        server.close();
        HookToolException gone = assertThrows(HookToolException.class, () -> tools(Duration.ofSeconds(10)).isLeader());
        assertEquals(List.of("is-leader", "--format=json"), gone.command());
        assertTrue(gone.getMessage().contains("the jcharm controller at 127.0.0.1:" + server.getLocalPort() + " did not answer"),
                gone.getMessage());
    }

    @Test
    void askingForTheSocketWithoutAnAddressIsRefusedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExecHookTools(Map.of("JCHARM_HOOK_TOOLS", "socket", "JUJU_CONTEXT_ID", "x")));
        assertEquals("JCHARM_HOOK_TOOLS=socket needs JUJU_AGENT_SOCKET_ADDRESS as host:port (got \"\") and JUJU_CONTEXT_ID"
                + " (set): only jcharm's local model sets it; unset JCHARM_HOOK_TOOLS to run the hook tools as processes",
                e.getMessage());
    }
}
