package dev.gureum.core.persist;

/**
 * A data directory Gureum cannot use as it is. The message is one line for the user: what is wrong,
 * where, and what to do.
 */
public final class PersistenceException extends RuntimeException {

    /** Why a directory or a write was refused. */
    public enum Reason {
        /** Another Gureum holds the directory's lock. */
        LOCKED,
        /** A file was written by a newer Gureum, in a format or record version this one does not read. */
        NEWER_FORMAT,
        /** A file's bytes are not what was written: a checksum mismatch or a broken structure. */
        DAMAGED,
        /** The operating system refused a read or a write. */
        IO,
        /** The journal is closed, or stopped after a failed write. */
        CLOSED
    }

    private final Reason reason;

    public PersistenceException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PersistenceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
