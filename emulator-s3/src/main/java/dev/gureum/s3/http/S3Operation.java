package dev.gureum.s3.http;

/**
 * The S3 operations Gureum serves, named as the S3 model names them, each with the IAM action a bucket
 * policy or ACL judges it by ({@code s3:GetObjectVersion} instead of {@code s3:GetObject} when the request
 * names a {@code versionId}). Three refusals close the list: requests that name no operation Gureum has.
 */
enum S3Operation {

    LIST_BUCKETS("ListBuckets", "s3:ListAllMyBuckets"),

    CREATE_BUCKET("CreateBucket", "s3:CreateBucket"),
    DELETE_BUCKET("DeleteBucket", "s3:DeleteBucket"),
    HEAD_BUCKET("HeadBucket", "s3:ListBucket"),
    LIST_OBJECTS("ListObjects", "s3:ListBucket"),
    LIST_OBJECTS_V2("ListObjectsV2", "s3:ListBucket"),
    LIST_OBJECT_VERSIONS("ListObjectVersions", "s3:ListBucketVersions"),
    LIST_MULTIPART_UPLOADS("ListMultipartUploads", "s3:ListBucketMultipartUploads"),
    GET_BUCKET_LOCATION("GetBucketLocation", "s3:GetBucketLocation"),
    GET_BUCKET_VERSIONING("GetBucketVersioning", "s3:GetBucketVersioning"),
    PUT_BUCKET_VERSIONING("PutBucketVersioning", "s3:PutBucketVersioning"),
    GET_BUCKET_TAGGING("GetBucketTagging", "s3:GetBucketTagging"),
    PUT_BUCKET_TAGGING("PutBucketTagging", "s3:PutBucketTagging"),
    DELETE_BUCKET_TAGGING("DeleteBucketTagging", "s3:PutBucketTagging"),
    GET_BUCKET_POLICY("GetBucketPolicy", "s3:GetBucketPolicy"),
    PUT_BUCKET_POLICY("PutBucketPolicy", "s3:PutBucketPolicy"),
    DELETE_BUCKET_POLICY("DeleteBucketPolicy", "s3:DeleteBucketPolicy"),
    GET_BUCKET_POLICY_STATUS("GetBucketPolicyStatus", "s3:GetBucketPolicyStatus"),
    GET_BUCKET_ACL("GetBucketAcl", "s3:GetBucketAcl"),
    PUT_BUCKET_ACL("PutBucketAcl", "s3:PutBucketAcl"),
    /** S3 Control's tagging of a bucket by its ARN. */
    TAG_RESOURCE("TagResource", "s3:TagResource"),
    UNTAG_RESOURCE("UntagResource", "s3:UntagResource"),
    LIST_TAGS_FOR_RESOURCE("ListTagsForResource", "s3:ListTagsForResource"),

    // request-metrics configurations (BucketMetricsOperations)
    GET_BUCKET_METRICS_CONFIGURATION("GetBucketMetricsConfiguration", "s3:GetMetricsConfiguration"),
    PUT_BUCKET_METRICS_CONFIGURATION("PutBucketMetricsConfiguration", "s3:PutMetricsConfiguration"),
    DELETE_BUCKET_METRICS_CONFIGURATION("DeleteBucketMetricsConfiguration", "s3:PutMetricsConfiguration"),
    LIST_BUCKET_METRICS_CONFIGURATIONS("ListBucketMetricsConfigurations", "s3:GetMetricsConfiguration"),

    // inventory configurations (InventoryOperations)
    GET_BUCKET_INVENTORY_CONFIGURATION("GetBucketInventoryConfiguration", "s3:GetInventoryConfiguration"),
    PUT_BUCKET_INVENTORY_CONFIGURATION("PutBucketInventoryConfiguration", "s3:PutInventoryConfiguration"),
    DELETE_BUCKET_INVENTORY_CONFIGURATION("DeleteBucketInventoryConfiguration", "s3:PutInventoryConfiguration"),
    LIST_BUCKET_INVENTORY_CONFIGURATIONS("ListBucketInventoryConfigurations", "s3:GetInventoryConfiguration"),

