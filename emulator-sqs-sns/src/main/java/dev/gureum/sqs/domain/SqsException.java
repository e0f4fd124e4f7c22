package dev.gureum.sqs.domain;

import java.util.List;

/**
 * A request SQS refuses for a reason of its own semantics. The protocol layer turns each reason into
 * SQS's error code, status and message; {@link #details()} carries what the message names (the value,
 * the parameter, the limit), in the order the reason documents.
 */
public final class SqsException extends RuntimeException {

    public enum Reason {
        /** The queue does not exist (or was deleted). */
        QUEUE_DOES_NOT_EXIST,
        /** details: whether a FIFO queue's name was meant ("true"/"false") */
        INVALID_QUEUE_NAME,
        /** A queue's name stays taken for 60 seconds after it is deleted. */
        QUEUE_DELETED_RECENTLY,
        /** details: attribute name; CreateQueue of an existing name with a different attribute value */
        QUEUE_NAME_EXISTS,
        /** details: parameter name; a member the operation needs is missing or empty */
        PARAMETER_MISSING,
        /** details: queue name, absent when the tags of one request alone pass 50 */
        TOO_MANY_TAGS,
        /** details: tag key; keys are 1 to 128 characters, values up to 256 */
        INVALID_TAG,
        /** A RedrivePolicy that is not a JSON object. */
        REDRIVE_POLICY_NOT_A_MAP,
        /** details: member name (deadLetterTargetArn or maxReceiveCount) */
        REDRIVE_POLICY_MEMBER_MISSING,
        /** details: value; maxReceiveCount is not an integer */
        MAX_RECEIVE_COUNT_INVALID,
        /** details: value; maxReceiveCount is 1 to 1,000 */
        MAX_RECEIVE_COUNT_OUT_OF_RANGE,
        /** The dead-letter queue a RedrivePolicy names does not exist. */
        DEAD_LETTER_TARGET_NOT_FOUND,
        /** A dead-letter queue is FIFO exactly when its source queue is. */
        DEAD_LETTER_TARGET_OF_OTHER_TYPE,
        /** A dead-letter queue is in its source queue's region. */
        DEAD_LETTER_TARGET_IN_OTHER_REGION,
        /** details: label; labels are 1 to 80 of [A-Za-z0-9_-] */
        PERMISSION_LABEL_INVALID,
        /** details: label */
        PERMISSION_LABEL_EXISTS,
        /** details: label */
        PERMISSION_LABEL_NOT_FOUND,
        /** details: receipt handle */
        RECEIPT_HANDLE_INVALID,
        /** details: receipt handle; a FIFO receipt outlived its visibility timeout or the next receive */
        RECEIPT_HANDLE_EXPIRED,
        MESSAGE_NOT_IN_FLIGHT,
        /** details: number; a receive takes 1 to 10 messages */
        MAX_MESSAGES_OUT_OF_RANGE,
        /** details: visibility timeout; 0 to 43,200 seconds (12 hours) */
        VISIBILITY_TIMEOUT_OUT_OF_RANGE,
        /** details: wait time; a long poll waits 0 to 20 seconds */
        WAIT_TIME_OUT_OF_RANGE,
        /** details: visibility timeout; the total visibility would pass 12 hours after the first receive */
        VISIBILITY_TIMEOUT_BEYOND_LIMIT,
        /** details: queue name */
        PURGE_IN_PROGRESS,
        /** details: attribute name */
        UNKNOWN_QUEUE_ATTRIBUTE,
        /** details: attribute name */
        INVALID_QUEUE_ATTRIBUTE_VALUE,
        /** details: attribute name, reason */
        INVALID_QUEUE_ATTRIBUTE_COMBINATION,
        /** details: delay; FIFO queues take no per-message delay */
        DELAY_NOT_ALLOWED_ON_FIFO,
        /** details: delay */
        DELAY_OUT_OF_RANGE,
        /** A FIFO message needs a message group id. */
        GROUP_ID_REQUIRED,
        /** A FIFO message needs a deduplication id unless the queue deduplicates by content. */
        DEDUPLICATION_ID_REQUIRED,
        /** details: deduplication id; standard queues take none */
        DEDUPLICATION_ID_NOT_ALLOWED,
        /** details: parameter name, value; group and deduplication ids are 1 to 128 printable ASCII characters */
        INVALID_ID_TOKEN,
        /** details: maximum size in bytes */
        MESSAGE_TOO_LONG,
        /** details: maximum size in bytes, total size in bytes */
        BATCH_TOO_LONG,
        /** details: code point in hexadecimal, upper case */
        INVALID_CHARACTER,
        /** details: number of attributes */
        TOO_MANY_MESSAGE_ATTRIBUTES,
        /** details: name */
        INVALID_SYSTEM_ATTRIBUTE_NAME,
        /** details: kind ("message attribute" or "message system attribute"), name */
        INVALID_ATTRIBUTE_NAME,
        /** details: kind, name */
        ATTRIBUTE_TYPE_MISSING,
        /** details: kind, name, base type */
        ATTRIBUTE_VALUE_MISSING,
        /** details: kind, name */
        ATTRIBUTE_NOT_A_NUMBER,
        /** details: kind, name */
        ATTRIBUTE_TYPE_INVALID,
        /** details: MaxResults; ListQueues returns 1 to 1,000 queues a page */
        LIST_LIMIT_OUT_OF_RANGE,
        /** A message move task's source is a dead-letter queue of some queue. */
        NOT_A_DEAD_LETTER_QUEUE,
        /** details: rate; a move task moves 1 to 500 messages a second */
        MOVE_RATE_OUT_OF_RANGE,
        /** details: MaxResults; ListMessageMoveTasks lists 1 to 10 tasks */
        MOVE_TASK_LIST_LIMIT_OUT_OF_RANGE,
        /** A source queue already has an active message move task. */
        MOVE_TASK_ALREADY_RUNNING,
        /** The destination of a message move task does not exist. */
        MOVE_DESTINATION_NOT_FOUND,
        /** Only active message move tasks can be cancelled. */
        MOVE_TASK_NOT_ACTIVE,
        MOVE_TASK_NOT_FOUND
    }

    private final Reason reason;
    private final List<String> details;

    public SqsException(Reason reason, Object... details) {
        super(reason.name(), null, false, false);
        this.reason = reason;
        this.details = java.util.Arrays.stream(details).map(String::valueOf).toList();
    }

    public Reason reason() {
        return reason;
    }

    public List<String> details() {
        return details;
    }

    public String detail(int i) {
        return details.get(i);
    }
}
