package dev.gureum.s3.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.s3.domain.BucketRefusal;

/** S3's answer to each refusal of the domain. */
public final class S3Refusals {

    private S3Refusals() {
    }

    public static AwsException toAws(BucketRefusal refusal) {
        S3Error error = switch (refusal.reason()) {
            case VERSIONING_HELD_BY_OBJECT_LOCK -> S3Error.INVALID_BUCKET_STATE;
        };
        return new AwsException(error, refusal.getMessage());
    }
}
