package dev.gureum.s3.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.Values;
import dev.gureum.s3.domain.BucketRefusal;
import dev.gureum.s3.domain.ObjectRefusal;
import dev.gureum.s3.domain.Refusal;
import dev.gureum.s3.domain.TagRefusal;
import dev.gureum.s3.domain.TagSet;
import dev.gureum.s3.domain.UploadRefusal;

import java.util.Locale;

/** S3's answer to each refusal of the domain: error code, status, message and the details S3 adds. */
public final class S3Refusals {

    private static final String NO_SUCH_KEY = "The specified key does not exist.";
    private static final String NO_SUCH_UPLOAD = "The specified upload does not exist. The upload ID may be invalid, "
            + "or the upload may have been aborted or completed.";
    private static final String MALFORMED_XML =
            "The XML you provided was not well-formed or did not validate against our published schema";
    private static final String INVALID_PART = "One or more of the specified parts could not be found.  The part "
            + "may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.";

    private S3Refusals() {
    }

    /**
     * The error a refusal answers.
     *
     * @param method the request's HTTP method, which S3 names when a method does not apply to a delete marker
     */
    public static AwsException toAws(Refusal refusal, String method) {
        if (refusal instanceof ObjectRefusal r) {
            return object(r, method);
        }
        if (refusal instanceof UploadRefusal r) {
            return upload(r);
        }
        if (refusal instanceof TagRefusal r) {
            return tag(r);
        }
        return bucket((BucketRefusal) refusal);
    }

