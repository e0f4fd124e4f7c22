package dev.gureum.sqs.domain;


import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The settable queue attributes: names, defaults and the ranges SQS accepts. */
public final class QueueAttributes {

    public static final String DELAY_SECONDS = "DelaySeconds";
    public static final String MAXIMUM_MESSAGE_SIZE = "MaximumMessageSize";
    public static final String MESSAGE_RETENTION_PERIOD = "MessageRetentionPeriod";
    public static final String RECEIVE_MESSAGE_WAIT_TIME_SECONDS = "ReceiveMessageWaitTimeSeconds";
    public static final String VISIBILITY_TIMEOUT = "VisibilityTimeout";
    public static final String REDRIVE_POLICY = "RedrivePolicy";
    public static final String REDRIVE_ALLOW_POLICY = "RedriveAllowPolicy";
    public static final String POLICY = "Policy";
    public static final String FIFO_QUEUE = "FifoQueue";
    public static final String CONTENT_BASED_DEDUPLICATION = "ContentBasedDeduplication";
    public static final String DEDUPLICATION_SCOPE = "DeduplicationScope";
    public static final String FIFO_THROUGHPUT_LIMIT = "FifoThroughputLimit";
    public static final String KMS_MASTER_KEY_ID = "KmsMasterKeyId";
    public static final String KMS_DATA_KEY_REUSE_PERIOD_SECONDS = "KmsDataKeyReusePeriodSeconds";
    public static final String SQS_MANAGED_SSE_ENABLED = "SqsManagedSseEnabled";

    /** Attributes computed by SQS, readable but not settable. */
    public static final List<String> READ_ONLY = List.of("ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp",
            "LastModifiedTimestamp", "QueueArn");

    private static final Set<String> FIFO_ONLY = Set.of(CONTENT_BASED_DEDUPLICATION, DEDUPLICATION_SCOPE,
            FIFO_THROUGHPUT_LIMIT);

    private QueueAttributes() {
    }

    /** Defaults of a new queue, as GetQueueAttributes reports them. */
    public static Map<String, String> defaults(boolean fifo) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(VISIBILITY_TIMEOUT, "30");
        d.put(MAXIMUM_MESSAGE_SIZE, "262144");
        d.put(MESSAGE_RETENTION_PERIOD, "345600");
        d.put(DELAY_SECONDS, "0");
        d.put(RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "0");
        d.put(SQS_MANAGED_SSE_ENABLED, "true");
        if (fifo) {
            d.put(FIFO_QUEUE, "true");
            d.put(CONTENT_BASED_DEDUPLICATION, "false");
            d.put(DEDUPLICATION_SCOPE, "queue");
            d.put(FIFO_THROUGHPUT_LIMIT, "perQueue");
        }
        return d;
    }

    public static boolean isKnown(String name) {
        return defaults(true).containsKey(name) || READ_ONLY.contains(name) || name.equals(REDRIVE_POLICY)
                || name.equals(REDRIVE_ALLOW_POLICY) || name.equals(POLICY) || name.equals(KMS_MASTER_KEY_ID)
                || name.equals(KMS_DATA_KEY_REUSE_PERIOD_SECONDS);
    }

    /**
     * Checks attributes given to CreateQueue or SetQueueAttributes.
     *
     * @param creating FifoQueue may be given only at creation
     */
    public static void validate(Map<String, String> attributes, boolean fifo, boolean creating) {
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (!isKnown(name) || READ_ONLY.contains(name)) {
                throw new SqsException(SqsException.Reason.UNKNOWN_QUEUE_ATTRIBUTE, name);
            }
            switch (name) {
                case DELAY_SECONDS -> range(name, value, 0, 900);
                case MAXIMUM_MESSAGE_SIZE -> range(name, value, 1024, 1_048_576);
                case MESSAGE_RETENTION_PERIOD -> range(name, value, 60, 1_209_600);
                case RECEIVE_MESSAGE_WAIT_TIME_SECONDS -> range(name, value, 0, 20);
                case VISIBILITY_TIMEOUT -> range(name, value, 0, 43_200);
                case KMS_DATA_KEY_REUSE_PERIOD_SECONDS -> range(name, value, 60, 86_400);
                case FIFO_QUEUE -> {
                    if (!creating) {
                        throw new SqsException(SqsException.Reason.UNKNOWN_QUEUE_ATTRIBUTE, name);
                    }
                    bool(name, value);
                }
                case CONTENT_BASED_DEDUPLICATION, SQS_MANAGED_SSE_ENABLED -> bool(name, value);
                case DEDUPLICATION_SCOPE -> oneOf(name, value, Set.of("messageGroup", "queue"));
                case FIFO_THROUGHPUT_LIMIT -> oneOf(name, value, Set.of("perQueue", "perMessageGroupId"));
                case REDRIVE_POLICY, REDRIVE_ALLOW_POLICY, POLICY -> {
                    // JSON documents, checked where they apply
                }
                default -> {
                    // KMS key ids are stored as given
                }
            }
            if (!fifo && FIFO_ONLY.contains(name)) {
                throw new SqsException(SqsException.Reason.UNKNOWN_QUEUE_ATTRIBUTE, name);
            }
        }
        if ("perMessageGroupId".equals(attributes.get(FIFO_THROUGHPUT_LIMIT))
                && "queue".equals(attributes.get(DEDUPLICATION_SCOPE))) {
            throw new SqsException(SqsException.Reason.INVALID_QUEUE_ATTRIBUTE_COMBINATION, FIFO_THROUGHPUT_LIMIT,
                    "perMessageGroupId throughput requires DeduplicationScope messageGroup.");
        }
    }

    private static void range(String name, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= min && v <= max) {
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name);
    }

    private static void bool(String name, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid(name);
        }
    }

    private static void oneOf(String name, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw invalid(name);
        }
    }

    static SqsException invalid(String name) {
        return new SqsException(SqsException.Reason.INVALID_QUEUE_ATTRIBUTE_VALUE, name);
    }
}
