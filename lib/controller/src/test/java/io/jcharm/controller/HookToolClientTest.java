package io.jcharm.controller;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bash hook-tool client against the real server: bytes in, bytes out, exactly. */
class HookToolClientTest {
    @TempDir
    static Path dir;
    static HookToolServer server;
    static Path bin;

    @BeforeAll
    static void start() {
        server = HookToolServer.start();
        bin = ToolsDir.install(dir.resolve("bin"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Result(int exit, byte[] out, byte[] err) {
    }

    static Result run(String context, List<String> argv, byte[] stdin) throws Exception {
        return run(context, argv, stdin, System.getenv("PATH"));
    }

    static Result run(String context, List<String> argv, byte[] stdin, String path) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(bin.resolve(argv.get(0)).toString());
        cmd.addAll(argv.subList(1, argv.size()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", path);
        env.put("JUJU_AGENT_SOCKET_ADDRESS", server.address());
        env.put("JUJU_CONTEXT_ID", context);
        env.put("TMPDIR", dir.toString());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread pump = new Thread(() -> {
            try (InputStream e = p.getErrorStream()) {
                e.transferTo(err);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        pump.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the client did not finish");
        pump.join(5000);
        return new Result(p.exitValue(), out, err.toByteArray());
    }

    @Test
    void roundTripsArgvStdinStdoutStderrAndExitCodeByteForByte() throws Exception {
        AtomicReference<ToolCall> seen = new AtomicReference<>();
        byte[] binary = new byte[70_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        byte[] errBytes = "ERROR line one\n\0 second \u00e9 line\n".getBytes(StandardCharsets.UTF_8);
        String ctx = server.register("hello/0", call -> {
            seen.set(call);
            return new ToolReply(7, binary, errBytes);
        });
        List<String> argv = List.of("relation-set", "-r", "greeting:1", "with space", "new\nline", "",
                "\u00fcnic\u00f6de \u2603", "--file", "-");
        byte[] stdin = new byte[300_000];
        for (int i = 0; i < stdin.length; i++) {
            stdin[i] = (byte) (255 - i % 256);
        }
        Result r = run(ctx, argv, stdin);
        assertEquals(7, r.exit());
        assertArrayEquals(binary, r.out());
        assertArrayEquals(errBytes, r.err());
        assertEquals(argv, seen.get().argv());
        assertArrayEquals(stdin, seen.get().stdin().orElseThrow());
        assertEquals(dir.toRealPath().toString(), Path.of(seen.get().cwd()).toRealPath().toString());
        server.unregister(ctx);
    }

    /**
     * Every shape of answer comes back exactly, and only a stdout bash cannot hold (a NUL byte) or
     * that is large starts a head process: a head on the PATH that logs its calls tells.
     */
    @Test
    void replaysEveryShapeOfAnswerAndStartsHeadOnlyForNulOrLargeStdout() throws Exception {
        Path shims = Files.createDirectories(dir.resolve("shims"));
        Path log = dir.resolve("head-calls.log");
        Path head = shims.resolve("head");
        String realHead = Files.exists(Path.of("/usr/bin/head")) ? "/usr/bin/head" : "/bin/head";
        Files.writeString(head, "#!/bin/sh\necho \"$*\" >> '" + log + "'\nexec " + realHead + " \"$@\"\n");
        assertTrue(head.toFile().setExecutable(true));
        String path = shims + ":" + System.getenv("PATH");
        byte[] text64k = new byte[65_536];
        for (int i = 0; i < text64k.length; i++) {
            text64k[i] = (byte) (i % 97 == 0 ? '\n' : 1 + i % 255); // every byte value but NUL
        }
        byte[] large = new byte[65_537];
        java.util.Arrays.fill(large, (byte) 'x');
        record Shape(String name, ToolReply reply, boolean head) {
        }
        List<Shape> shapes = List.of(
                new Shape("a NUL in stdout", new ToolReply(0, "a\0b\0\0c\n".getBytes(StandardCharsets.UTF_8),
                        "err\n".getBytes(StandardCharsets.UTF_8)), true),
                new Shape("leading spaces, a backslash and trailing newlines", new ToolReply(3,
                        "  \tlead \\n\r\n\n\n".getBytes(StandardCharsets.UTF_8), new byte[0]), false),
                new Shape("nothing on stdout, stderr only", ToolReply.error(2, "no such relation"), false),
                new Shape("both streams, non-ASCII", new ToolReply(5, "{\"k\": \"\u00e9\u2603\"}\n".getBytes(StandardCharsets.UTF_8),
                        "ERROR  two\n\n".getBytes(StandardCharsets.UTF_8)), false),
                new Shape("64 KiB of every byte but NUL", new ToolReply(0, text64k, "tail".getBytes(StandardCharsets.UTF_8)), false),
                new Shape("one byte above 64 KiB", new ToolReply(0, large, "tail".getBytes(StandardCharsets.UTF_8)), true));
        for (Shape shape : shapes) {
            Files.deleteIfExists(log);
            String ctx = server.register("hello/0", call -> shape.reply());
            Result r = run(ctx, List.of("relation-get", "-"), null, path);
            server.unregister(ctx);
            assertEquals(shape.reply().exit(), r.exit(), shape.name());
            assertArrayEquals(shape.reply().stdout(), r.out(), shape.name());
            assertArrayEquals(shape.reply().stderr(), r.err(), shape.name());
            assertEquals(shape.head(), Files.exists(log), shape.name() + ": a head process was "
                    + (shape.head() ? "" : "not ") + "needed");
        }
    }

    /** An answer cut short (the controller died mid-reply) fails the tool instead of passing for a shorter output. */
    @Test
    void aStdoutCutShortFailsTheTool() throws Exception {
        try (java.net.ServerSocket cut = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (java.net.Socket s = cut.accept()) {
                    InputStream in = s.getInputStream();
                    String request = "";
                    while (!request.endsWith("config-get-1\n")) { // the request ends with argv, then "no stdin"
                        int c = in.read();
                        if (c < 0) {
                            throw new IOException("the client closed before the end of its request: " + request);
                        }
                        request += (char) c;
                    }
                    s.getOutputStream().write("0 10 0 0\nabc".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            answer.start();
            ProcessBuilder pb = new ProcessBuilder(bin.resolve("config-get").toString()).directory(dir.toFile());
            pb.environment().put("JUJU_AGENT_SOCKET_ADDRESS", "127.0.0.1:" + cut.getLocalPort());
            pb.environment().put("JUJU_CONTEXT_ID", "hello-0-cut");
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            answer.join(5000);
            assertEquals(1, p.exitValue(), err);
            assertEquals(0, out.length, "no partial output passes for the whole");
            assertEquals("ERROR config-get: the jcharm controller closed the connection after 3 of 10 bytes of output\n", err);
        }
    }

    @Test
    void readsStdinOnlyForFileDash() throws Exception {
        AtomicReference<ToolCall> seen = new AtomicReference<>();
        String ctx = server.register("hello/0", call -> {
            seen.set(call);
            return ToolReply.out("{}");
        });
        Result r = run(ctx, List.of("relation-get", "--format=json", "-", "other/0"), "ignored".getBytes());
        assertEquals(0, r.exit());
        assertEquals("{}", new String(r.out(), StandardCharsets.UTF_8));
        assertTrue(seen.get().stdin().isEmpty());
        Result empty = run(ctx, List.of("state-set", "--file=-"), new byte[0]);
        assertEquals(0, empty.exit());
        assertEquals(0, seen.get().stdin().orElseThrow().length);
        server.unregister(ctx);
    }

    @Test
    void refusesUnknownAndExpiredContexts() throws Exception {
        Map<String, Integer> calls = new HashMap<>();
        String ctx = server.register("hello/0", call -> {
            calls.merge("n", 1, Integer::sum);
            return ToolReply.out("true");
        });
        assertEquals(0, run(ctx, List.of("is-leader", "--format=json"), null).exit());
        Result forged = run(ctx + "0", List.of("is-leader", "--format=json"), null);
        assertEquals(1, forged.exit());
        assertTrue(new String(forged.err(), StandardCharsets.UTF_8).contains("unknown context"),
                new String(forged.err(), StandardCharsets.UTF_8));
        server.unregister(ctx);
        Result expired = run(ctx, List.of("is-leader", "--format=json"), null);
        assertEquals(1, expired.exit());
        assertEquals(0, expired.out().length);
        assertEquals(1, calls.get("n"), "neither refused call may reach the handler");
    }

    @Test
    void theScriptStartsBashItselfAndATwoStreamSilentAnswerNeedsNoOtherProcess() throws Exception {
        String first = Files.readAllLines(bin.resolve(ToolsDir.CLIENT)).get(0);
        assertTrue(first.equals("#!/bin/bash") || first.equals("#!/usr/bin/bash"), "no env process per call: " + first);
        String ctx = server.register("hello/0", call -> new ToolReply(0, new byte[0], new byte[0]));
        Result r = run(ctx, List.of("status-set", "active", "ready"), null);
        assertEquals(0, r.exit());
        assertEquals(0, r.out().length);
        assertEquals(0, r.err().length);
        server.unregister(ctx);
    }

    @Test
    void aReusedDirectoryGetsItsOldToolLinksReplaced() throws IOException {
        Path reused = Files.createDirectories(dir.resolve("reused"));
        Files.writeString(reused.resolve("fake-jujuc"), "#!/bin/sh\necho stale\n");
        Files.createSymbolicLink(reused.resolve("relation-get"), Path.of("fake-jujuc"));
        ToolsDir.install(reused);
        assertEquals(Path.of(ToolsDir.CLIENT), Files.readSymbolicLink(reused.resolve("relation-get")),
                "a link from an older tool set must not keep answering in place of the controller");
    }

    @Test
    void saysWhatIsWrongOutsideAHook() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(bin.resolve("is-leader").toString());
        pb.environment().remove("JUJU_CONTEXT_ID");
        pb.environment().remove("JUJU_AGENT_SOCKET_ADDRESS");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        assertTrue(out.contains("is-leader") && out.contains("JUJU_CONTEXT_ID"), out);
        assertTrue(Files.isSymbolicLink(bin.resolve("relation-get")));
    }
}
