package dev.gureum.s3.domain;

/**
 * A change S3 refuses for the state a bucket is in. It carries no HTTP status or wire code: the
 * protocol layer turns each reason into S3's error ({@code S3Refusals}).
 */
public final class BucketRefusal extends Refusal {

    /** Why the change was refused. */
    public enum Reason {
        /** Versioning cannot be suspended while the bucket has an Object Lock configuration. */
        VERSIONING_HELD_BY_OBJECT_LOCK
    }

    private final Reason reason;
    private final String bucket;

    public BucketRefusal(Reason reason, String bucket, String message) {
        super(message);
        this.reason = reason;
        this.bucket = bucket;
    }

    public Reason reason() {
        return reason;
    }

    public String bucket() {
        return bucket;
    }
}
