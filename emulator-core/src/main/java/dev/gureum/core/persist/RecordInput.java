package dev.gureum.core.persist;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what {@link RecordOutput} wrote, method for method. */
public final class RecordInput extends DataInputStream {

    private final int length;

    RecordInput(byte[] bytes, int offset, int length) {
        super(new ByteArrayInputStream(bytes, offset, length));
        this.length = length;
    }

    public String readString() throws IOException {
        byte[] bytes = readByteArray();
        return bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    public byte[] readByteArray() throws IOException {
        int size = readInt();
        if (size == -1) {
            return null;
        }
        if (size < 0 || size > length) {
            throw new EOFException("length " + size + " is beyond the record");
        }
        byte[] bytes = new byte[size];
        readFully(bytes);
        return bytes;
    }

    public Instant readInstant() throws IOException {
        if (!readBoolean()) {
            return null;
        }
        long seconds = readLong();
        return Instant.ofEpochSecond(seconds, readInt());
    }

    /** An unmodifiable list, or {@code null}. */
    public List<String> readStringList() throws IOException {
        int size = readCount();
        if (size == -1) {
            return null;
        }
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(readString());
        }
        return Collections.unmodifiableList(values);
    }

    /** An unmodifiable map in the written order, or {@code null}. */
    public Map<String, String> readStringMap() throws IOException {
        int size = readCount();
        if (size == -1) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            values.put(readString(), readString());
        }
        return Collections.unmodifiableMap(values);
    }

    private int readCount() throws IOException {
        int size = readInt();
        if (size < -1 || size > length) {
            throw new EOFException("count " + size + " is beyond the record");
        }
        return size;
    }
}
