package dev.gureum.core.persist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The record types one journal keeps, and the encoding of a record: its tag (two bytes), the version
 * it was written with (one byte), then what its {@link RecordType.Writer} wrote.
 */
public final class RecordTypes {

    private final Map<Integer, RecordType<?>> byTag = new HashMap<>();
    private final Map<Class<?>, RecordType<?>> byClass = new HashMap<>();

    private RecordTypes(List<RecordType<?>> types) {
        for (RecordType<?> type : types) {
            if (byTag.putIfAbsent(type.tag(), type) != null) {
                throw new IllegalArgumentException("Record tag " + type.tag() + " is used twice");
            }
            if (byClass.putIfAbsent(type.type(), type) != null) {
                throw new IllegalArgumentException("Record class " + type.type().getName() + " is registered twice");
            }
        }
    }

    public static RecordTypes of(RecordType<?>... types) {
        return new RecordTypes(List.of(types));
    }

    public static RecordTypes of(List<RecordType<?>> types) {
        return new RecordTypes(List.copyOf(types));
    }

    /** The types, for a journal that holds these and others. */
    public List<RecordType<?>> all() {
        return List.copyOf(byTag.values());
    }

    /** Whether the record's class is one of these types. */
    public boolean knows(Object record) {
        return byClass.containsKey(record.getClass());
    }

    /** The record's bytes; a record of a class not registered here is a programming error. */
    byte[] encode(Object record) {
        RecordType<?> type = typeOf(record);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (RecordOutput out = new RecordOutput(bytes)) {
            out.writeShort(type.tag());
            out.writeByte(type.version());
            write(type, record, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The record as a whole frame ({@link Frames#frame} of {@link #encode}), written into a buffer the
     * thread keeps, so that a record costs one array of its own size: appends run on request paths.
     */
    byte[] encodeFrame(Object record) {
        RecordType<?> type = typeOf(record);
        FrameBuffer buffer = FRAME_BUFFER.get();
        buffer.reset();
        try (RecordOutput out = new RecordOutput(buffer)) {
            out.write(FRAME_HEADER_SPACE);
            out.writeShort(type.tag());
            out.writeByte(type.version());
            write(type, record, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] frame = Frames.frameInPlace(buffer.bytes(), buffer.size());
        if (buffer.bytes().length > KEPT_BUFFER) {
            FRAME_BUFFER.remove(); // a rare large record does not stay in memory with the thread
        }
        return frame;
    }

    private static final byte[] FRAME_HEADER_SPACE = new byte[Frames.FRAME_HEADER];
    private static final int KEPT_BUFFER = 256 << 10;
    private static final ThreadLocal<FrameBuffer> FRAME_BUFFER = ThreadLocal.withInitial(FrameBuffer::new);

    /** A byte stream whose array is read in place. */
    private static final class FrameBuffer extends ByteArrayOutputStream {
        FrameBuffer() {
            super(8 << 10);
        }

        byte[] bytes() {
            return buf;
        }
    }

    private RecordType<?> typeOf(Object record) {
        RecordType<?> type = byClass.get(record.getClass());
        if (type == null) {
            throw new IllegalArgumentException("No record type is registered for " + record.getClass().getName());
        }
        return type;
    }

    @SuppressWarnings("unchecked")
    private static <T> void write(RecordType<T> type, Object record, RecordOutput out) throws IOException {
        type.writer().write((T) record, out);
    }

    /**
     * The record in {@code payload}. {@code where} names the file and offset for the messages of a
     * record this Gureum cannot read.
     */
    Object decode(byte[] payload, int offset, int length, Supplier<String> where) {
        if (length < 3) {
            throw damaged(where.get(), "a record of " + length + " bytes is too short");
        }
        int tag = ((payload[offset] & 0xFF) << 8) | (payload[offset + 1] & 0xFF);
        int version = payload[offset + 2] & 0xFF;
        RecordType<?> type = byTag.get(tag);
        if (type == null) {
            throw new PersistenceException(PersistenceException.Reason.NEWER_FORMAT,
                    where.get() + " holds a record of type " + tag + ", which this Gureum does not know: it was written by"
                            + " a newer Gureum. Start that version (or a newer one) on this directory.");
        }
        if (version > type.version()) {
            throw new PersistenceException(PersistenceException.Reason.NEWER_FORMAT,
                    where.get() + " holds a " + type.name() + " record of version " + version + "; this Gureum reads up to "
                            + type.version() + ". Start the newer Gureum that wrote it (or a newer one) on this directory.");
        }
        try (RecordInput in = new RecordInput(payload, offset + 3, length - 3)) {
            Object record = type.reader().read(in, version);
            if (in.available() != 0) {
                throw damaged(where.get(), "the " + type.name() + " record has " + in.available() + " bytes its reader left");
            }
            return record;
        } catch (IOException e) {
            throw damaged(where.get(), "the " + type.name() + " record could not be read (" + e.getMessage() + ")");
        }
    }

    private static PersistenceException damaged(String where, String what) {
        return new PersistenceException(PersistenceException.Reason.DAMAGED,
                where + " is damaged: " + what + ". Restore the data directory from a backup.");
    }
}
