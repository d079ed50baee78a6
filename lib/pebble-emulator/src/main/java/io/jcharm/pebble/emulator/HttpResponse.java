package io.jcharm.pebble.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A response to write, or (with {@code upgrade}) a websocket that takes the connection over. */
record HttpResponse(int status, String contentType, byte[] body, Upgrade upgrade) {

    /** Runs a websocket session on the upgraded connection; returns when the session ends. */
    interface Upgrade {
        void run(InputStream in, OutputStream out) throws IOException;
    }

    static HttpResponse of(int status, String contentType, byte[] body) {
        return new HttpResponse(status, contentType, body, null);
    }

    static HttpResponse of(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse upgrade(Upgrade session) {
        return new HttpResponse(101, null, new byte[0], session);
    }

    static String reason(int status) {
        switch (status) {
            case 101: return "Switching Protocols";
            case 200: return "OK";
            case 202: return "Accepted";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 504: return "Gateway Timeout";
            default: return "Status " + status;
        }
    }
}
