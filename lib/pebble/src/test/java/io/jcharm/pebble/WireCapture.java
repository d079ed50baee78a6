package io.jcharm.pebble;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One capture file of src/test/resources/pebble-wire (a real Pebble 1.32 session; see README.md):
 * the request ({@code >>>} lines, some bodies rendered {@code cat -A} style) and the captured
 * status code and JSON envelope.
 */
record WireCapture(String name, String method, String target, Map<String, String> headers, byte[] body,
        int expectedStatus, String expectedEnvelope, List<String> responseLines) {

    static WireCapture read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        String[] request = lines.get(0).substring(4).split(" ");
        String method = request[0];
        String target = request[1];
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = new byte[0];
        int i = 1;
        for (; i < lines.size() && lines.get(i).startsWith(">>> "); i++) {
            String line = lines.get(i).substring(4);
            if (line.startsWith("body: ")) {
                body = line.substring(6).getBytes(StandardCharsets.UTF_8);
                headers.put("Content-Type", "application/json");
            } else if (line.startsWith("Content-Type: ")) {
                headers.put("Content-Type", line.substring(14));
            } else if (line.startsWith("raw body")) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                for (i++; i < lines.size() && !lines.get(i).isEmpty(); i++) {
                    raw.writeBytes(uncatA(lines.get(i)));
                }
                body = raw.toByteArray();
                break;
            }
        }
        if (lines.get(0).contains("{\"command\"")) { // 62: the JSON body follows the path on the request line
            body = lines.get(0).substring(lines.get(0).indexOf('{')).getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", "application/json");
        }
        int status = -1;
        String envelope = null;
        List<String> response = new ArrayList<>();
        for (; i < lines.size(); i++) {
            String line = new String(uncatA(lines.get(i)), StandardCharsets.ISO_8859_1).strip();
            if (status < 0 && line.startsWith("HTTP/1.1 ")) {
                status = Integer.parseInt(line.split(" ")[1]);
            } else if (status >= 0) {
                response.add(line);
                if (envelope == null && line.startsWith("{\"type\"")) {
                    envelope = new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                }
            }
        }
        return new WireCapture(file.getFileName().toString(), method, target, headers, body, status, envelope,
                response);
    }

    /** Undoes {@code cat -A}: {@code ^M} is CR, {@code ^@}..{@code ^_} control bytes, a trailing {@code $} the newline. */
    static byte[] uncatA(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean rendered = line.endsWith("$");
        String text = rendered ? line.substring(0, line.length() - 1) : line;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (rendered && c == '^' && i + 1 < text.length() && text.charAt(i + 1) >= '@' && text.charAt(i + 1) <= '_') {
                out.write(text.charAt(++i) - 64);
            } else {
                out.write(c);
            }
        }
        if (rendered) {
            out.write('\n');
        }
        return out.toByteArray();
    }
}
