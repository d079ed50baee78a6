package io.jcharm.kubernetes.certs;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * The few DER (ITU-T X.690) encodings an X.509 v3 certificate needs, and reading the key bits
 * out of a SubjectPublicKeyInfo. Each method returns one complete TLV (tag, length, value), so
 * structures are built by nesting calls.
 *
 * <pre>{@code
 * byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8("seldon-webhook-ca"))));
 * }</pre>
 *
 * <p>Why not a library: the JDK parses and verifies certificates but has no public API to make
 * one, and Bouncy Castle, the usual answer, was 5.5 MB of a charm that must stay small.
 */
final class Der {
    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Der() {
    }

    static byte[] sequence(byte[]... parts) {
        return tlv(SEQUENCE, concat(parts));
    }

    static byte[] set(byte[]... parts) {
        return tlv(SET, concat(parts));
    }

    static byte[] integer(BigInteger value) {
        // Two's complement, minimal: what DER wants (a positive value gets a leading 0 when needed).
        return tlv(0x02, value.toByteArray());
    }

    static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    static byte[] bool(boolean value) {
        return tlv(0x01, new byte[] {(byte) (value ? 0xff : 0x00)});
    }

    static byte[] octetString(byte[] value) {
        return tlv(0x04, value);
    }

    /** A BIT STRING of whole bytes (signatures, keys). */
    static byte[] bitString(byte[] value) {
        return tlv(0x03, concat(new byte[] {0}, value));
    }

    /**
     * A BIT STRING of named bits (KeyUsage), bit 0 first, trailing zero bits dropped as DER
     * requires.
     */
    static byte[] namedBits(int... bits) {
        int last = Arrays.stream(bits).max().orElseThrow();
        byte[] value = new byte[last / 8 + 1];
        for (int b : bits) {
            value[b / 8] |= (byte) (0x80 >>> (b % 8));
        }
        int unused = 7 - last % 8;
        return tlv(0x03, concat(new byte[] {(byte) unused}, value));
    }

    static byte[] utf8(String s) {
        return tlv(0x0c, s.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 5280: UTCTime up to 2049, GeneralizedTime from 2050, both in UTC with seconds. */
    static byte[] time(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC).withNano(0);
        return z.getYear() < 2050
                ? tlv(0x17, UTC_TIME.format(z).getBytes(StandardCharsets.US_ASCII))
                : tlv(0x18, GENERALIZED_TIME.format(z).getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, new BigInteger(arcs[0]).multiply(BigInteger.valueOf(40)).add(new BigInteger(arcs[1])));
        for (int i = 2; i < arcs.length; i++) {
            base128(out, new BigInteger(arcs[i]));
        }
        return tlv(0x06, out.toByteArray());
    }

    /** {@code [n] EXPLICIT}: the whole TLV of {@code inner} inside a constructed context tag. */
    static byte[] explicit(int n, byte[] inner) {
        return tlv(0xa0 | n, inner);
    }

    /** {@code [n] IMPLICIT} of a primitive type: its value under a context tag (dNSName, keyIdentifier). */
    static byte[] implicitPrimitive(int n, byte[] value) {
        return tlv(0x80 | n, value);
    }

    /** The subjectPublicKey bits of a SubjectPublicKeyInfo (what key identifiers hash). */
    static byte[] publicKeyBits(byte[] spki) {
        int[] outer = header(spki, 0, SEQUENCE);
        int[] algorithm = header(spki, outer[0], SEQUENCE);
        int[] bits = header(spki, algorithm[0] + algorithm[1], 0x03);
        // Skip the unused-bits octet (0 for a key).
        return Arrays.copyOfRange(spki, bits[0] + 1, bits[0] + bits[1]);
    }

    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            byte[] len = BigInteger.valueOf(n).toByteArray();
            int skip = len[0] == 0 ? 1 : 0;
            out.write(0x80 | (len.length - skip));
            out.write(len, skip, len.length - skip);
        }
        out.write(value, 0, n);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    private static void base128(ByteArrayOutputStream out, BigInteger arc) {
        int groups = Math.max(1, (arc.bitLength() + 6) / 7);
        for (int g = groups - 1; g >= 0; g--) {
            int seven = arc.shiftRight(7 * g).intValue() & 0x7f;
            out.write(g > 0 ? seven | 0x80 : seven);
        }
    }

    /** Checks the tag at {@code at}; returns {where the value starts, its length}. */
    private static int[] header(byte[] der, int at, int tag) {
        if (at >= der.length || (der[at] & 0xff) != tag) {
            throw new IllegalArgumentException("not a SubjectPublicKeyInfo: expected tag " + tag + " at offset " + at);
        }
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return new int[] {at + 2, first};
        }
        int count = first & 0x7f;
        int len = 0;
        for (int i = 0; i < count; i++) {
            len = (len << 8) | (der[at + 2 + i] & 0xff);
        }
        return new int[] {at + 2 + count, len};
    }
}
