package dev.gureum.sns.domain;

import dev.gureum.sns.domain.SnsException.Reason;
import dev.gureum.sns.filter.FilterPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SNS's rules for topics, subscriptions and delivery policies, without any protocol. */
class SnsRulesTest {

    private static final String ARN = "arn:aws:sns:us-east-1:000000000000:";

    private static Topic topic(String name) {
        return new Topic(ARN + name, name, "000000000000", "us-east-1", name.endsWith(".fifo"));
    }

    private static Reason reason(Runnable call) {
        try {
            call.run();
        } catch (SnsException e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void topicNamesFollowTheirType() {
        TopicName.check("a".repeat(256), false);
        TopicName.check("a".repeat(251) + ".fifo", true);
        assertThat(reason(() -> TopicName.check("a".repeat(257), false))).isEqualTo(Reason.INVALID_TOPIC_NAME);
        assertThat(reason(() -> TopicName.check("a.fifo", false))).isEqualTo(Reason.INVALID_TOPIC_NAME);
        assertThat(reason(() -> TopicName.check("plain", true))).isEqualTo(Reason.INVALID_TOPIC_NAME);
        assertThat(reason(() -> TopicName.check("", false))).isEqualTo(Reason.INVALID_TOPIC_NAME);
    }

    @Test
    void topicAttributesTakeSnsValues() {
        TopicAttributes.check("DisplayName", "d".repeat(100), false);
        TopicAttributes.check("ContentBasedDeduplication", "TRUE", true);
        TopicAttributes.check("FifoThroughputScope", "MessageGroup", true);
        assertThatThrownBy(() -> TopicAttributes.check("Nope", "x", false)).isInstanceOfSatisfying(SnsException.class,
                e -> assertThat(e.details()).containsExactly("Nope"));
        assertThat(reason(() -> TopicAttributes.check("DisplayName", "d".repeat(101), false)))
                .isEqualTo(Reason.DISPLAY_NAME_TOO_LONG);
        assertThat(reason(() -> TopicAttributes.check("ContentBasedDeduplication", "true", false)))
                .isEqualTo(Reason.CONTENT_BASED_DEDUPLICATION_NOT_FIFO);
        assertThat(reason(() -> TopicAttributes.check("ContentBasedDeduplication", "yes", true)))
                .isEqualTo(Reason.NOT_A_BOOLEAN);
        assertThat(reason(() -> TopicAttributes.check("FifoThroughputScope", "Topic", false)))
                .isEqualTo(Reason.INVALID_FIFO_THROUGHPUT_SCOPE);
        assertThat(reason(() -> TopicAttributes.check("SignatureVersion", "3", false)))
                .isEqualTo(Reason.INVALID_SIGNATURE_VERSION);
    }

    @Test
    void anExistingTopicIsCreatedAgainOnlyWithItsOwnAttributesAndTags() {
        Topic topic = topic("again");
        topic.tag(Map.of("k", "v"));
        TopicAttributes.checkSameAs(topic, Map.of("DisplayName", "", "FifoTopic", "false"), Map.of());
        TopicAttributes.checkSameAs(topic, Map.of(), Map.of("k", "v"));
        assertThat(reason(() -> TopicAttributes.checkSameAs(topic, Map.of("DisplayName", "x"), Map.of())))
                .isEqualTo(Reason.TOPIC_EXISTS_WITH_OTHER_ATTRIBUTES);
        assertThat(reason(() -> TopicAttributes.checkSameAs(topic, Map.of(), Map.of("k", "w"))))
                .isEqualTo(Reason.TOPIC_EXISTS_WITH_OTHER_TAGS);
        java.util.Map<String, String> fifty = new java.util.HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("t" + i, "v");
        }
        TopicAttributes.checkTagCount(Map.of(), fifty);
        assertThat(reason(() -> TopicAttributes.checkTagCount(Map.of("other", "v"), fifty)))
                .isEqualTo(Reason.TOO_MANY_TAGS);
    }

    @Test
    void permissionsNameTopicActions() {
        TopicPermission p = TopicPermission.of("l", List.of("111111111111"), List.of("sns:Publish", "Subscribe", "*"));
        assertThat(p.actions()).containsExactly("Publish", "Subscribe", "*");
        assertThat(reason(() -> TopicPermission.of("l", List.of("1"), List.of("sqs:SendMessage"))))
                .isEqualTo(Reason.PERMISSION_ACTION_OUT_OF_SCOPE);
        assertThatThrownBy(() -> TopicPermission.of("l", List.of(), List.of("Publish")))
                .isInstanceOfSatisfying(SnsException.class, e -> assertThat(e.details()).containsExactly("AWSAccountId"));
        assertThatThrownBy(() -> TopicPermission.of("l", List.of("1"), List.of()))
                .isInstanceOfSatisfying(SnsException.class, e -> assertThat(e.details()).containsExactly("ActionName"));
    }

    @Test
    void endpointsMatchTheirProtocol() {
        Topic standard = topic("standard");
        Topic fifo = topic("ordered.fifo");
        assertThat(SubscriptionEndpoints.protocol("HTTPS")).isEqualTo(DeliveryProtocol.HTTPS);
        assertThat(reason(() -> SubscriptionEndpoints.protocol("pigeon"))).isEqualTo(Reason.UNSUPPORTED_PROTOCOL);
        SubscriptionEndpoints.check(standard, DeliveryProtocol.HTTP, "http://example.com/hook");
        SubscriptionEndpoints.check(standard, DeliveryProtocol.SMS, "+1-555.0100");
        SubscriptionEndpoints.check(standard, DeliveryProtocol.SQS, "arn:aws:sqs:us-east-1:000000000000:q");
        SubscriptionEndpoints.check(fifo, DeliveryProtocol.SQS, "arn:aws:sqs:us-east-1:000000000000:q.fifo");
        SubscriptionEndpoints.check(standard, DeliveryProtocol.LAMBDA, "arn:aws:lambda:us-east-1:000000000000:function:f");
        assertThat(reason(() -> SubscriptionEndpoints.check(fifo, DeliveryProtocol.HTTP, "http://example.com")))
                .isEqualTo(Reason.PROTOCOL_NOT_FOR_FIFO_TOPIC);
        assertThat(reason(() -> SubscriptionEndpoints.check(standard, DeliveryProtocol.EMAIL, "")))
                .isEqualTo(Reason.ENDPOINT_MISSING);
        assertThat(reason(() -> SubscriptionEndpoints.check(standard, DeliveryProtocol.HTTPS, "http://example.com")))
                .isEqualTo(Reason.ENDPOINT_PROTOCOL_MISMATCH);
        assertThat(reason(() -> SubscriptionEndpoints.check(standard, DeliveryProtocol.HTTP, "http://")))
                .isEqualTo(Reason.INVALID_ENDPOINT);
        assertThat(reason(() -> SubscriptionEndpoints.check(standard, DeliveryProtocol.EMAIL, "nobody")))
                .isEqualTo(Reason.INVALID_ENDPOINT);
        assertThat(reason(() -> SubscriptionEndpoints.check(standard, DeliveryProtocol.SMS, "+1--2")))
                .isEqualTo(Reason.INVALID_ENDPOINT);
        assertThatThrownBy(() -> SubscriptionEndpoints.check(standard, DeliveryProtocol.LAMBDA,
                "arn:aws:sqs:us-east-1:000000000000:q")).isInstanceOfSatisfying(SnsException.class,
                e -> assertThat(e.details()).containsExactly("lambda", "arn:aws:sqs:us-east-1:000000000000:q"));
        assertThat(reason(() -> SubscriptionEndpoints.check(standard, DeliveryProtocol.SQS,
                "arn:aws:sqs:us-east-1:000000000000:q.fifo"))).isEqualTo(Reason.FIFO_QUEUE_ON_STANDARD_TOPIC);
    }

    @Test
    void subscriptionAttributesTakeSnsValues() {
        SubscriptionAttributes.check(DeliveryProtocol.SQS, "RawMessageDelivery", "True");
        assertThat(reason(() -> SubscriptionAttributes.check(DeliveryProtocol.SQS, "Nope", "x")))
                .isEqualTo(Reason.UNKNOWN_ATTRIBUTE);
        assertThat(reason(() -> SubscriptionAttributes.check(DeliveryProtocol.SQS, "RawMessageDelivery", "1")))
                .isEqualTo(Reason.NOT_A_BOOLEAN);
        assertThat(reason(() -> SubscriptionAttributes.check(DeliveryProtocol.EMAIL, "RawMessageDelivery", "true")))
                .isEqualTo(Reason.RAW_DELIVERY_UNSUPPORTED);
        assertThat(SubscriptionAttributes.filterPolicyScope("MessageBody")).isEqualTo(FilterPolicy.Scope.MESSAGE_BODY);
        assertThat(reason(() -> SubscriptionAttributes.filterPolicyScope("Elsewhere")))
                .isEqualTo(Reason.INVALID_FILTER_POLICY_SCOPE);
        Topic fifo = topic("ordered.fifo");
        String dlq = "arn:aws:sqs:us-east-1:000000000000:dead";
        assertThat(SubscriptionAttributes.deadLetterQueue(topic("t"), "arn:aws:sqs:us-east-1:000000000000:q", dlq))
                .isEqualTo(dlq);
        assertThat(reason(() -> SubscriptionAttributes.deadLetterQueue(topic("t"), "e", null)))
                .isEqualTo(Reason.DEAD_LETTER_TARGET_INVALID);
        assertThat(reason(() -> SubscriptionAttributes.deadLetterQueue(topic("t"), "e", "arn:aws:sns:us-east-1:0:t")))
                .isEqualTo(Reason.DEAD_LETTER_TARGET_INVALID);
        assertThat(reason(() -> SubscriptionAttributes.deadLetterQueue(fifo, "arn:aws:sqs:us-east-1:0:q.fifo", dlq)))
                .isEqualTo(Reason.DEAD_LETTER_TARGET_NOT_FIFO);
    }

    @Test
    void retryPoliciesAreCheckedAndCompletedWithDefaults() {
        assertThat(RetryPolicy.of(null)).isEqualTo(RetryPolicy.DEFAULT);
        RetryPolicy given = RetryPolicy.of(new RetryPolicy.Document("5", null, "1", null, null, null, null));
        assertThat(given).isEqualTo(new RetryPolicy(5, 20, 1, 0, 0, 0, "linear"));
        assertThatThrownBy(() -> RetryPolicy.of(new RetryPolicy.Document("0", null, null, null, null, null, null)))
                .isInstanceOfSatisfying(SnsException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.DELIVERY_POLICY_VALUE_OUT_OF_RANGE);
                    assertThat(e.details()).containsExactly("minDelayTarget", "1", "3600");
                });
        assertThat(reason(() -> RetryPolicy.of(new RetryPolicy.Document("\"5\"", null, null, null, null, null, null))))
                .isEqualTo(Reason.DELIVERY_POLICY_VALUE_OUT_OF_RANGE);
        assertThat(reason(() -> RetryPolicy.of(new RetryPolicy.Document("30", "10", null, null, null, null, null))))
                .isEqualTo(Reason.DELIVERY_POLICY_MIN_ABOVE_MAX);
        assertThat(reason(() -> RetryPolicy.of(new RetryPolicy.Document(null, null, "3", "2", "2", null, null))))
                .isEqualTo(Reason.DELIVERY_POLICY_RETRIES_EXCEED_TOTAL);
        assertThat(reason(() -> RetryPolicy.of(new RetryPolicy.Document(null, null, null, null, null, null, "cubic"))))
                .isEqualTo(Reason.DELIVERY_POLICY_INVALID_BACKOFF);
        assertThat(reason(() -> RetryPolicy.of(new RetryPolicy.Document("60", "3600", "100", "90", null, null, null))))
                .isEqualTo(Reason.DELIVERY_POLICY_TOO_LONG);
    }
}
