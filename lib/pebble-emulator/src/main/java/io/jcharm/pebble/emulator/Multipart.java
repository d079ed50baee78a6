package io.jcharm.pebble.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@code multipart/form-data} bodies as Pebble's file API uses them (Go's
 * {@code mime/multipart} layout: CRLF line ends, {@code --boundary--} terminator).
 *
 * <pre>{@code
 * String boundary = Multipart.randomBoundary(new SecureRandom());
 * byte[] body = Multipart.write(boundary, List.of(MultipartPart.json("request", json), MultipartPart.file("files", path, bytes)));
 * List<MultipartPart> parts = Multipart.parse(body, boundary);
 * }</pre>
 */
final class Multipart {
    /** Pebble refuses uploads whose boundary is shorter than this ({@code minBoundaryLength}). */
    static final int MIN_BOUNDARY_LENGTH = 32;

    private static final byte[] CRLF = {'\r', '\n'};

    private Multipart() {
    }

    /** A fresh boundary of 60 hex characters (as long as Pebble's own). */
    static String randomBoundary(SecureRandom random) {
        byte[] bytes = new byte[30];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The {@code boundary} parameter of a {@code multipart/...} content type, if there is one. */
    static Optional<String> boundaryOf(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return Optional.empty();
        }
        return Optional.ofNullable(parameters(contentType).get("boundary"));
    }

    /** The body holding {@code parts}, separated by {@code boundary}. */
    static byte[] write(String boundary, List<MultipartPart> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MultipartPart part : parts) {
            ascii(out, "--" + boundary + "\r\n");
            String disposition = "Content-Disposition: form-data; name=\"" + escape(part.name()) + "\""
                    + (part.filename() == null ? "" : "; filename=\"" + escape(part.filename()) + "\"");
            out.writeBytes(disposition.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(CRLF);
            if (part.contentType() != null) {
                ascii(out, "Content-Type: " + part.contentType() + "\r\n");
            }
            out.writeBytes(CRLF);
            out.writeBytes(part.body());
            out.writeBytes(CRLF);
        }
        ascii(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    /**
     * The parts of {@code body}.
     *
     * @throws IllegalArgumentException when the body is not multipart with that boundary
     */
    static List<MultipartPart> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw new IllegalArgumentException("multipart body has no boundary \"" + boundary + "\"");
        }
        List<MultipartPart> parts = new ArrayList<>();
        byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        while (true) {
            pos += delimiter.length;
            if (startsWith(body, pos, new byte[] {'-', '-'})) {
                return parts;
            }
            pos = skipLineEnd(body, pos);
            int headersEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, pos);
            Map<String, String> headers = new LinkedHashMap<>();
            int bodyStart;
            if (startsWith(body, pos, CRLF)) {
                bodyStart = pos + 2; // a part without headers
            } else if (headersEnd < 0) {
                throw new IllegalArgumentException("multipart part has no end of headers");
            } else {
                for (String line : new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8).split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                line.substring(colon + 1).trim());
                    }
                }
                bodyStart = headersEnd + 4;
            }
            int end = indexOf(body, nextDelimiter, bodyStart);
            if (end < 0) {
                throw new IllegalArgumentException("multipart part is not terminated by boundary \"" + boundary + "\"");
            }
            byte[] content = java.util.Arrays.copyOfRange(body, bodyStart, end);
            Map<String, String> disposition = parameters(headers.getOrDefault("content-disposition", ""));
            parts.add(new MultipartPart(disposition.get("name"), disposition.get("filename"),
                    headers.get("content-type"), content, headers));
            pos = end + 2;
        }
    }

    /** Parameters of a header value such as {@code form-data; name="files"; filename="/a"}. */
    static Map<String, String> parameters(String headerValue) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = headerValue.indexOf(';');
        while (i >= 0 && i < headerValue.length()) {
            i++;
            while (i < headerValue.length() && headerValue.charAt(i) == ' ') {
                i++;
            }
            int eq = headerValue.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = headerValue.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            StringBuilder value = new StringBuilder();
            if (j < headerValue.length() && headerValue.charAt(j) == '"') {
                j++;
                while (j < headerValue.length() && headerValue.charAt(j) != '"') {
                    char c = headerValue.charAt(j);
                    if (c == '\\' && j + 1 < headerValue.length()) {
                        c = headerValue.charAt(++j);
                    }
                    value.append(c);
                    j++;
                }
                j++;
            } else {
                while (j < headerValue.length() && headerValue.charAt(j) != ';') {
                    value.append(headerValue.charAt(j++));
                }
            }
            params.put(key, value.toString().trim());
            i = headerValue.indexOf(';', j);
        }
        return params;
    }

    /** Go's mime/multipart quoteEscaper: backslash and quote escaped, CR and LF percent-encoded. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static int skipLineEnd(byte[] body, int pos) {
        while (pos < body.length && (body[pos] == ' ' || body[pos] == '\t')) {
            pos++;
        }
        if (startsWith(body, pos, CRLF)) {
            return pos + 2;
        }
        return pos < body.length && body[pos] == '\n' ? pos + 1 : pos;
    }

    private static boolean startsWith(byte[] body, int pos, byte[] prefix) {
        if (pos + prefix.length > body.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] body, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
