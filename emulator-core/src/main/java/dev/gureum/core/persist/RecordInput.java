package dev.gureum.core.persist;

import java.io.DataInput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@link RecordOutput} wrote, method for method. It reads the record's bytes in place (start-up
 * decodes every record of a snapshot through it), and a read past the record's end is an
 * {@link EOFException}.
 */
public final class RecordInput implements DataInput, AutoCloseable {

    private final byte[] bytes;
    private final int end;
    private int position;

    RecordInput(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    /** The bytes of the record not read yet. */
    public int available() {
        return end - position;
    }

    public String readString() throws IOException {
        int size = readLength();
        if (size == -1) {
            return null;
        }
        String value = new String(bytes, position, size, StandardCharsets.UTF_8);
        position += size;
        return value;
    }

    /** A string that many records repeat (a name, an account, a type), shared between them: {@link SharedStrings}. */
    public String readSharedString() throws IOException {
        return SharedStrings.of(readString());
    }

    public byte[] readByteArray() throws IOException {
        int size = readLength();
        if (size == -1) {
            return null;
        }
        byte[] value = new byte[size];
        readFully(value);
        return value;
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
        Map<String, String> values = new LinkedHashMap<>(Math.max(4, size * 4 / 3 + 1));
        for (int i = 0; i < size; i++) {
            values.put(readString(), readString());
        }
        return Collections.unmodifiableMap(values);
    }

    @Override
    public void readFully(byte[] b) throws IOException {
        readFully(b, 0, b.length);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
        need(len);
        System.arraycopy(bytes, position, b, off, len);
        position += len;
    }

    @Override
    public int skipBytes(int n) {
        int skipped = Math.max(0, Math.min(n, available()));
        position += skipped;
        return skipped;
    }

    @Override
    public boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    @Override
    public byte readByte() throws IOException {
        need(1);
        return bytes[position++];
    }

    @Override
    public int readUnsignedByte() throws IOException {
        return readByte() & 0xFF;
    }

    @Override
    public short readShort() throws IOException {
        need(2);
        short value = (short) (((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF));
        position += 2;
        return value;
    }

    @Override
    public int readUnsignedShort() throws IOException {
        return readShort() & 0xFFFF;
    }

    @Override
    public char readChar() throws IOException {
        return (char) readShort();
    }

    @Override
    public int readInt() throws IOException {
        need(4);
        int p = position;
        position += 4;
        return ((bytes[p] & 0xFF) << 24) | ((bytes[p + 1] & 0xFF) << 16) | ((bytes[p + 2] & 0xFF) << 8)
                | (bytes[p + 3] & 0xFF);
    }

    @Override
    public long readLong() throws IOException {
        return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    /** Records hold no lines. */
    @Override
    public String readLine() {
        throw new UnsupportedOperationException("records hold no lines");
    }

    /** {@link java.io.DataOutput#writeUTF}'s form: a two-byte length and modified UTF-8. */
    @Override
    public String readUTF() throws IOException {
        int size = readUnsignedShort();
        need(size);
        byte[] encoded = new byte[size + 2];
        encoded[0] = (byte) (size >>> 8);
        encoded[1] = (byte) size;
        System.arraycopy(bytes, position, encoded, 2, size);
        position += size;
        return new java.io.DataInputStream(new java.io.ByteArrayInputStream(encoded)).readUTF();
    }

    @Override
    public void close() {
    }

    private int readLength() throws IOException {
        int size = readInt();
        if (size == -1) {
            return -1;
        }
        if (size < 0 || size > available()) {
            throw new EOFException("length " + size + " is beyond the record");
        }
        return size;
    }

    private int readCount() throws IOException {
        int size = readInt();
        if (size < -1 || size > available()) {
            throw new EOFException("count " + size + " is beyond the record");
        }
        return size;
    }

    private void need(int count) throws EOFException {
        if (count < 0 || count > end - position) {
            throw new EOFException("the record ends before " + count + " more bytes");
        }
    }
}
