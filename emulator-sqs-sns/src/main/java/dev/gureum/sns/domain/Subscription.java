package dev.gureum.sns.domain;

import dev.gureum.sns.filter.FilterPolicy;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A topic's subscription: where messages go, whether the endpoint has confirmed, and the settable
 * attributes (raw delivery, filter policy, redrive and delivery policies) with their parsed forms.
 */
public final class Subscription {

    public static final String RAW_MESSAGE_DELIVERY = "RawMessageDelivery";
    public static final String FILTER_POLICY = "FilterPolicy";
    public static final String FILTER_POLICY_SCOPE = "FilterPolicyScope";
    public static final String REDRIVE_POLICY = "RedrivePolicy";
    public static final String DELIVERY_POLICY = "DeliveryPolicy";
    public static final String SUBSCRIPTION_ROLE_ARN = "SubscriptionRoleArn";
    public static final String REPLAY_POLICY = "ReplayPolicy";

    private final String arn;
    private final Topic topic;
    private final String owner;
    private final String principal;
    private final DeliveryProtocol protocol;
    private final String endpoint;
    private final Map<String, String> attributes = new ConcurrentHashMap<>();
    private volatile boolean confirmed;
    private volatile boolean confirmationAuthenticated;
    private volatile boolean unsubscribeAuthenticated;
    private volatile String token;
    private volatile FilterPolicy filterPolicy;
    private volatile String deadLetterQueueArn;
    private volatile HttpDeliveryPolicy ownDeliveryPolicy;

    public Subscription(String arn, Topic topic, String owner, String principal, DeliveryProtocol protocol,
                        String endpoint, String token) {
        this.arn = arn;
        this.topic = topic;
        this.owner = owner;
        this.principal = principal;
        this.protocol = protocol;
        this.endpoint = endpoint;
        this.token = token;
    }

    public String arn() {
        return arn;
    }

    public Topic topic() {
        return topic;
    }

    public String topicArn() {
        return topic.arn();
    }

    /** The account that subscribed. */
    public String owner() {
        return owner;
    }

    public String principal() {
        return principal;
    }

    public DeliveryProtocol protocol() {
        return protocol;
    }

    public String endpoint() {
        return endpoint;
    }

    public boolean isConfirmed() {
        return confirmed;
    }

    public boolean isConfirmationAuthenticated() {
        return confirmationAuthenticated;
    }

    /**
     * @param authenticated           whether the confirmation came with credentials (auto-confirmed
     *                                subscriptions count as authenticated)
     * @param authenticateOnUnsubscribe whether unsubscribing then needs the owner's credentials, rather than
     *                                just the UnsubscribeURL
     */
    public void confirm(boolean authenticated, boolean authenticateOnUnsubscribe) {
        this.confirmationAuthenticated = authenticated;
        this.unsubscribeAuthenticated = authenticateOnUnsubscribe;
        this.confirmed = true;
    }

    public boolean unsubscribeNeedsAuthentication() {
        return unsubscribeAuthenticated;
    }

    /** The token of the last confirmation message sent for it. */
    public String token() {
        return token;
    }

    public void token(String token) {
        this.token = token;
    }

    public boolean isRawMessageDelivery() {
        return "true".equals(attributes.get(RAW_MESSAGE_DELIVERY));
    }

    public FilterPolicy filterPolicy() {
        return filterPolicy;
    }

    public String deadLetterQueueArn() {
        return deadLetterQueueArn;
    }

    /** The subscription's own delivery policy, or {@code null} to use the topic's. */
    public HttpDeliveryPolicy ownDeliveryPolicy() {
        return ownDeliveryPolicy;
    }

    /**
     * Sets an attribute with its parsed form ({@code null} parsed forms for attributes without one);
     * an empty value removes it, as AWS does.
     */
    public synchronized void attribute(String name, String value, Object parsed) {
        if (value == null || value.isEmpty()) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        switch (name) {
            case FILTER_POLICY -> {
                filterPolicy = (FilterPolicy) parsed;
                if (parsed == null) {
                    attributes.remove(FILTER_POLICY_SCOPE);
                }
            }
            case REDRIVE_POLICY -> deadLetterQueueArn = (String) parsed;
            case DELIVERY_POLICY -> ownDeliveryPolicy = (HttpDeliveryPolicy) parsed;
            default -> {
            }
        }
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    /** The attributes set on the subscription, in name order. */
    public Map<String, String> attributes() {
        return new TreeMap<>(attributes);
    }
}
