package dev.gureum.s3.domain;

/**
 * A bucket's versioning, as PutBucketVersioning changes it and GetBucketVersioning reports it. A
 * bucket starts unversioned and, once versioned, can only be suspended, never unversioned again.
 */
public final class BucketVersioning {

    /**
     * What a bucket reports.
     *
     * @param mfaDelete whether deleting versions needs MFA; {@code null} while the bucket was never versioned
     */
    public record Configuration(Bucket.Versioning status, Boolean mfaDelete) {
    }

    private BucketVersioning() {
    }

    public static Configuration of(Bucket bucket) {
        Bucket.Versioning status = bucket.versioning();
        return new Configuration(status, status == Bucket.Versioning.UNVERSIONED ? null : bucket.mfaDelete());
    }

    /**
     * Changes what is given and keeps the rest.
     *
     * @param status    {@code ENABLED}, {@code SUSPENDED}, or {@code null} to keep the status
     * @param mfaDelete the MFA delete setting, or {@code null} to keep it
     * @throws BucketRefusal when versioning would be suspended under an Object Lock configuration
     */
    public static void change(Bucket bucket, Bucket.Versioning status, Boolean mfaDelete) {
        if (status == Bucket.Versioning.UNVERSIONED) {
            throw new IllegalArgumentException("A bucket cannot return to unversioned");
        }
        if (status == Bucket.Versioning.SUSPENDED && bucket.configurations().containsKey("object-lock")) {
            throw new BucketRefusal(BucketRefusal.Reason.VERSIONING_HELD_BY_OBJECT_LOCK, bucket.name(),
                    "Versioning held by Object Lock");
        }
        if (status != null) {
            bucket.versioning(status);
        }
        if (mfaDelete != null) {
            bucket.mfaDelete(mfaDelete);
        }
    }
}
