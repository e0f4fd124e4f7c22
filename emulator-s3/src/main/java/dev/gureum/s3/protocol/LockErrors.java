package dev.gureum.s3.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.s3.lock.LockRefusal;

/** S3's answer to each refusal of Object Lock. */
public final class LockErrors {

    private static final String MALFORMED_XML =
            "The XML you provided was not well-formed or did not validate against our published schema";

    private LockErrors() {
    }

    public static AwsException toAws(LockRefusal r) {
        return switch (r.reason()) {
            case PROTECTED -> new AwsException(S3Error.ACCESS_DENIED,
                    "Access Denied because object protected by object lock.");
            case BUCKET_WITHOUT_LOCK -> new AwsException(S3Error.INVALID_REQUEST,
                    "Bucket is missing Object Lock Configuration");
            case MODE_AND_DATE_TOGETHER -> new AwsException(S3Error.INVALID_ARGUMENT,
                    "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied");
            case DATE_IN_PAST -> new AwsException(S3Error.INVALID_ARGUMENT, "The retain until date must be in the future!")
                    .detail("ArgumentName", "x-amz-object-lock-retain-until-date").detail("ArgumentValue", r.value());
            case DATE_UNREADABLE -> new AwsException(S3Error.INVALID_ARGUMENT,
                    "The retain until date must be provided in ISO 8601 format")
                    .detail("ArgumentName", "x-amz-object-lock-retain-until-date").detail("ArgumentValue", r.value());
            case UNKNOWN_MODE -> new AwsException(S3Error.INVALID_ARGUMENT, "Unknown wormMode directive.")
                    .detail("ArgumentName", "x-amz-object-lock-mode").detail("ArgumentValue", r.value());
            case UNKNOWN_LEGAL_HOLD -> new AwsException(S3Error.INVALID_ARGUMENT,
                    "Legal Hold must be either of 'ON' or 'OFF'")
                    .detail("ArgumentName", "x-amz-object-lock-legal-hold").detail("ArgumentValue", r.value());
            case CHECKSUM_REQUIRED -> new AwsException(S3Error.INVALID_REQUEST, "Content-MD5 OR x-amz-checksum- HTTP "
                    + "header is required for " + r.value() + " requests with Object Lock parameters");
            case NOT_LOCKED -> new AwsException(S3Error.NO_SUCH_OBJECT_LOCK_CONFIGURATION,
                    "The specified object does not have a ObjectLock configuration");
            case MALFORMED -> new AwsException(S3Error.MALFORMED_XML, MALFORMED_XML);
        };
    }
}
