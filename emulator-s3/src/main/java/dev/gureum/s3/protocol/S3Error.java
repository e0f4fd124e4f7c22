package dev.gureum.s3.protocol;

import dev.gureum.core.error.AwsError;

/** S3's error codes and their HTTP status (the S3 API reference, "Error responses"). */
public enum S3Error implements AwsError {
    ACCESS_DENIED("AccessDenied", 403),
    BAD_DIGEST("BadDigest", 400),
    BUCKET_ALREADY_EXISTS("BucketAlreadyExists", 409),
    BUCKET_ALREADY_OWNED_BY_YOU("BucketAlreadyOwnedByYou", 409),
    BUCKET_NOT_EMPTY("BucketNotEmpty", 409),
    ENTITY_TOO_LARGE("EntityTooLarge", 400),
    ENTITY_TOO_SMALL("EntityTooSmall", 400),
    ILLEGAL_LOCATION_CONSTRAINT("IllegalLocationConstraintException", 400),
    ILLEGAL_VERSIONING_CONFIGURATION("IllegalVersioningConfigurationException", 400),
    INCOMPLETE_BODY("IncompleteBody", 400),
    INVALID_ARGUMENT("InvalidArgument", 400),
    INVALID_BUCKET_NAME("InvalidBucketName", 400),
    INVALID_BUCKET_STATE("InvalidBucketState", 409),
    UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS("UnresolvableGrantByEmailAddress", 400),
    INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP("InvalidBucketAclWithObjectOwnership", 400),
    INVALID_DIGEST("InvalidDigest", 400),
    INVALID_LOCATION_CONSTRAINT("InvalidLocationConstraint", 400),
    ACL_NOT_SUPPORTED("AccessControlListNotSupported", 400),
    INVALID_PART("InvalidPart", 400),
    INVALID_PART_ORDER("InvalidPartOrder", 400),
    INVALID_RANGE("InvalidRange", 416),
    INVALID_REQUEST("InvalidRequest", 400),
    INVALID_STORAGE_CLASS("InvalidStorageClass", 400),
    INVALID_TAG("InvalidTag", 400),
    INVALID_URI("InvalidURI", 400),
    INVALID_RETENTION_PERIOD("InvalidRetentionPeriod", 400),
    INVALID_TARGET_BUCKET_FOR_LOGGING("InvalidTargetBucketForLogging", 400),
    INVALID_ENCRYPTION_ALGORITHM("InvalidEncryptionAlgorithmError", 400),
    BAD_REQUEST("BadRequest", 400),
    KEY_TOO_LONG("KeyTooLongError", 400),
    MALFORMED_XML("MalformedXML", 400),
    MALFORMED_POST_REQUEST("MalformedPOSTRequest", 400),
    INVALID_POLICY_DOCUMENT("InvalidPolicyDocument", 400),
    MALFORMED_POLICY("MalformedPolicy", 400),
    MALFORMED_ACL_ERROR("MalformedACLError", 400),
    INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403),
    METHOD_NOT_ALLOWED("MethodNotAllowed", 405),
    METADATA_TOO_LARGE("MetadataTooLarge", 400),
    INVALID_PART_NUMBER("InvalidPartNumber", 416),
    NO_SUCH_CONFIGURATION("NoSuchConfiguration", 404),
    TOO_MANY_CONFIGURATIONS("TooManyConfigurations", 400),
    MISSING_CONTENT_LENGTH("MissingContentLength", 411),
    NO_SUCH_BUCKET("NoSuchBucket", 404),
    NO_SUCH_BUCKET_POLICY("NoSuchBucketPolicy", 404),
    NO_SUCH_CORS_CONFIGURATION("NoSuchCORSConfiguration", 404),
    NO_SUCH_KEY("NoSuchKey", 404),
    NO_SUCH_LIFECYCLE_CONFIGURATION("NoSuchLifecycleConfiguration", 404),
    NO_SUCH_TAG_SET("NoSuchTagSet", 404),
    NO_SUCH_UPLOAD("NoSuchUpload", 404),
    NO_SUCH_VERSION("NoSuchVersion", 404),
    NO_SUCH_WEBSITE_CONFIGURATION("NoSuchWebsiteConfiguration", 404),
    NO_SUCH_PUBLIC_ACCESS_BLOCK("NoSuchPublicAccessBlockConfiguration", 404),
    OWNERSHIP_CONTROLS_NOT_FOUND("OwnershipControlsNotFoundError", 404),
    SSE_CONFIGURATION_NOT_FOUND("ServerSideEncryptionConfigurationNotFoundError", 404),
    OBJECT_LOCK_CONFIGURATION_NOT_FOUND("ObjectLockConfigurationNotFoundError", 404),
    NO_SUCH_OBJECT_LOCK_CONFIGURATION("NoSuchObjectLockConfiguration", 404),
    REPLICATION_CONFIGURATION_NOT_FOUND("ReplicationConfigurationNotFoundError", 404),
    NOT_IMPLEMENTED("NotImplemented", 501),
    NOT_MODIFIED("NotModified", 304),
    PRECONDITION_FAILED("PreconditionFailed", 412),
    CONDITIONAL_REQUEST_CONFLICT("ConditionalRequestConflict", 409),
    REQUEST_TIMEOUT("RequestTimeout", 400),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
    XAMZ_CONTENT_SHA256_MISMATCH("XAmzContentSHA256Mismatch", 400),
    CORS_FORBIDDEN("AccessForbidden", 403),
    AUTHORIZATION_HEADER_MALFORMED("AuthorizationHeaderMalformed", 400),
    AUTHORIZATION_QUERY_PARAMETERS_ERROR("AuthorizationQueryParametersError", 400),
    INTERNAL_ERROR("InternalError", 500);

    private final String code;
    private final int status;

    S3Error(String code, int status) {
        this.code = code;
        this.status = status;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
    }
}
