package io.jcharm.pebble.emulator;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Server side of RFC 6455 framing: unmasks client frames, answers pings and close, sends unmasked frames. */
final class WebSocketConnection {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_MESSAGE = 64 * 1024 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private boolean closeSent;

    /** One complete message: text or binary. */
    record Message(boolean text, byte[] data) {
        String asText() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    WebSocketConnection(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    static String acceptKey(String clientKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((clientKey + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JDK", e);
        }
    }

    /** The next data message, or null once the peer closed (our close reply is sent). */
    Message read() throws IOException {
        ByteArrayOutputStream assembled = new ByteArrayOutputStream();
        int messageOpcode = -1;
        while (true) {
            int b0 = readByte();
            int b1 = readByte();
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0f;
            boolean masked = (b1 & 0x80) != 0;
            long length = b1 & 0x7f;
            if (length == 126) {
                length = (readByte() << 8) | readByte();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte();
                }
            }
            if (length > MAX_MESSAGE) {
                throw new IOException("websocket frame too large: " + length);
            }
            byte[] mask = masked ? in.readNBytes(4) : null;
            byte[] payload = in.readNBytes((int) length);
            if (payload.length != length) {
                throw new EOFException("websocket closed inside a frame");
            }
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
            }
            switch (opcode) {
                case 0x8: // close: echo the status code, as RFC 6455 asks
                    sendFrame(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                    return null;
                case 0x9:
                    sendFrame(0xA, payload);
                    continue;
                case 0xA:
                    continue;
                case 0x0:
                    break;
                default:
                    messageOpcode = opcode;
            }
            assembled.writeBytes(payload);
            if (fin) {
                return new Message(messageOpcode == 0x1, assembled.toByteArray());
            }
        }
    }

    void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendBinary(byte[] data) throws IOException {
        sendFrame(0x2, data);
    }

    /** Sends a normal close (1000) unless one was already sent. */
    void close() throws IOException {
        sendFrame(0x8, new byte[] {0x03, (byte) 0xE8});
    }

    private synchronized void sendFrame(int opcode, byte[] payload) throws IOException {
        if (closeSent) {
            return;
        }
        if (opcode == 0x8) {
            closeSent = true;
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else if (payload.length < 65536) {
            frame.write(126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) (((long) payload.length >>> (8 * i)) & 0xff));
            }
        }
        frame.writeBytes(payload);
        out.write(frame.toByteArray());
        out.flush();
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("websocket connection closed");
        }
        return b;
    }
}
