package io.jcharm.core.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a log message into pieces whose UTF-8 form fits in one argv string; package-private
 * helper of {@link ExecHookTools#jujuLog}.
 */
final class LogChunks {

    private LogChunks() {
    }

    /**
     * Pieces of at most {@code maxBytes} UTF-8 bytes each, cut between code points. The limit
     * is in bytes, not characters, because the kernel's per-argument limit is: a message of
     * 70,000 accented letters would otherwise fail with "Argument list too long".
     */
    static List<String> split(String message, int maxBytes) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        int i = 0;
        while (i < message.length()) {
            int cp = message.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) {
                chunks.add(message.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        chunks.add(message.substring(start));
        return chunks;
    }
}