    // configuration documents (BucketConfigOperations): removing one needs the action of writing it
    GET_BUCKET_CORS("GetBucketCors", "s3:GetBucketCORS"),
    PUT_BUCKET_CORS("PutBucketCors", "s3:PutBucketCORS"),
    DELETE_BUCKET_CORS("DeleteBucketCors", "s3:PutBucketCORS"),
    GET_BUCKET_LIFECYCLE_CONFIGURATION("GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration"),
    PUT_BUCKET_LIFECYCLE_CONFIGURATION("PutBucketLifecycleConfiguration", "s3:PutLifecycleConfiguration"),
    DELETE_BUCKET_LIFECYCLE("DeleteBucketLifecycle", "s3:PutLifecycleConfiguration"),
    GET_BUCKET_ENCRYPTION("GetBucketEncryption", "s3:GetEncryptionConfiguration"),
    PUT_BUCKET_ENCRYPTION("PutBucketEncryption", "s3:PutEncryptionConfiguration"),
    DELETE_BUCKET_ENCRYPTION("DeleteBucketEncryption", "s3:PutEncryptionConfiguration"),
    GET_BUCKET_OWNERSHIP_CONTROLS("GetBucketOwnershipControls", "s3:GetBucketOwnershipControls"),
    PUT_BUCKET_OWNERSHIP_CONTROLS("PutBucketOwnershipControls", "s3:PutBucketOwnershipControls"),
    DELETE_BUCKET_OWNERSHIP_CONTROLS("DeleteBucketOwnershipControls", "s3:PutBucketOwnershipControls"),
    GET_PUBLIC_ACCESS_BLOCK("GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock"),
    PUT_PUBLIC_ACCESS_BLOCK("PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock"),
    DELETE_PUBLIC_ACCESS_BLOCK("DeletePublicAccessBlock", "s3:PutBucketPublicAccessBlock"),
    GET_BUCKET_WEBSITE("GetBucketWebsite", "s3:GetBucketWebsite"),
    PUT_BUCKET_WEBSITE("PutBucketWebsite", "s3:PutBucketWebsite"),
    DELETE_BUCKET_WEBSITE("DeleteBucketWebsite", "s3:PutBucketWebsite"),
    GET_BUCKET_LOGGING("GetBucketLogging", "s3:GetBucketLogging"),
    PUT_BUCKET_LOGGING("PutBucketLogging", "s3:PutBucketLogging"),
    GET_BUCKET_ACCELERATE_CONFIGURATION("GetBucketAccelerateConfiguration", "s3:GetAccelerateConfiguration"),
    PUT_BUCKET_ACCELERATE_CONFIGURATION("PutBucketAccelerateConfiguration", "s3:PutAccelerateConfiguration"),
    GET_BUCKET_REQUEST_PAYMENT("GetBucketRequestPayment", "s3:GetBucketRequestPayment"),
    PUT_BUCKET_REQUEST_PAYMENT("PutBucketRequestPayment", "s3:PutBucketRequestPayment"),
    GET_OBJECT_LOCK_CONFIGURATION("GetObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration"),
    PUT_OBJECT_LOCK_CONFIGURATION("PutObjectLockConfiguration", "s3:PutBucketObjectLockConfiguration"),
    GET_BUCKET_REPLICATION("GetBucketReplication", "s3:GetReplicationConfiguration"),
    PUT_BUCKET_REPLICATION("PutBucketReplication", "s3:PutReplicationConfiguration"),
    DELETE_BUCKET_REPLICATION("DeleteBucketReplication", "s3:PutReplicationConfiguration"),
    GET_BUCKET_NOTIFICATION_CONFIGURATION("GetBucketNotificationConfiguration", "s3:GetBucketNotification"),
    PUT_BUCKET_NOTIFICATION_CONFIGURATION("PutBucketNotificationConfiguration", "s3:PutBucketNotification"),