    private static AwsException bucket(BucketRefusal r) {
        return switch (r.reason()) {
            case VERSIONING_HELD_BY_OBJECT_LOCK -> new AwsException(S3Error.INVALID_BUCKET_STATE, "An Object Lock "
                    + "configuration is present on this bucket, so the versioning state cannot be changed.");
            case NO_SUCH_BUCKET -> new AwsException(S3Error.NO_SUCH_BUCKET, "The specified bucket does not exist")
                    .detail("BucketName", r.bucket());
            case BUCKET_ALREADY_EXISTS -> new AwsException(S3Error.BUCKET_ALREADY_EXISTS, "The requested bucket name "
                    + "is not available. The bucket namespace is shared by all users of the system. Please select a "
                    + "different name and try again.").detail("BucketName", r.bucket());
            case BUCKET_ALREADY_OWNED_BY_YOU -> new AwsException(S3Error.BUCKET_ALREADY_OWNED_BY_YOU, "Your previous "
                    + "request to create the named bucket succeeded and you already own it.")
                    .detail("BucketName", r.bucket());
            case BUCKET_NOT_EMPTY -> new AwsException(S3Error.BUCKET_NOT_EMPTY, "The bucket you tried to delete is not "
                    + "empty").detail("BucketName", r.bucket());
            case INVALID_LOCATION_CONSTRAINT -> new AwsException(S3Error.INVALID_LOCATION_CONSTRAINT,
                    "The specified location-constraint is not valid").detail("LocationConstraint", r.value());
            case LOCATION_CONSTRAINT_INCOMPATIBLE -> new AwsException(S3Error.ILLEGAL_LOCATION_CONSTRAINT,
                    (r.value() == null ? "The unspecified location constraint" : "The " + r.value()
                            + " location constraint") + " is incompatible for the region specific endpoint this "
                            + "request was sent to.");
            case ACLS_DISABLED -> new AwsException(S3Error.ACL_NOT_SUPPORTED, "The bucket does not allow ACLs");
            case ACLS_WITH_ENFORCED_OWNERSHIP -> new AwsException(S3Error.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP,
                    "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
            case OBJECT_LOCK_NEEDS_VERSIONING -> new AwsException(S3Error.INVALID_BUCKET_STATE,
                    "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
            case REPLICATION_NEEDS_VERSIONING -> new AwsException(S3Error.INVALID_REQUEST,
                    "Versioning must be 'Enabled' on the bucket to apply a replication configuration");
            case MALFORMED_CONFIGURATION -> new AwsException(S3Error.MALFORMED_XML, MALFORMED_XML);
            case UNSUPPORTED_CORS_METHOD -> new AwsException(S3Error.INVALID_REQUEST,
                    "Found unsupported HTTP method in CORS config. Unsupported method is " + r.value());
            case RULE_ID_TOO_LONG -> new AwsException(S3Error.INVALID_ARGUMENT,
                    "ID length should not exceed allowed limit of 255");
            case MALFORMED_POLICY -> new AwsException(S3Error.MALFORMED_POLICY, r.value());
            case DUPLICATE_RULE_ID -> new AwsException(S3Error.INVALID_ARGUMENT,
                    "RuleId must be unique. Found same ID for more than one rule")
                    .detail("ArgumentName", "ID").detail("ArgumentValue", r.value());
            case NON_POSITIVE_DAYS -> {
                String[] parts = r.value().split("/", 2);
                yield new AwsException(S3Error.INVALID_ARGUMENT, "'" + parts[0] + "' for " + parts[1]
                        + " action must be a positive integer");
            }
            case DATE_NOT_MIDNIGHT -> new AwsException(S3Error.INVALID_ARGUMENT, "'Date' must be at midnight GMT");
            case INVALID_RETENTION_PERIOD -> new AwsException(S3Error.INVALID_RETENTION_PERIOD,
                    "Default retention period must be a positive integer value.");
            case LOGGING_TARGET_MISSING -> new AwsException(S3Error.INVALID_TARGET_BUCKET_FOR_LOGGING,
                    "The target bucket for logging does not exist").detail("TargetBucket", r.value());
            case LOGGING_TARGET_OTHER_OWNER -> new AwsException(S3Error.INVALID_TARGET_BUCKET_FOR_LOGGING,
                    "The owner for the bucket to be logged and the target bucket must be the same.")
                    .detail("TargetBucket", r.value());
        };
    }

    private static AwsException object(ObjectRefusal r, String method) {
        return switch (r.reason()) {
            case NO_SUCH_KEY -> new AwsException(S3Error.NO_SUCH_KEY, NO_SUCH_KEY).detail("Key", r.key());
            case KEY_DELETED -> {
                AwsException e = new AwsException(S3Error.NO_SUCH_KEY, NO_SUCH_KEY).detail("Key", r.key())
                        .header("x-amz-delete-marker", "true");
                if (!"null".equals(r.versionId())) {
                    e.header("x-amz-version-id", r.versionId());
                }
                yield e;
            }
            case NO_SUCH_VERSION -> new AwsException(S3Error.NO_SUCH_VERSION, "The specified version does not exist.")
                    .detail("Key", r.key()).detail("VersionId", r.versionId());
            case DELETE_MARKER_ADDRESSED -> new AwsException(S3Error.METHOD_NOT_ALLOWED,
                    "The specified method is not allowed against this resource.")
                    .detail("Method", method).detail("ResourceType", "DeleteMarker")
                    .header("x-amz-delete-marker", "true").header("x-amz-version-id", r.versionId())
                    .header("Last-Modified", Values.httpDate(r.lastModified()));
            case EMPTY_VERSION_ID -> new AwsException(S3Error.INVALID_ARGUMENT, "Version id cannot be the empty string")
                    .detail("ArgumentName", "versionId").detail("ArgumentValue", "");
            case INVALID_VERSION_ID -> new AwsException(S3Error.INVALID_ARGUMENT, "Invalid version id specified")
                    .detail("ArgumentName", "versionId").detail("ArgumentValue", r.value());
            case KEY_TOO_LONG -> new AwsException(S3Error.KEY_TOO_LONG, "Your key is too long")
                    .detail("Size", r.value())
                    .detail("MaxSizeAllowed", String.valueOf(dev.gureum.s3.domain.ObjectStore.maxKeyBytes()));
            case PRECONDITION_FAILED -> preconditionFailed(r.value());
            case COPY_SOURCE_PRECONDITION_FAILED -> preconditionFailed("x-amz-copy-source-" + r.value());
            case CONDITION_NOT_IMPLEMENTED -> new AwsException(S3Error.NOT_IMPLEMENTED,
                    "A header you provided implies functionality that is not implemented").detail("Header", r.value());
            case PART_NOT_SATISFIABLE -> new AwsException(S3Error.INVALID_PART_NUMBER,
                    "The requested partnumber is not satisfiable")
                    .detail("PartNumberRequested", r.value())
                    .detail("ActualPartCount", String.valueOf(r.partCount()));
            case COPY_SOURCE_DELETE_MARKER -> new AwsException(S3Error.INVALID_REQUEST,
                    "The source of a copy request may not specifically refer to a delete marker by version id.");
            case COPY_SOURCE_TOO_LARGE -> new AwsException(S3Error.INVALID_REQUEST, "The specified copy source is "
                    + "larger than the maximum allowable size for a copy source: " + r.value());
            case COPY_TO_ITSELF -> new AwsException(S3Error.INVALID_REQUEST, "This copy request is illegal because it "
                    + "is trying to copy an object to itself without changing the object's metadata, storage class, "
                    + "website redirect location or encryption attributes.");
            case VERSION_MARKER_WITHOUT_KEY_MARKER -> new AwsException(S3Error.INVALID_ARGUMENT,
                    "A version-id marker cannot be specified without a key marker.")
                    .detail("ArgumentName", "version-id-marker").detail("ArgumentValue", r.value());
            case CONTENT_GONE -> new AwsException(S3Error.INTERNAL_ERROR,
                    "We encountered an internal error. Please try again.");
        };
    }

    private static AwsException tag(TagRefusal r) {
        return switch (r.reason()) {
            case DUPLICATE_KEY -> new AwsException(S3Error.INVALID_TAG, "Cannot provide multiple Tags with the same key")
                    .detail("TagKey", r.key());
            case INVALID_KEY -> new AwsException(S3Error.INVALID_TAG, "The TagKey you have provided is invalid")
                    .detail("TagKey", r.key());
            case INVALID_VALUE -> new AwsException(S3Error.INVALID_TAG, "The TagValue you have provided is invalid")
                    .detail("TagKey", r.key()).detail("TagValue", r.value());
            case RESERVED_KEY -> new AwsException(S3Error.INVALID_TAG, "Your TagKey cannot be prefixed with aws:")
                    .detail("TagKey", r.key());
            case TOO_MANY_OBJECT_TAGS -> new AwsException(S3Error.BAD_REQUEST,
                    "Object tags cannot be greater than " + TagSet.MAX_OBJECT_TAGS);
            case TOO_MANY_BUCKET_TAGS -> new AwsException(S3Error.BAD_REQUEST,
                    "Bucket tag count cannot be greater than " + TagSet.MAX_BUCKET_TAGS);
        };
    }

    private static AwsException preconditionFailed(String condition) {
        return new AwsException(S3Error.PRECONDITION_FAILED, "At least one of the pre-conditions you specified did not hold")
                .detail("Condition", condition);
    }

    private static AwsException upload(UploadRefusal r) {
        return switch (r.reason()) {
            case NO_SUCH_UPLOAD -> new AwsException(S3Error.NO_SUCH_UPLOAD, NO_SUCH_UPLOAD)
                    .detail("UploadId", r.uploadId());
            case UNSUPPORTED_CHECKSUM_ALGORITHM -> new AwsException(S3Error.INVALID_REQUEST, "Checksum algorithm "
                    + "provided is unsupported. Please try again with any of the valid types: "
                    + "[CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
            case INVALID_CHECKSUM_TYPE -> new AwsException(S3Error.INVALID_REQUEST,
                    "Value for x-amz-checksum-type header is invalid.");
            case CHECKSUM_TYPE_WITHOUT_ALGORITHM -> new AwsException(S3Error.INVALID_REQUEST,
                    "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
            case CHECKSUM_TYPE_UNSUPPORTED -> new AwsException(S3Error.INVALID_REQUEST, "The " + r.given()
                    + " checksum type cannot be used with the " + lower(r.expected()) + " checksum algorithm.");
            case PART_CHECKSUM_ALGORITHM_MISMATCH -> new AwsException(S3Error.INVALID_REQUEST,
                    "Checksum Type mismatch occurred, expected checksum Type: " + lower(r.expected())
                            + ", actual checksum Type: " + lower(r.given()));
            case MALFORMED_PART_LIST -> new AwsException(S3Error.MALFORMED_XML, MALFORMED_XML);
            case PART_ORDER -> new AwsException(S3Error.INVALID_PART_ORDER, "The list of parts was not in ascending "
                    + "order. The parts list must be specified in order by part number.").detail("UploadId", r.uploadId());
            case INVALID_PART -> new AwsException(S3Error.INVALID_PART, INVALID_PART).detail("UploadId", r.uploadId())
                    .detail("PartNumber", String.valueOf(r.partNumber())).detail("ETag", r.given());
            case PART_TOO_SMALL -> new AwsException(S3Error.ENTITY_TOO_SMALL,
                    "Your proposed upload is smaller than the minimum allowed object size.")
                    .detail("ProposedSize", r.given()).detail("MinSizeAllowed", r.expected())
                    .detail("PartNumber", String.valueOf(r.partNumber()))
                    .detail("ETag", "\"" + r.etag() + "\"");
            case OBJECT_SIZE_MISMATCH -> new AwsException(S3Error.INVALID_REQUEST, "The provided 'x-amz-mp-object-size' "
                    + "header value " + r.given() + " does not match what was computed: " + r.expected());
            case COPY_RANGE_NOT_SATISFIABLE -> new AwsException(S3Error.INVALID_RANGE,
                    "Range specified is not valid for source object of size: " + r.expected())
                    .detail("ArgumentName", "x-amz-copy-source-range").detail("ArgumentValue", r.given());
            case CHECKSUM_MISMATCH -> new AwsException(S3Error.BAD_DIGEST, "The " + r.given()
                    + " you specified did not match the calculated checksum.");
        };
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
