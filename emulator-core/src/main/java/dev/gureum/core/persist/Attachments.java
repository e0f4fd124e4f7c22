package dev.gureum.core.persist;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;

/**
 * Bytes a service keeps in files of its own rather than in records (S3 object bodies, Lambda code),
 * named by the records that use them. A state file carries them next to the records, so that a state
 * loaded elsewhere is whole.
 */
public interface Attachments {

    /** A service whose records are all of its state. */
    Attachments NONE = new Attachments() {
        @Override
        public Collection<String> of(Object record) {
            return List.of();
        }

        @Override
        public InputStream open(String name) throws IOException {
            throw new java.nio.file.NoSuchFileException(name);
        }

        @Override
        public void store(String name, InputStream bytes) throws IOException {
            throw new IOException("This state has no attachments, yet a state file names '" + name + "'");
        }
    };

    /** The names of the attachments {@code record} refers to (none for most records). */
    Collection<String> of(Object record);

    /**
     * The bytes of an attachment, for an export.
     *
     * @throws java.nio.file.NoSuchFileException if it is gone (its record was replaced meanwhile)
     */
    InputStream open(String name) throws IOException;

    /**
     * Keeps loaded bytes under {@code name}, where the records that name it will find them, forced to the
     * disk before it returns. Called while a state file is loaded: after the state was cleared (so
     * {@link DurableState#clear()} may delete the service's files), before its records are applied.
     */
    void store(String name, InputStream bytes) throws IOException;
}