    DELETE_OBJECTS("DeleteObjects", "s3:DeleteObject"),
    /** A browser form upload: streams its body. */
    POST_OBJECT("PostObject", "s3:PutObject", "s3:PutObject", true),
    /** A CORS preflight: answered from the bucket's CORS rules, whoever asks. */
    PREFLIGHT_REQUEST("PreflightRequest", null),

    GET_OBJECT("GetObject", "s3:GetObject", "s3:GetObjectVersion", false),
    HEAD_OBJECT("HeadObject", "s3:GetObject", "s3:GetObjectVersion", false),
    PUT_OBJECT("PutObject", "s3:PutObject", "s3:PutObject", true),
    COPY_OBJECT("CopyObject", "s3:PutObject"),
    DELETE_OBJECT("DeleteObject", "s3:DeleteObject", "s3:DeleteObjectVersion", false),
    GET_OBJECT_TAGGING("GetObjectTagging", "s3:GetObjectTagging", "s3:GetObjectVersionTagging", false),
    PUT_OBJECT_TAGGING("PutObjectTagging", "s3:PutObjectTagging", "s3:PutObjectVersionTagging", false),
    DELETE_OBJECT_TAGGING("DeleteObjectTagging", "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging", false),
    GET_OBJECT_ACL("GetObjectAcl", "s3:GetObjectAcl", "s3:GetObjectVersionAcl", false),
    PUT_OBJECT_ACL("PutObjectAcl", "s3:PutObjectAcl", "s3:PutObjectVersionAcl", false),
    GET_OBJECT_ATTRIBUTES("GetObjectAttributes", "s3:GetObjectAttributes"),
    GET_OBJECT_TORRENT("GetObjectTorrent", "s3:GetObjectTorrent"),
    SELECT_OBJECT_CONTENT("SelectObjectContent", "s3:GetObject"),
    GET_OBJECT_RETENTION("GetObjectRetention", "s3:GetObjectRetention"),
    PUT_OBJECT_RETENTION("PutObjectRetention", "s3:PutObjectRetention"),
    GET_OBJECT_LEGAL_HOLD("GetObjectLegalHold", "s3:GetObjectLegalHold"),
    PUT_OBJECT_LEGAL_HOLD("PutObjectLegalHold", "s3:PutObjectLegalHold"),

    CREATE_MULTIPART_UPLOAD("CreateMultipartUpload", "s3:PutObject"),
    UPLOAD_PART("UploadPart", "s3:PutObject", "s3:PutObject", true),
    UPLOAD_PART_COPY("UploadPartCopy", "s3:PutObject"),
    COMPLETE_MULTIPART_UPLOAD("CompleteMultipartUpload", "s3:PutObject"),
    ABORT_MULTIPART_UPLOAD("AbortMultipartUpload", "s3:AbortMultipartUpload"),
    LIST_PARTS("ListParts", "s3:ListMultipartUploadParts"),

    /** {@code NotImplemented}, once the request's body has been read. */
    NOT_IMPLEMENTED(null, null),
    /** {@code NotImplemented} at once: an object upload's body is never read for it. */
    NOT_IMPLEMENTED_UNREAD(null, null, null, true),
    /** {@code MethodNotAllowed}: a method S3 has no operation for on a bucket or an object. */
    METHOD_NOT_ALLOWED(null, null);

    private final String wireName;
    private final String action;
    private final String versionAction;
    private final boolean streamsBody;

    S3Operation(String wireName, String action) {
        this(wireName, action, action, false);
    }

    S3Operation(String wireName, String action, String versionAction, boolean streamsBody) {
        this.wireName = wireName;
        this.action = action;
        this.versionAction = versionAction;
        this.streamsBody = streamsBody;
    }

    /** The operation's name in the S3 model (and the request log), or {@code null} for a refusal. */
    String wireName() {
        return wireName;
    }

    /** The IAM action the request is judged by, or {@code null} when access is not judged by one. */
    String action(boolean namesVersion) {
        return namesVersion ? versionAction : action;
    }

    /**
     * Whether the operation takes its body as a stream itself; any other body (a configuration
     * document, a DeleteObjects list) is read whole before the operation runs.
     */
    boolean streamsBody() {
        return streamsBody;
    }
}
