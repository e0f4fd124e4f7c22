package dev.gureum.sqs.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.sqs.domain.SqsException;

/** The one place where SQS's domain refusals become AWS errors: code, status and message. */
final class SqsErrors {

    private SqsErrors() {
    }

    static AwsException aws(SqsException e) {
        return switch (e.reason()) {
            case QUEUE_DOES_NOT_EXIST -> new AwsException(SqsError.QUEUE_DOES_NOT_EXIST,
                    "The specified queue does not exist.");
            case INVALID_QUEUE_NAME -> new AwsException(SqsError.INVALID_PARAMETER_VALUE, "true".equals(e.detail(0))
                    ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, "
                    + "must end with .fifo suffix and be 1 to 80 in length."
                    : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
            case QUEUE_DELETED_RECENTLY -> new AwsException(SqsError.QUEUE_DELETED_RECENTLY, "You must wait 60 seconds "
                    + "after deleting a queue before you can create another with the same name.");
            case QUEUE_NAME_EXISTS -> new AwsException(SqsError.QUEUE_NAME_EXISTS, "A queue already exists with the "
                    + "same name and a different value for attribute " + e.detail(0));
            case PARAMETER_MISSING -> new AwsException(SqsError.MISSING_PARAMETER,
                    "The request must contain the parameter " + e.detail(0) + ".");
            case TOO_MANY_TAGS -> new AwsException(SqsError.INVALID_PARAMETER_VALUE, e.details().isEmpty()
                    ? "Too many tags added for queue." : "Too many tags added for queue " + e.detail(0) + ".");
            case INVALID_TAG -> new AwsException(SqsError.INVALID_PARAMETER_VALUE,
                    "Tag key or value is invalid: " + e.detail(0));
            case REDRIVE_POLICY_NOT_A_MAP -> invalidRedrivePolicy("Redrive policy is not a valid JSON map.");
            case REDRIVE_POLICY_MEMBER_MISSING -> invalidRedrivePolicy(
                    "Redrive policy does not contain mandatory attribute: " + e.detail(0) + ".");
            case MAX_RECEIVE_COUNT_INVALID -> invalidRedrivePolicy(
                    "Value " + e.detail(0) + " for parameter maxReceiveCount is invalid.");
            case MAX_RECEIVE_COUNT_OUT_OF_RANGE -> invalidRedrivePolicy("Value " + e.detail(0) + " for parameter "
                    + "maxReceiveCount is invalid. Reason: Invalid value for maxReceiveCount: " + e.detail(0)
                    + ", valid values are from 1 to 1000 both inclusive.");
            case DEAD_LETTER_TARGET_NOT_FOUND -> invalidRedrivePolicy("Dead letter target does not exist.");
            case DEAD_LETTER_TARGET_OF_OTHER_TYPE -> invalidRedrivePolicy(
                    "Dead-letter queue must be same type of queue as the source.");
            case DEAD_LETTER_TARGET_IN_OTHER_REGION -> invalidRedrivePolicy(
                    "Dead-letter queue must be in the same region as the source.");
            case PERMISSION_LABEL_INVALID -> invalidParameter(e.detail(0), "Label", "Must be shorter than 80 "
                    + "characters and contain only alphanumeric characters, hyphens and underscores.");
            case PERMISSION_LABEL_EXISTS -> invalidParameter(e.detail(0), "Label", "Already exists.");
            case PERMISSION_LABEL_NOT_FOUND -> invalidParameter(e.detail(0), "Label",
                    "can't find label on existing policy.");
            case RECEIPT_HANDLE_INVALID -> new AwsException(SqsError.RECEIPT_HANDLE_IS_INVALID,
                    "The input receipt handle \"" + e.detail(0) + "\" is not a valid receipt handle.");
            case RECEIPT_HANDLE_EXPIRED -> invalidParameter(e.detail(0), "ReceiptHandle",
                    "The receipt handle has expired.");
            case MESSAGE_NOT_IN_FLIGHT -> new AwsException(SqsError.MESSAGE_NOT_INFLIGHT,
                    "Message does not exist or is not available for visibility timeout change.");
            case MAX_MESSAGES_OUT_OF_RANGE -> invalidParameter(e.detail(0), "MaxNumberOfMessages",
                    "Must be between 1 and 10, if provided.");
            case VISIBILITY_TIMEOUT_OUT_OF_RANGE -> invalidParameter(e.detail(0), "VisibilityTimeout",
                    "Must be >= 0 and <= 43200, if provided.");
            case WAIT_TIME_OUT_OF_RANGE -> invalidParameter(e.detail(0), "WaitTimeSeconds",
                    "Must be >= 0 and <= 20, if provided.");
            case VISIBILITY_TIMEOUT_BEYOND_LIMIT -> invalidParameter(e.detail(0), "VisibilityTimeout",
                    "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]");
            case PURGE_IN_PROGRESS -> new AwsException(SqsError.PURGE_QUEUE_IN_PROGRESS,
                    "Only one PurgeQueue operation on " + e.detail(0) + " is allowed every 60 seconds.");
            case UNKNOWN_QUEUE_ATTRIBUTE -> new AwsException(SqsError.INVALID_ATTRIBUTE_NAME,
                    "Unknown Attribute " + e.detail(0) + ".");
            case INVALID_QUEUE_ATTRIBUTE_VALUE -> new AwsException(SqsError.INVALID_ATTRIBUTE_VALUE,
                    "Invalid value for the parameter " + e.detail(0) + ".");
            case INVALID_QUEUE_ATTRIBUTE_COMBINATION -> new AwsException(SqsError.INVALID_ATTRIBUTE_VALUE,
                    "Invalid value for the parameter " + e.detail(0) + ". Reason: " + e.detail(1));
            case DELAY_NOT_ALLOWED_ON_FIFO -> invalidParameter(e.detail(0), "DelaySeconds",
                    "The request include parameter that is not valid for this queue type.");
            case DELAY_OUT_OF_RANGE -> invalidParameter(e.detail(0), "DelaySeconds",
                    "DelaySeconds must be >= 0 and <= 900.");
            case GROUP_ID_REQUIRED -> new AwsException(SqsError.MISSING_PARAMETER,
                    "The request must contain the parameter MessageGroupId.");
            case DEDUPLICATION_ID_REQUIRED -> new AwsException(SqsError.INVALID_PARAMETER_VALUE, "The queue should "
                    + "either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
            case DEDUPLICATION_ID_NOT_ALLOWED -> invalidParameter(e.detail(0), "MessageDeduplicationId",
                    "The request include parameter that is not valid for this queue type.");
            case INVALID_ID_TOKEN -> invalidParameter(e.detail(1), e.detail(0), e.detail(0)
                    + " can only include alphanumeric and punctuation characters. 1 to 128 in length.");
            case MESSAGE_TOO_LONG -> new AwsException(SqsError.INVALID_PARAMETER_VALUE, "One or more parameters are "
                    + "invalid. Reason: Message must be shorter than " + e.detail(0) + " bytes.");
            case BATCH_TOO_LONG -> new AwsException(SqsError.BATCH_REQUEST_TOO_LONG, "Batch requests cannot be longer "
                    + "than " + e.detail(0) + " bytes. You have sent " + e.detail(1) + " bytes.");
            case INVALID_CHARACTER -> new AwsException(SqsError.INVALID_MESSAGE_CONTENTS, "Invalid binary character '#x"
                    + e.detail(0) + "' was found in the message body, the set of allowed characters is #x9 | #xA | #xD "
                    + "| #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
            case TOO_MANY_MESSAGE_ATTRIBUTES -> new AwsException(SqsError.INVALID_PARAMETER_VALUE,
                    "Number of message attributes [" + e.detail(0) + "] exceeds the allowed maximum [10].");
            case INVALID_SYSTEM_ATTRIBUTE_NAME -> new AwsException(SqsError.INVALID_PARAMETER_VALUE,
                    "Message system attribute name '" + e.detail(0) + "' is invalid.");
            case INVALID_ATTRIBUTE_NAME -> new AwsException(SqsError.INVALID_PARAMETER_VALUE, "The " + e.detail(0)
                    + " name '" + e.detail(1) + "' is invalid. Attribute name can contain A-Z, a-z, 0-9, underscore "
                    + "(_), hyphen (-), and period (.) characters.");
            case ATTRIBUTE_TYPE_MISSING -> new AwsException(SqsError.INVALID_PARAMETER_VALUE, "The " + e.detail(0)
                    + " '" + e.detail(1) + "' must contain a non-empty attribute type.");
            case ATTRIBUTE_VALUE_MISSING -> new AwsException(SqsError.INVALID_PARAMETER_VALUE, "The " + e.detail(0)
                    + " '" + e.detail(1) + "' must contain a non-empty value of type '" + e.detail(2) + "'.");
            case ATTRIBUTE_NOT_A_NUMBER -> new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Can't cast the value of "
                    + e.detail(0) + " '" + e.detail(1) + "' to a number.");
            case ATTRIBUTE_TYPE_INVALID -> new AwsException(SqsError.INVALID_PARAMETER_VALUE, "The type of "
                    + e.detail(0) + " '" + e.detail(1) + "' is invalid. You must use only the following supported "
                    + "type prefixes: Binary, Number, String.");
            case LIST_LIMIT_OUT_OF_RANGE -> invalidParameter(e.detail(0), "MaxResults",
                    "MaxResults must be an integer between 1 and 1000.");
            case NOT_A_DEAD_LETTER_QUEUE -> new AwsException(SqsError.INVALID_PARAMETER_VALUE,
                    "Source queue must be configured as a Dead Letter Queue.");
            case MOVE_RATE_OUT_OF_RANGE -> invalidParameter(e.detail(0), "MaxNumberOfMessagesPerSecond",
                    "must be between 1 and 500.");
            case MOVE_TASK_LIST_LIMIT_OUT_OF_RANGE -> invalidParameter(e.detail(0), "MaxResults",
                    "must be between 1 and 10.");
            case MOVE_TASK_ALREADY_RUNNING -> new AwsException(SqsError.UNSUPPORTED_OPERATION, "There is already a task "
                    + "running. Only one active task is allowed for a source queue arn at a given time.");
            case MOVE_DESTINATION_NOT_FOUND -> new AwsException(SqsError.RESOURCE_NOT_FOUND, "The resource that you "
                    + "specified for the DestinationArn parameter doesn't exist.");
            case MOVE_TASK_NOT_ACTIVE -> new AwsException(SqsError.UNSUPPORTED_OPERATION,
                    "Only active tasks can be cancelled.");
            case MOVE_TASK_NOT_FOUND -> new AwsException(SqsError.RESOURCE_NOT_FOUND, "Task does not exist.");
        };
    }

    private static AwsException invalidRedrivePolicy(String reason) {
        return new AwsException(SqsError.INVALID_ATTRIBUTE_VALUE,
                "Invalid value for the parameter RedrivePolicy. Reason: " + reason);
    }

    private static AwsException invalidParameter(String value, String parameter, String reason) {
        return new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + value + " for parameter " + parameter
                + " is invalid. Reason: " + reason);
    }
}
