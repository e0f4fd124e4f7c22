package dev.gureum.s3.domain;

/**
 * A request S3 refuses for what the domain knows: the state of a bucket, an object or an upload, or
 * values that break S3's rules. It carries no HTTP status or wire code: the protocol layer turns each
 * reason into S3's error ({@code S3Refusals}), in one place.
 */
public abstract sealed class Refusal extends RuntimeException permits BucketRefusal, ObjectRefusal, TagRefusal, UploadRefusal {

    protected Refusal(String message) {
        super(message, null, false, false);
    }
}
