package dev.gureum.s3.domain;

/**
 * A multipart upload request S3 refuses. Besides the reason it carries the facts S3 reports with the
 * error: the upload, the part, and what was given against what was expected.
 */
public final class UploadRefusal extends Refusal {

    /** Why the request was refused. */
    public enum Reason {
        /** The upload does not exist (never did, or was aborted or completed). */
        NO_SUCH_UPLOAD,
        /** A checksum algorithm S3 does not know; {@link #given()} is its name. */
        UNSUPPORTED_CHECKSUM_ALGORITHM,
        /** A checksum type other than {@code COMPOSITE} or {@code FULL_OBJECT}. */
        INVALID_CHECKSUM_TYPE,
        /** A checksum type without a checksum algorithm. */
        CHECKSUM_TYPE_WITHOUT_ALGORITHM,
        /** A checksum type the algorithm cannot combine in; {@link #given()} is the type, {@link #expected()} the algorithm. */
        CHECKSUM_TYPE_UNSUPPORTED,
        /** A part whose checksum is of another algorithm than the upload's. */
        PART_CHECKSUM_ALGORITHM_MISMATCH,
        /** A completion that lists no parts, or a part without its number or ETag. */
        MALFORMED_PART_LIST,
        /** A completion whose parts are not in ascending order. */
        PART_ORDER,
        /** A part listed that was not uploaded, or whose ETag or checksum differs; {@link #given()} is the ETag listed. */
        INVALID_PART,
        /**
         * A part other than the last below 5 MiB; {@link #given()} is its size, {@link #expected()} the
         * minimum, {@link #etag()} the part's.
         */
        PART_TOO_SMALL,
        /** The object size the client declared differs from the sum of the parts. */
        OBJECT_SIZE_MISMATCH,
        /** A copy range past the end of its source; {@link #given()} is the range, {@link #expected()} the size. */
        COPY_RANGE_NOT_SATISFIABLE,
        /** A checksum of the whole object, claimed on completion, that differs; {@link #given()} is the algorithm. */
        CHECKSUM_MISMATCH
    }

    private final Reason reason;
    private final String uploadId;
    private final int partNumber;
    private final String etag;
    private final String given;
    private final String expected;

    public UploadRefusal(Reason reason, String uploadId) {
        this(reason, uploadId, 0, null, null, null);
    }

    public UploadRefusal(Reason reason, String uploadId, String given, String expected) {
        this(reason, uploadId, 0, null, given, expected);
    }

    public UploadRefusal(Reason reason, String uploadId, int partNumber, String etag, String given, String expected) {
        super(reason + " " + uploadId + (given == null ? "" : ": " + given + " (" + expected + ")"));
        this.reason = reason;
        this.uploadId = uploadId;
        this.partNumber = partNumber;
        this.etag = etag;
        this.given = given;
        this.expected = expected;
    }

    public Reason reason() {
        return reason;
    }

    public String uploadId() {
        return uploadId;
    }

    /** The part concerned, or 0. */
    public int partNumber() {
        return partNumber;
    }

    /** The ETag of the part concerned, without quotes, or {@code null}. */
    public String etag() {
        return etag;
    }

    public String given() {
        return given;
    }

    public String expected() {
        return expected;
    }
}
