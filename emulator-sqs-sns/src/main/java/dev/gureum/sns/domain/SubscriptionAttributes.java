package dev.gureum.sns.domain;

import dev.gureum.core.id.Arn;
import dev.gureum.sns.domain.SnsException.Reason;
import dev.gureum.sns.filter.FilterPolicy;

import java.util.Map;
import java.util.Set;

/**
 * The attributes Subscribe and SetSubscriptionAttributes take and the values SNS accepts; the filter,
 * redrive and delivery policies are JSON documents read where they are parsed, and checked here once read.
 */
public final class SubscriptionAttributes {

    private static final Set<String> SETTABLE = Set.of(Subscription.RAW_MESSAGE_DELIVERY, Subscription.FILTER_POLICY,
            Subscription.FILTER_POLICY_SCOPE, Subscription.REDRIVE_POLICY, Subscription.DELIVERY_POLICY,
            Subscription.SUBSCRIPTION_ROLE_ARN, Subscription.REPLAY_POLICY);
    /** Raw delivery strips the JSON envelope, which only these endpoints can do without. */
    private static final Set<DeliveryProtocol> RAW_CAPABLE = Set.of(DeliveryProtocol.SQS, DeliveryProtocol.HTTP,
            DeliveryProtocol.HTTPS, DeliveryProtocol.FIREHOSE);
    /** AWS's default quota of subscriptions with a filter policy on one topic. */
    public static final int MAX_FILTER_POLICIES_PER_TOPIC = 200;

    private SubscriptionAttributes() {
    }

    /** Checks the name and, for the attributes that are not JSON documents, the value. */
    public static void check(DeliveryProtocol protocol, String name, String value) {
        if (!SETTABLE.contains(name)) {
            throw new SnsException(Reason.UNKNOWN_ATTRIBUTE, name);
        }
        if (name.equals(Subscription.RAW_MESSAGE_DELIVERY)) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new SnsException(Reason.NOT_A_BOOLEAN, name, value);
            }
            if (value.equalsIgnoreCase("true") && !RAW_CAPABLE.contains(protocol)) {
                throw new SnsException(Reason.RAW_DELIVERY_UNSUPPORTED, protocol.wireName());
            }
        }
    }

    /** The scope a FilterPolicyScope names. */
    public static FilterPolicy.Scope filterPolicyScope(String value) {
        FilterPolicy.Scope scope = FilterPolicy.Scope.of(value);
        if (scope == null) {
            throw new SnsException(Reason.INVALID_FILTER_POLICY_SCOPE, value);
        }
        return scope;
    }

    /**
     * Checks a RedrivePolicy's dead-letter queue: an SQS queue's ARN with its account and region, and a FIFO
     * queue for a FIFO subscription to a FIFO topic.
     *
     * @param deadLetterTargetArn the policy's member, {@code null} when it has none
     */
    public static String deadLetterQueue(Topic topic, String endpoint, String deadLetterTargetArn) {
        Arn arn = deadLetterTargetArn == null ? null : SubscriptionEndpoints.arnOrNull(deadLetterTargetArn);
        if (arn == null || !arn.service().equals("sqs") || arn.accountId().isEmpty() || arn.region().isEmpty()) {
            throw new SnsException(Reason.DEAD_LETTER_TARGET_INVALID);
        }
        if (topic.isFifo() && endpoint.endsWith(".fifo") && !arn.resource().endsWith(".fifo")) {
            throw new SnsException(Reason.DEAD_LETTER_TARGET_NOT_FIFO);
        }
        return deadLetterTargetArn;
    }

    /** Refuses one more filter policy on a topic that has the most it may. */
    public static void checkFilterPolicyQuota(Topic topic) {
        int n = 0;
        for (Subscription s : topic.subscriptions()) {
            n += s.filterPolicy() != null ? 1 : 0;
        }
        if (n >= MAX_FILTER_POLICIES_PER_TOPIC) {
            throw new SnsException(Reason.FILTER_POLICY_LIMIT_EXCEEDED);
        }
    }

    /** Subscribe of an endpoint already subscribed succeeds only with its attribute values (or their defaults). */
    public static void checkSameAs(Subscription existing, Map<String, String> attributes) {
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            String current = existing.attribute(a.getKey());
            String expected = current != null ? current
                    : a.getKey().equals(Subscription.RAW_MESSAGE_DELIVERY) ? "false"
                    : a.getKey().equals(Subscription.FILTER_POLICY_SCOPE) ? "MessageAttributes" : "";
            if (!a.getValue().equals(expected)) {
                throw new SnsException(Reason.SUBSCRIPTION_EXISTS_WITH_OTHER_ATTRIBUTES);
            }
        }
    }
}
