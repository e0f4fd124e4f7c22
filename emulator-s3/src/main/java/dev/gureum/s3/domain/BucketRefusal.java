package dev.gureum.s3.domain;

/**
 * A bucket request S3 refuses: for the state the bucket is in, or for rules of bucket names,
 * regions and configurations. The protocol layer turns each reason into S3's error ({@code S3Refusals}).
 */
public final class BucketRefusal extends Refusal {

    /** Why the request was refused. */
    public enum Reason {
        /** Versioning cannot be suspended while the bucket has an Object Lock configuration. */
        VERSIONING_HELD_BY_OBJECT_LOCK,
        /** No bucket has the name. */
        NO_SUCH_BUCKET,
        /** Another account owns a bucket of the name (names are global). */
        BUCKET_ALREADY_EXISTS,
        /** The caller already owns a bucket of the name. */
        BUCKET_ALREADY_OWNED_BY_YOU,
        /** A bucket that still has objects or versions cannot be deleted. */
        BUCKET_NOT_EMPTY,
        /** A location constraint that names no region; {@link #value()} is the constraint. */
        INVALID_LOCATION_CONSTRAINT,
        /**
         * A location constraint other than the region of the endpoint the request was sent to;
         * {@link #value()} is the constraint, {@code null} when none was given.
         */
        LOCATION_CONSTRAINT_INCOMPATIBLE,
        /** An ACL beyond the owner's full control on a bucket whose object ownership disables ACLs. */
        ACLS_DISABLED,
        /** A new bucket with an ACL beyond the owner's full control and object ownership {@code BucketOwnerEnforced}. */
        ACLS_WITH_ENFORCED_OWNERSHIP,
        /** An Object Lock configuration needs versioning enabled. */
        OBJECT_LOCK_NEEDS_VERSIONING,
        /** A replication configuration needs versioning enabled. */
        REPLICATION_NEEDS_VERSIONING,
        /** A configuration without the rules S3 requires, or with more than it takes, or a rule missing a part. */
        MALFORMED_CONFIGURATION,
        /** A CORS rule allowing a method S3 does not serve CORS for; {@link #value()} is the method. */
        UNSUPPORTED_CORS_METHOD,
        /** A lifecycle rule whose ID is longer than 255 characters. */
        RULE_ID_TOO_LONG,
        /** A bucket policy that is no policy document; {@link #value()} says why. */
        MALFORMED_POLICY,
        /** Two lifecycle rules with one ID; {@link #value()} is the ID. */
        DUPLICATE_RULE_ID,
        /** A lifecycle action whose days are not positive; {@link #value()} is {@code element/action}. */
        NON_POSITIVE_DAYS,
        /** A lifecycle date that is not at midnight GMT. */
        DATE_NOT_MIDNIGHT,
        /** An Object Lock default retention of zero or fewer days or years. */
        INVALID_RETENTION_PERIOD,
        /** Logging to a bucket that does not exist; {@link #value()} is its name. */
        LOGGING_TARGET_MISSING,
        /** Logging to a bucket another account owns; {@link #value()} is its name. */
        LOGGING_TARGET_OTHER_OWNER
    }

    private final Reason reason;
    private final String bucket;
    private final String value;

    public BucketRefusal(Reason reason, String bucket, String message) {
        this(reason, bucket, null, message);
    }

    public BucketRefusal(Reason reason, String bucket, String value, String message) {
        super(message);
        this.reason = reason;
        this.bucket = bucket;
        this.value = value;
    }

    public Reason reason() {
        return reason;
    }

    public String bucket() {
        return bucket;
    }

    /** The value the reason concerns, or {@code null}. */
    public String value() {
        return value;
    }
}
