package dev.gureum.s3.domain;

import java.time.Instant;

/**
 * A read, write, copy or listing of objects that S3 refuses. Besides the reason it carries the facts
 * S3 reports with the error: the key, the version, and one value that depends on the reason.
 */
public final class ObjectRefusal extends Refusal {

    /** Why the request was refused. */
    public enum Reason {
        /** The key has no current version. */
        NO_SUCH_KEY,
        /** The key's current version is a delete marker; {@link #versionId()} is the marker's. */
        KEY_DELETED,
        /** The version named does not exist. */
        NO_SUCH_VERSION,
        /** A GET or HEAD named a delete marker by its version id; {@link #lastModified()} is the marker's. */
        DELETE_MARKER_ADDRESSED,
        /** A version id that is empty. */
        EMPTY_VERSION_ID,
        /** A version id that S3 could not have issued; {@link #value()} is the id. */
        INVALID_VERSION_ID,
        /** A key longer than 1024 bytes in UTF-8; {@link #value()} is its length in bytes. */
        KEY_TOO_LONG,
        /** A condition did not hold; {@link #value()} names its header ({@code If-Match}...). */
        PRECONDITION_FAILED,
        /** A condition on the source of a copy did not hold; {@link #value()} names it ({@code If-Match}...). */
        COPY_SOURCE_PRECONDITION_FAILED,
        /** {@code If-None-Match} on a write with anything but {@code *}. */
        CONDITION_NOT_IMPLEMENTED,
        /** A part number past the object's parts; {@link #value()} is the number, {@link #partCount()} the parts. */
        PART_NOT_SATISFIABLE,
        /** The source of a copy named a delete marker by its version id. */
        COPY_SOURCE_DELETE_MARKER,
        /** The source of a copy is larger than a single copy may be; {@link #value()} is the limit. */
        COPY_SOURCE_TOO_LARGE,
        /** A copy of an object onto itself that changes nothing. */
        COPY_TO_ITSELF,
        /** A version-id marker of a listing without a key marker; {@link #value()} is the marker. */
        VERSION_MARKER_WITHOUT_KEY_MARKER,
        /** The object's bytes went away while being read (the version was replaced meanwhile). */
        CONTENT_GONE
    }

    private final Reason reason;
    private final String key;
    private final String versionId;
    private final String value;
    private final Instant lastModified;
    private final int partCount;

    public ObjectRefusal(Reason reason, String key, String versionId, String value) {
        this(reason, key, versionId, value, null, 0);
    }

    public ObjectRefusal(Reason reason, String key, String versionId, String value, Instant lastModified,
                         int partCount) {
        super(reason + (key == null ? "" : " " + key) + (value == null ? "" : ": " + value));
        this.reason = reason;
        this.key = key;
        this.versionId = versionId;
        this.value = value;
        this.lastModified = lastModified;
        this.partCount = partCount;
    }

    public Reason reason() {
        return reason;
    }

    public String key() {
        return key;
    }

    /** The version concerned, or {@code null}. */
    public String versionId() {
        return versionId;
    }

    public String value() {
        return value;
    }

    public Instant lastModified() {
        return lastModified;
    }

    public int partCount() {
        return partCount;
    }
}
