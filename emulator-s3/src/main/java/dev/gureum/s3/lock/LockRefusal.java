package dev.gureum.s3.lock;

/**
 * A write, delete or retention change that Object Lock refuses, or lock settings that break S3's rules.
 * It carries no HTTP status or wire code: {@code dev.gureum.s3.protocol.LockErrors} turns each reason
 * into S3's error.
 */
public final class LockRefusal extends RuntimeException {

    /** Why the request was refused. */
    public enum Reason {
        /** The version is under retention or legal hold (or a compliance retention would shrink). */
        PROTECTED,
        /** Lock settings for a bucket that has no Object Lock. */
        BUCKET_WITHOUT_LOCK,
        /** A mode without a retain-until date, or a date without a mode. */
        MODE_AND_DATE_TOGETHER,
        /** A retain-until date that is not in the future; {@link #value()} is the date as given. */
        DATE_IN_PAST,
        /** A retain-until date that is not an ISO 8601 date; {@link #value()} is the text. */
        DATE_UNREADABLE,
        /** A mode other than {@code GOVERNANCE} or {@code COMPLIANCE}; {@link #value()} is the mode. */
        UNKNOWN_MODE,
        /** A legal hold other than {@code ON} or {@code OFF}. */
        UNKNOWN_LEGAL_HOLD,
        /** An upload with lock settings and neither Content-MD5 nor a checksum; {@link #value()} names the operation. */
        CHECKSUM_REQUIRED,
        /** The version has no retention (or no legal hold) to report. */
        NOT_LOCKED,
        /** A retention or legal hold document that does not follow S3's schema. */
        MALFORMED
    }

    private final Reason reason;
    private final String value;

    public LockRefusal(Reason reason, String value) {
        super(reason + (value == null ? "" : ": " + value), null, false, false);
        this.reason = reason;
        this.value = value;
    }

    public LockRefusal(Reason reason) {
        this(reason, null);
    }

    public Reason reason() {
        return reason;
    }

    public String value() {
        return value;
    }
}
