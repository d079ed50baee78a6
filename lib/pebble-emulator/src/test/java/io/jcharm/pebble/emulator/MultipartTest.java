package io.jcharm.pebble.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multipart as Pebble's file API writes it (capture 44) and as our client sends it (capture 41). */
class MultipartTest {
    private static final byte[] CONTENT = "hello from java client test\nbinary\0\1\2 end\n"
            .getBytes(StandardCharsets.ISO_8859_1);

    /** The captured bytes: the files render them cat -A style. */
    private static byte[] rendered(String capture, String from, String until) throws Exception {
        Path path = Path.of(MultipartTest.class.getResource("/pebble-wire/" + capture).toURI());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean on = false;
        for (String line : Files.readAllLines(path, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith(from)) {
                on = true;
            }
            if (on) {
                String text = line.substring(0, line.length() - 1)
                        .replace("^M", "\r").replace("^@", "\0").replace("^A", "\1").replace("^B", "\2");
                out.writeBytes((text + "\n").getBytes(StandardCharsets.ISO_8859_1));
                if (line.startsWith(until)) {
                    break;
                }
            }
        }
        return out.toByteArray();
    }

    @Test
    void parsesPebblesReadResponse() throws Exception {
        String boundary = "37e04d7172ecadddee2b6a0d387d883bf8da0967dc5cb96d20d2f21a8938";
        byte[] body = rendered("44-files-read.txt", "--" + boundary + "^M", "--" + boundary + "--");
        List<MultipartPart> parts = Multipart.parse(body, boundary);
        assertEquals(2, parts.size());
        assertEquals("files", parts.get(0).name());
        assertEquals("/tmp/pebble-java-test/hello.txt", parts.get(0).filename());
        assertArrayEquals(CONTENT, parts.get(0).body());
        assertEquals("response", parts.get(1).name());
        assertTrue(parts.get(1).text().startsWith("{\"type\":\"sync\""));
        assertEquals(boundary, Multipart.boundaryOf("multipart/form-data; boundary=" + boundary).orElseThrow());
    }

    @Test
    void writesTheCapturedUploadByteForByte() throws Exception {
        String boundary = "JavaPebbleClientBoundary0123456789abcdef";
        byte[] captured = rendered("41-files-push-write.txt", "--" + boundary + "^M", "--" + boundary + "--");
        byte[] ours = Multipart.write(boundary, List.of(
                MultipartPart.json("request",
                        "{\"action\":\"write\",\"files\":[{\"path\":\"/tmp/pebble-java-test/hello.txt\",\"permissions\":\"644\"}]}"),
                MultipartPart.file("files", "/tmp/pebble-java-test/hello.txt", CONTENT)));
        assertEquals(new String(captured, StandardCharsets.ISO_8859_1), new String(ours, StandardCharsets.ISO_8859_1));
    }

    @Test
    void randomBoundariesAreLongEnoughForPebble() {
        String boundary = Multipart.randomBoundary(new SecureRandom());
        assertTrue(boundary.length() >= Multipart.MIN_BOUNDARY_LENGTH, boundary);
        assertEquals(false, boundary.equals(Multipart.randomBoundary(new SecureRandom())));
        assertEquals("a b", Multipart.parse(Multipart.write(boundary, List.of(new MultipartPart("f", "a \"q\"",
                null, "a b".getBytes(StandardCharsets.UTF_8), null))), boundary).get(0).text());
        assertEquals("a \"q\"", Multipart.parse(Multipart.write(boundary, List.of(new MultipartPart("f", "a \"q\"",
                null, new byte[0], null))), boundary).get(0).filename());
    }
}
