package dev.gureum.sns.delivery;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few ASN.1 DER encodings an X.509 certificate needs (ITU-T X.690): each value is a tag, a
 * definite length and the content.
 */
final class Der {

    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private Der() {
    }

    static byte[] sequence(byte[]... items) {
        return tlv(0x30, concat(items));
    }

    static byte[] set(byte[]... items) {
        return tlv(0x31, concat(items));
    }

    static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    static byte[] bool(boolean value) {
        return tlv(0x01, new byte[] {(byte) (value ? 0xFF : 0x00)});
    }

    static byte[] nothing() {
        return tlv(0x05, new byte[0]);
    }

    static byte[] utf8(String text) {
        return tlv(0x0C, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] printable(String text) {
        return tlv(0x13, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A bit string of whole bytes, and of {@code unusedBits} fewer bits at the end. */
    static byte[] bitString(byte[] bits, int unusedBits) {
        byte[] content = new byte[bits.length + 1];
        content[0] = (byte) unusedBits;
        System.arraycopy(bits, 0, content, 1, bits.length);
        return tlv(0x03, content);
    }

    static byte[] octetString(byte[] bytes) {
        return tlv(0x04, bytes);
    }

    /** An explicitly tagged, context-specific value: {@code [tag] EXPLICIT}. */
    static byte[] explicit(int tag, byte[] value) {
        return tlv(0xA0 | tag, value);
    }

    /** An implicitly tagged, context-specific primitive value, such as a dNSName ({@code [2] IA5String}). */
    static byte[] implicitPrimitive(int tag, byte[] content) {
        return tlv(0x80 | tag, content);
    }

    /** X.509 validity times: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280, 4.1.2.5). */
    static byte[] time(Instant instant) {
        int year = instant.atZone(ZoneOffset.UTC).getYear();
        return year < 2050
                ? tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII))
                : tlv(0x18, GENERALIZED_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            long arc = Long.parseLong(parts[i]);
            // base 128, most significant group first, every byte but the last with the high bit set
            int groups = 1;
            for (long rest = arc >>> 7; rest != 0; rest >>>= 7) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int b = (int) ((arc >>> (7 * g)) & 0x7F);
                out.write(g == 0 ? b : b | 0x80);
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
