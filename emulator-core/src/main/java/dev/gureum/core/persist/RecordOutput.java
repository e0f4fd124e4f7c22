package dev.gureum.core.persist;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a {@link RecordType} writes one domain record: {@link java.io.DataOutput}'s primitives plus
 * the shapes domain records are made of. Strings are UTF-8 with an {@code int} length, so they are
 * not bound by {@code writeUTF}'s 64 KiB; {@code null} is written as length -1.
 * {@link RecordInput} reads each method back.
 */
public final class RecordOutput extends DataOutputStream {

    RecordOutput(ByteArrayOutputStream bytes) {
        super(bytes);
    }

    /** A string, or {@code null}. */
    public void writeString(String value) throws IOException {
        if (value == null) {
            writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeInt(bytes.length);
        write(bytes);
    }

    /** A byte array, or {@code null}. */
    public void writeByteArray(byte[] value) throws IOException {
        if (value == null) {
            writeInt(-1);
            return;
        }
        writeInt(value.length);
        write(value);
    }

    /** An instant to the nanosecond, or {@code null}. */
    public void writeInstant(Instant value) throws IOException {
        writeBoolean(value != null);
        if (value != null) {
            writeLong(value.getEpochSecond());
            writeInt(value.getNano());
        }
    }

    /** A list of strings (elements may be {@code null}), or {@code null}. */
    public void writeStringList(List<String> values) throws IOException {
        if (values == null) {
            writeInt(-1);
            return;
        }
        writeInt(values.size());
        for (String value : values) {
            writeString(value);
        }
    }

    /** A map of strings in its iteration order, or {@code null}. */
    public void writeStringMap(Map<String, String> values) throws IOException {
        if (values == null) {
            writeInt(-1);
            return;
        }
        writeInt(values.size());
        for (Map.Entry<String, String> entry : values.entrySet()) {
            writeString(entry.getKey());
            writeString(entry.getValue());
        }
    }
}
