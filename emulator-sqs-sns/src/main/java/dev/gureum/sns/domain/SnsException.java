package dev.gureum.sns.domain;

import java.util.Arrays;
import java.util.List;

/**
 * A request SNS refuses for a reason of its own semantics. The protocol layer turns each reason into
 * SNS's error code and message; {@link #details()} carries what the message names, in the order the
 * reason documents. Refusals of an attribute are reported by AWS with the place it was given (an
 * {@code Attributes} map, or {@code AttributeName}/{@code AttributeValue}), which the protocol adds.
 */
public final class SnsException extends RuntimeException {

    public enum Reason {
        /** details: whether a FIFO topic's name was meant */
        INVALID_TOPIC_NAME,
        /** details: attribute name; not one the operation takes */
        UNKNOWN_ATTRIBUTE,
        /** details: attribute name, value; the attribute takes true or false */
        NOT_A_BOOLEAN,
        /** Content-based deduplication is for FIFO topics. */
        CONTENT_BASED_DEDUPLICATION_NOT_FIFO,
        /** details: value; Topic or MessageGroup, on FIFO topics */
        INVALID_FIFO_THROUGHPUT_SCOPE,
        /** details: value; 1 or 2 */
        INVALID_SIGNATURE_VERSION,
        /** A display name is at most 100 characters. */
        DISPLAY_NAME_TOO_LONG,
        /** details: attribute name, the parser's message */
        DOCUMENT_NOT_JSON,
        /** details: attribute name; the policy is JSON but not an object */
        DOCUMENT_NOT_AN_OBJECT,
        /** CreateTopic of an existing name with other attribute values. */
        TOPIC_EXISTS_WITH_OTHER_ATTRIBUTES,
        /** CreateTopic of an existing name with other tags. */
        TOPIC_EXISTS_WITH_OTHER_TAGS,
        /** A topic has at most 50 tags. */
        TOO_MANY_TAGS,
        /** details: parameter name (AWSAccountId, ActionName); AddPermission names both */
        PERMISSION_PARAMETER_MISSING,
        /** AddPermission of an action that is not a topic's. */
        PERMISSION_ACTION_OUT_OF_SCOPE,
        /** AddPermission of a label the policy has. */
        PERMISSION_LABEL_EXISTS,
        /** details: protocol as given */
        UNSUPPORTED_PROTOCOL,
        /** details: protocol; FIFO topics deliver to SQS queues only */
        PROTOCOL_NOT_FOR_FIFO_TOPIC,
        /** A subscription needs an endpoint. */
        ENDPOINT_MISSING,
        /** details: protocol, endpoint; the endpoint is not one of the protocol's */
        INVALID_ENDPOINT,
        /** An HTTP/S endpoint's scheme is the protocol's. */
        ENDPOINT_PROTOCOL_MISMATCH,
        /** A FIFO SQS queue subscribes to FIFO topics only. */
        FIFO_QUEUE_ON_STANDARD_TOPIC,
        /** A subscription of the same endpoint with other attribute values exists. */
        SUBSCRIPTION_EXISTS_WITH_OTHER_ATTRIBUTES,
        /** details: protocol; raw delivery is for SQS, HTTP/S and Firehose */
        RAW_DELIVERY_UNSUPPORTED,
        /** details: value; MessageBody or MessageAttributes */
        INVALID_FILTER_POLICY_SCOPE,
        /** A topic takes a limited number of subscriptions with a filter policy. */
        FILTER_POLICY_LIMIT_EXCEEDED,
        /** A RedrivePolicy's deadLetterTargetArn is not an SQS queue's ARN. */
        DEAD_LETTER_TARGET_INVALID,
        /** A FIFO subscription to a FIFO topic needs a FIFO dead-letter queue. */
        DEAD_LETTER_TARGET_NOT_FIFO,
        /** details: member, minimum, maximum; a delivery policy's integer out of its range */
        DELIVERY_POLICY_VALUE_OUT_OF_RANGE,
        /** minDelayTarget above maxDelayTarget. */
        DELIVERY_POLICY_MIN_ABOVE_MAX,
        /** The phases' retries add up to more than numRetries. */
        DELIVERY_POLICY_RETRIES_EXCEED_TOTAL,
        /** backoffFunction is not linear, arithmetic, geometric or exponential. */
        DELIVERY_POLICY_INVALID_BACKOFF,
        /** The retries would take longer than an hour. */
        DELIVERY_POLICY_TOO_LONG
    }

    private final Reason reason;
    private final List<String> details;

    public SnsException(Reason reason, Object... details) {
        super(reason.name(), null, false, false);
        this.reason = reason;
        this.details = Arrays.stream(details).map(String::valueOf).toList();
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
