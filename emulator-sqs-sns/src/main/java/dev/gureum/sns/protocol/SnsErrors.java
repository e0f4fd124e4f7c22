package dev.gureum.sns.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.sns.domain.SnsException;

/** The one place where SNS's domain refusals become AWS errors: code, status and message. */
final class SnsErrors {

    /** How AWS reports an attribute given in an {@code Attributes} map (CreateTopic, Subscribe). */
    static final String IN_ATTRIBUTES = "Attributes Reason: ";

    private SnsErrors() {
    }

    /** A refusal of a request that names an attribute by {@code AttributeName}, or names none. */
    static AwsException aws(SnsException e) {
        return aws(e, "");
    }

    /**
     * @param where how AWS says where a refused attribute was given: {@link #IN_ATTRIBUTES}, or empty for
     *              {@code AttributeName}/{@code AttributeValue}
     */
    static AwsException aws(SnsException e, String where) {
        return switch (e.reason()) {
            case INVALID_TOPIC_NAME -> SnsError.invalidParameter("Topic Name");
            case UNKNOWN_ATTRIBUTE -> SnsError.invalidParameter(where.isEmpty() ? "AttributeName"
                    : where + "Invalid attribute name: " + e.detail(0));
            case NOT_A_BOOLEAN -> SnsError.invalidParameter(where + e.detail(0) + ": Invalid value [" + e.detail(1)
                    + "]. Must be true or false.");
            case CONTENT_BASED_DEDUPLICATION_NOT_FIFO -> SnsError.invalidParameter(where + "ContentBasedDeduplication: "
                    + "Content-based deduplication can only be set for FIFO topics");
            case INVALID_FIFO_THROUGHPUT_SCOPE -> SnsError.invalidParameter(where + "FifoThroughputScope: Invalid value ["
                    + e.detail(0) + "]. Please use either Topic or MessageGroup");
            case INVALID_SIGNATURE_VERSION -> SnsError.invalidParameter(where + "SignatureVersion: Invalid value ["
                    + e.detail(0) + "]. Please use either 1 or 2");
            case DISPLAY_NAME_TOO_LONG -> SnsError.invalidParameter(where + "DisplayName");
            case DOCUMENT_NOT_JSON -> SnsError.invalidParameter(where + e.detail(0) + ": failed to parse JSON. "
                    + e.detail(1));
            case DOCUMENT_NOT_AN_OBJECT -> SnsError.invalidParameter(where + e.detail(0) + ": "
                    + (e.detail(0).equals("DeliveryPolicy") ? "Delivery policy" : "Policy") + " must be a JSON object");
            case TOPIC_EXISTS_WITH_OTHER_ATTRIBUTES -> SnsError.invalidParameter("Attributes Reason: Topic already "
                    + "exists with different attributes");
            case TOPIC_EXISTS_WITH_OTHER_TAGS -> SnsError.invalidParameter("Tags Reason: Topic already exists with "
                    + "different tags");
            case TOO_MANY_TAGS -> new AwsException(SnsError.TAG_LIMIT_EXCEEDED,
                    "Could not complete request: tag quota of per resource exceeded");
            case PERMISSION_PARAMETER_MISSING -> SnsError.invalidParameter(e.detail(0)
                    + " Reason: no value for required parameter");
            case PERMISSION_ACTION_OUT_OF_SCOPE -> SnsError.invalidParameter(
                    "Policy statement action out of service scope!");
            case PERMISSION_LABEL_EXISTS -> SnsError.invalidParameter("Statement already exists");
            case UNSUPPORTED_PROTOCOL -> SnsError.invalidParameter("Amazon SNS does not support this protocol string: "
                    + e.detail(0));
            case PROTOCOL_NOT_FOR_FIFO_TOPIC -> SnsError.invalidParameter("Invalid protocol type: " + e.detail(0));
            case ENDPOINT_MISSING -> SnsError.invalidParameter("Endpoint Reason: no value for required parameter");
            case ENDPOINT_PROTOCOL_MISMATCH -> SnsError.invalidParameter("Endpoint must match the specified protocol");
            case INVALID_ENDPOINT -> invalidEndpoint(e.detail(0), e.details().size() > 1 ? e.detail(1) : "");
            case FIFO_QUEUE_ON_STANDARD_TOPIC -> SnsError.invalidParameter("Invalid parameter: Endpoint Reason: FIFO "
                    + "SQS Queues can not be subscribed to standard SNS topics");
            case SUBSCRIPTION_EXISTS_WITH_OTHER_ATTRIBUTES -> SnsError.invalidParameter("Attributes Reason: "
                    + "Subscription already exists with different attributes");
            case RAW_DELIVERY_UNSUPPORTED -> SnsError.invalidParameter(where + "Delivery protocol [" + e.detail(0)
                    + "] does not support raw message delivery.");
            case INVALID_FILTER_POLICY_SCOPE -> SnsError.invalidParameter(where + "FilterPolicyScope: Invalid value ["
                    + e.detail(0) + "]. Please use either MessageBody or MessageAttributes");
            case FILTER_POLICY_LIMIT_EXCEEDED -> new AwsException(SnsError.FILTER_POLICY_LIMIT_EXCEEDED,
                    "Filter policy limit exceeded");
            case DEAD_LETTER_TARGET_INVALID -> SnsError.invalidParameter(where + "RedrivePolicy: deadLetterTargetArn "
                    + "is an invalid arn");
            case DEAD_LETTER_TARGET_NOT_FIFO -> SnsError.invalidParameter(where + "RedrivePolicy: must use a FIFO "
                    + "queue as DLQ for a FIFO Subscription to a FIFO Topic.");
            case DELIVERY_POLICY_VALUE_OUT_OF_RANGE -> SnsError.invalidParameter(where + "DeliveryPolicy: "
                    + e.detail(0) + " must be an integer between " + e.detail(1) + " and " + e.detail(2));
            case DELIVERY_POLICY_MIN_ABOVE_MAX -> SnsError.invalidParameter(where + "DeliveryPolicy: minDelayTarget "
                    + "must be less than or equal to maxDelayTarget");
            case DELIVERY_POLICY_RETRIES_EXCEED_TOTAL -> SnsError.invalidParameter(where + "DeliveryPolicy: numRetries "
                    + "must be greater than or equal to the sum of numNoDelayRetries, numMinDelayRetries and "
                    + "numMaxDelayRetries");
            case DELIVERY_POLICY_INVALID_BACKOFF -> SnsError.invalidParameter(where + "DeliveryPolicy: backoffFunction "
                    + "must be one of linear, arithmetic, geometric or exponential");
            case DELIVERY_POLICY_TOO_LONG -> SnsError.invalidParameter(where + "DeliveryPolicy: The total time of "
                    + "retries must be at most 3600 seconds");
        };
    }

    private static AwsException invalidEndpoint(String protocol, String endpoint) {
        return switch (protocol) {
            case "http", "https" -> SnsError.invalidParameter("Endpoint Reason: " + endpoint + " is not a valid URL");
            case "email", "email-json" -> SnsError.invalidParameter("Email address");
            case "sms" -> SnsError.invalid("Invalid SMS endpoint: " + endpoint);
            case "sqs" -> SnsError.invalidParameter("SQS endpoint ARN");
            case "lambda" -> SnsError.invalidParameter("Lambda endpoint ARN");
            case "application" -> SnsError.invalidParameter("Application endpoint arn invalid:" + endpoint);
            default -> SnsError.invalidParameter("Firehose endpoint ARN");
        };
    }
}
