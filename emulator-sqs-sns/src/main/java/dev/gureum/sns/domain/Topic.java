package dev.gureum.sns.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A topic: its settable attributes, tags and subscriptions, and for FIFO topics the sequence numbers
 * and the deduplication ids seen in the last five minutes.
 */
public final class Topic {

    public static final String FIFO_TOPIC = "FifoTopic";
    public static final String CONTENT_BASED_DEDUPLICATION = "ContentBasedDeduplication";
    public static final String FIFO_THROUGHPUT_SCOPE = "FifoThroughputScope";
    public static final String DISPLAY_NAME = "DisplayName";
    public static final String POLICY = "Policy";
    public static final String DELIVERY_POLICY = "DeliveryPolicy";
    public static final String SIGNATURE_VERSION = "SignatureVersion";

    /** How long a FIFO topic remembers a deduplication id. */
    public static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(5);

    /** A FIFO publish already seen: its message id and sequence number are answered again. */
    public record Published(String messageId, String sequenceNumber, Instant at) {
    }

    private final String arn;
    private final String name;
    private final String accountId;
    private final String region;
    private final boolean fifo;
    private final Map<String, String> attributes = new ConcurrentHashMap<>();
    private final Map<String, String> tags = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicInteger subscriptionsDeleted = new AtomicInteger();
    private final LinkedHashMap<String, Published> recentlyPublished = new LinkedHashMap<>();
    private volatile HttpDeliveryPolicy deliveryPolicy = HttpDeliveryPolicy.DEFAULT;
    private volatile boolean subscriptionOverridesDisabled;
    private volatile String dataProtectionPolicy;
    private long sequence;

    public Topic(String arn, String name, String accountId, String region, boolean fifo) {
        this.arn = arn;
        this.name = name;
        this.accountId = accountId;
        this.region = region;
        this.fifo = fifo;
    }

    public String arn() {
        return arn;
    }

    public String name() {
        return name;
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    public boolean isFifo() {
        return fifo;
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    /** Sets an attribute; an empty value removes it. */
    public void attribute(String name, String value) {
        if (value == null || value.isEmpty()) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    public Map<String, String> attributes() {
        return Map.copyOf(attributes);
    }

    public boolean contentBasedDeduplication() {
        return "true".equals(attributes.get(CONTENT_BASED_DEDUPLICATION));
    }

    public String signatureVersion() {
        return attributes.getOrDefault(SIGNATURE_VERSION, "1");
    }

    public HttpDeliveryPolicy deliveryPolicy() {
        return deliveryPolicy;
    }

    public boolean subscriptionOverridesDisabled() {
        return subscriptionOverridesDisabled;
    }

    public void deliveryPolicy(HttpDeliveryPolicy policy, boolean disableSubscriptionOverrides) {
        this.deliveryPolicy = policy;
        this.subscriptionOverridesDisabled = disableSubscriptionOverrides;
    }

    public String dataProtectionPolicy() {
        return dataProtectionPolicy;
    }

    public void dataProtectionPolicy(String policy) {
        this.dataProtectionPolicy = policy;
    }

    /** Sets the whole configuration, as a record of it holds it. */
    public void restore(Map<String, String> attributes, Map<String, String> tags, String dataProtectionPolicy,
                        int subscriptionsDeleted) {
        this.attributes.clear();
        this.attributes.putAll(attributes);
        synchronized (this.tags) {
            this.tags.clear();
            this.tags.putAll(tags);
        }
        this.dataProtectionPolicy = dataProtectionPolicy;
        this.subscriptionsDeleted.set(subscriptionsDeleted);
    }

    // ---- tags ----------------------------------------------------------------------------------

    public Map<String, String> tags() {
        synchronized (tags) {
            return new LinkedHashMap<>(tags);
        }
    }

    public void tag(Map<String, String> added) {
        tags.putAll(added);
    }

    public void untag(Iterable<String> keys) {
        keys.forEach(tags::remove);
    }

    // ---- subscriptions -------------------------------------------------------------------------

    public List<Subscription> subscriptions() {
        return subscriptions;
    }

    public void addSubscription(Subscription subscription) {
        subscriptions.add(subscription);
    }

    public boolean removeSubscription(Subscription subscription) {
        if (subscriptions.remove(subscription)) {
            subscriptionsDeleted.incrementAndGet();
            return true;
        }
        return false;
    }

    public int subscriptionsConfirmed() {
        int n = 0;
        for (Subscription s : subscriptions) {
            n += s.isConfirmed() ? 1 : 0;
        }
        return n;
    }

    public int subscriptionsPending() {
        return subscriptions.size() - subscriptionsConfirmed();
    }

    public int subscriptionsDeleted() {
        return subscriptionsDeleted.get();
    }

    // ---- FIFO ----------------------------------------------------------------------------------

    /**
     * The earlier publish with this deduplication key within the window, or {@code null} after taking
     * the next sequence number for a new one (then {@link #remember} it). Callers hold the topic's
     * lock across this, the deliveries and {@code remember}, so that groups keep their order.
     */
    public Published duplicateOf(String deduplicationKey, Instant now) {
        Iterator<Published> oldest = recentlyPublished.values().iterator();
        while (oldest.hasNext()) {
            if (oldest.next().at().plus(DEDUPLICATION_WINDOW).isAfter(now)) {
                break;
            }
            oldest.remove();
        }
        return recentlyPublished.get(deduplicationKey);
    }

    /** The next sequence number: twenty digits, increasing, as AWS's are. */
    public String nextSequenceNumber() {
        return String.format("1%019d", ++sequence);
    }

    public void remember(String deduplicationKey, Published published) {
        recentlyPublished.put(deduplicationKey, published);
    }
}
