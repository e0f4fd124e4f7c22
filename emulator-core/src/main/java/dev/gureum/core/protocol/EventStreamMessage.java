package dev.gureum.core.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * One message of AWS's event-stream encoding ({@code application/vnd.amazon.eventstream}), as streamed
 * answers carry their events: a prelude (total length, headers length, the prelude's CRC32), headers
 * (here string-valued, type 7), the payload, and the CRC32 of everything before it. Numbers are big-endian.
 */
public final class EventStreamMessage {

    private static final int PRELUDE = 12;
    private static final int TRAILER = 4;
    private static final byte STRING = 7;

    private EventStreamMessage() {
    }

    /** An event: {@code :message-type} {@code event}, with its type and the payload's content type. */
    public static byte[] event(String eventType, String contentType, byte[] payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", eventType);
        headers.put(":content-type", contentType);
        headers.put(":message-type", "event");
        return encode(headers, payload);
    }

    /** A message with these string headers, in order. */
    public static byte[] encode(Map<String, String> headers, byte[] payload) {
        int headersLength = 0;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            headersLength += 1 + utf8(h.getKey()).length + 1 + 2 + utf8(h.getValue()).length;
        }
        int total = PRELUDE + headersLength + payload.length + TRAILER;
        ByteBuffer out = ByteBuffer.allocate(total);
        out.putInt(total).putInt(headersLength);
        out.putInt((int) crc(out.array(), 0, 8));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            byte[] name = utf8(h.getKey());
            byte[] value = utf8(h.getValue());
            out.put((byte) name.length).put(name).put(STRING).putShort((short) value.length).put(value);
        }
        out.put(payload);
        out.putInt((int) crc(out.array(), 0, total - TRAILER));
        return out.array();
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
