package dev.gureum.core.persist;

import java.io.IOException;
import java.util.Objects;

/**
 * How one kind of domain record is kept in a journal: a tag that names it on disk (1 to 65535, never
 * reused for another kind), the version its writer writes, and small functions that write and read
 * it. A reader is given the version the record was written with, so a record written by an older
 * Gureum is read by a newer one: raise the version when the written shape changes, and keep a branch
 * for each older version in the reader.
 *
 * @param <T> the domain record
 */
public record RecordType<T>(int tag, Class<T> type, int version, Writer<T> writer, Reader<T> reader) {

    /** Writes the record's fields. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(T record, RecordOutput out) throws IOException;
    }

    /** Reads the fields of a record written with {@code version} (at most the type's version). */
    @FunctionalInterface
    public interface Reader<T> {
        T read(RecordInput in, int version) throws IOException;
    }

    public RecordType {
        if (tag < 1 || tag > 0xFFFF) {
            throw new IllegalArgumentException("A record tag is 1 to 65535, not " + tag);
        }
        if (version < 1 || version > 0xFF) {
            throw new IllegalArgumentException("A record version is 1 to 255, not " + version);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(reader, "reader");
    }

    public static <T> RecordType<T> of(int tag, Class<T> type, int version, Writer<T> writer, Reader<T> reader) {
        return new RecordType<>(tag, type, version, writer, reader);
    }

    /** The name used in messages about this type. */
    public String name() {
        return type.getSimpleName();
    }
}
