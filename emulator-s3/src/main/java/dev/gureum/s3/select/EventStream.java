package dev.gureum.s3.select;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * The answer of SelectObjectContent: messages of AWS's event stream encoding
 * ({@code application/vnd.amazon.eventstream}), each a prelude (total length, headers length, the prelude's
 * CRC32), string headers ({@code :message-type}, {@code :event-type}, {@code :content-type}), the payload
 * and the CRC32 of the whole message. The output is opened at the first message, so that a refusal
 * before any can still be answered as an HTTP error.
 */
public final class EventStream {

    private static final byte STRING = 7;

    private final Supplier<OutputStream> opener;
    private OutputStream out;

    public EventStream(Supplier<OutputStream> opener) {
        this.opener = opener;
    }

    /** Whether a message has been sent (the HTTP answer has started). */
    public boolean started() {
        return out != null;
    }

    void records(byte[] payload, int length) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", "Records");
        headers.put(":content-type", "application/octet-stream");
        headers.put(":message-type", "event");
        send(headers, payload, length);
    }

    void stats(String element, long scanned, long processed, long returned) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", element);
        headers.put(":content-type", "text/xml");
        headers.put(":message-type", "event");
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + element + "><BytesScanned>" + scanned
                + "</BytesScanned><BytesProcessed>" + processed + "</BytesProcessed><BytesReturned>" + returned
                + "</BytesReturned></" + element + ">").getBytes(StandardCharsets.UTF_8);
        send(headers, xml, xml.length);
    }

    /** {@code Cont}: keeps the connection alive while a scan finds nothing to send. */
    void keepAlive() {
        send(Map.of(":event-type", "Cont", ":message-type", "event"), new byte[0], 0);
    }

    void end() {
        send(Map.of(":event-type", "End", ":message-type", "event"), new byte[0], 0);
    }

    /** An error after the answer has started: the stream's last message. */
    public void error(String code, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":error-code", code);
        headers.put(":error-message", message);
        headers.put(":message-type", "error");
        send(headers, new byte[0], 0);
    }

    /** One message, written and flushed. */
    private void send(Map<String, String> headers, byte[] payload, int length) {
        byte[] message = encode(headers, payload, length);
        try {
            if (out == null) {
                out = opener.get();
            }
            out.write(message);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(Map<String, String> headers, byte[] payload, int length) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : headers.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
            h.write(name.length);
            h.writeBytes(name);
            h.write(STRING);
            h.write(value.length >> 8);
            h.write(value.length & 0xff);
            h.writeBytes(value);
        }
        byte[] headerBytes = h.toByteArray();
        int total = 12 + headerBytes.length + length + 4;
        ByteBuffer message = ByteBuffer.allocate(total);
        message.putInt(total).putInt(headerBytes.length);
        CRC32 crc = new CRC32();
        crc.update(message.array(), 0, 8);
        message.putInt((int) crc.getValue());
        message.put(headerBytes).put(payload, 0, length);
        crc.reset();
        crc.update(message.array(), 0, total - 4);
        message.putInt((int) crc.getValue());
        return message.array();
    }
}
