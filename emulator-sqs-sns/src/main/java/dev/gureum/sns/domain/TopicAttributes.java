package dev.gureum.sns.domain;

import dev.gureum.sns.domain.SnsException.Reason;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The attributes CreateTopic and SetTopicAttributes take, the values SNS accepts, and the tag limit. */
public final class TopicAttributes {

    public static final String DATA_PROTECTION_POLICY = "DataProtectionPolicy";
    /** A topic has at most 50 tags. */
    public static final int MAX_TAGS = 50;

    /** Attributes CreateTopic and SetTopicAttributes take (besides FifoTopic, which only CreateTopic takes). */
    private static final Set<String> SETTABLE = Set.of(Topic.DELIVERY_POLICY, Topic.DISPLAY_NAME, Topic.POLICY,
            Topic.SIGNATURE_VERSION, "TracingConfig", "KmsMasterKeyId", Topic.CONTENT_BASED_DEDUPLICATION,
            "ArchivePolicy", Topic.FIFO_THROUGHPUT_SCOPE, DATA_PROTECTION_POLICY,
            "ApplicationSuccessFeedbackRoleArn", "ApplicationSuccessFeedbackSampleRate", "ApplicationFailureFeedbackRoleArn",
            "HTTPSuccessFeedbackRoleArn", "HTTPSuccessFeedbackSampleRate", "HTTPFailureFeedbackRoleArn",
            "LambdaSuccessFeedbackRoleArn", "LambdaSuccessFeedbackSampleRate", "LambdaFailureFeedbackRoleArn",
            "SQSSuccessFeedbackRoleArn", "SQSSuccessFeedbackSampleRate", "SQSFailureFeedbackRoleArn",
            "FirehoseSuccessFeedbackRoleArn", "FirehoseSuccessFeedbackSampleRate", "FirehoseFailureFeedbackRoleArn");

    private TopicAttributes() {
    }

    /**
     * Checks an attribute's value for a topic of the given type. The JSON documents among them (Policy,
     * DeliveryPolicy, DataProtectionPolicy) are read, and so checked, where they are parsed.
     */
    public static void check(String name, String value, boolean fifo) {
        if (!SETTABLE.contains(name)) {
            throw new SnsException(Reason.UNKNOWN_ATTRIBUTE, name);
        }
        switch (name) {
            case Topic.CONTENT_BASED_DEDUPLICATION -> {
                if (!fifo) {
                    throw new SnsException(Reason.CONTENT_BASED_DEDUPLICATION_NOT_FIFO);
                }
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new SnsException(Reason.NOT_A_BOOLEAN, name, value);
                }
            }
            case Topic.FIFO_THROUGHPUT_SCOPE -> {
                if (!fifo || !value.equals("Topic") && !value.equals("MessageGroup")) {
                    throw new SnsException(Reason.INVALID_FIFO_THROUGHPUT_SCOPE, value);
                }
            }
            case Topic.SIGNATURE_VERSION -> {
                if (!value.equals("1") && !value.equals("2")) {
                    throw new SnsException(Reason.INVALID_SIGNATURE_VERSION, value);
                }
            }
            case Topic.DISPLAY_NAME -> {
                if (value.length() > 100) {
                    throw new SnsException(Reason.DISPLAY_NAME_TOO_LONG);
                }
            }
            default -> {
            }
        }
    }

    /** An attribute's value as CreateTopic compares it: what was set, or its default. */
    static String current(Topic topic, String name) {
        return switch (name) {
            case Topic.FIFO_TOPIC -> String.valueOf(topic.isFifo());
            case Topic.DISPLAY_NAME -> topic.attribute(name) == null ? "" : topic.attribute(name);
            case Topic.CONTENT_BASED_DEDUPLICATION -> topic.isFifo() ? String.valueOf(topic.contentBasedDeduplication()) : null;
            case DATA_PROTECTION_POLICY -> topic.dataProtectionPolicy();
            default -> topic.attribute(name);
        };
    }

    /** CreateTopic of an existing name succeeds only with the topic's own attribute values and tags (if any). */
    public static void checkSameAs(Topic existing, Map<String, String> attributes, Map<String, String> tags) {
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (!a.getValue().equals(current(existing, a.getKey()))) {
                throw new SnsException(Reason.TOPIC_EXISTS_WITH_OTHER_ATTRIBUTES);
            }
        }
        if (!tags.isEmpty() && !tags.equals(existing.tags())) {
            throw new SnsException(Reason.TOPIC_EXISTS_WITH_OTHER_TAGS);
        }
    }

    /** Checks that a topic's tags, with those added, stay within the limit. */
    public static void checkTagCount(Map<String, String> existing, Map<String, String> added) {
        Map<String, String> merged = new HashMap<>(existing);
        merged.putAll(added);
        if (merged.size() > MAX_TAGS) {
            throw new SnsException(Reason.TOO_MANY_TAGS);
        }
    }
}
