package dev.gureum.sqs.protocol;

import dev.gureum.core.error.AwsError;

/**
 * SQS's errors: the JSON protocol's error shape names, with the codes the query protocol (and the
 * {@code x-amzn-query-error} header) uses for them.
 */
public enum SqsError implements AwsError {
    QUEUE_DOES_NOT_EXIST("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", 400),
    QUEUE_NAME_EXISTS("QueueNameExists", "QueueAlreadyExists", 400),
    QUEUE_DELETED_RECENTLY("QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently", 400),
    PURGE_QUEUE_IN_PROGRESS("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", 403),
    MESSAGE_NOT_INFLIGHT("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", 400),
    RECEIPT_HANDLE_IS_INVALID("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", 404),
    INVALID_ATTRIBUTE_NAME("InvalidAttributeName", "InvalidAttributeName", 400),
    INVALID_ATTRIBUTE_VALUE("InvalidAttributeValue", "InvalidAttributeValue", 400),
    INVALID_MESSAGE_CONTENTS("InvalidMessageContents", "InvalidMessageContents", 400),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", "InvalidParameterValue", 400),
    MISSING_PARAMETER("MissingParameter", "MissingParameter", 400),
    BATCH_ENTRY_IDS_NOT_DISTINCT("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400),
    BATCH_REQUEST_TOO_LONG("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong", 400),
    EMPTY_BATCH_REQUEST("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", 400),
    INVALID_BATCH_ENTRY_ID("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId", 400),
    TOO_MANY_ENTRIES_IN_BATCH_REQUEST("TooManyEntriesInBatchRequest",
            "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400),
    UNSUPPORTED_OPERATION("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", 400),
    OVER_LIMIT("OverLimit", "OverLimit", 403),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", "ResourceNotFoundException", 404),
    ACCESS_DENIED("AccessDeniedException", "AccessDenied", 403),
    INVALID_ADDRESS("InvalidAddress", "InvalidAddress", 404);

    private final String code;
    private final String queryCode;
    private final int status;

    SqsError(String code, String queryCode, int status) {
        this.code = code;
        this.queryCode = queryCode;
        this.status = status;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String queryCode() {
        return queryCode;
    }

    @Override
    public int status() {
        return status;
    }
}
