package dev.gureum.sns.domain;

import dev.gureum.core.state.ScopedStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * SNS's state: per account and region the topics, platform applications and endpoints and SMS
 * settings; and every subscription by ARN (a subscription may belong to another account's topic).
 */
public final class SnsStore {

    /** The SNS resources of one account in one region. */
    public static final class Resources {
        final Map<String, Topic> topics = new ConcurrentSkipListMap<>();
        final Map<String, PlatformApplication> applications = new ConcurrentSkipListMap<>();
        final Map<String, PlatformEndpoint> endpoints = new ConcurrentSkipListMap<>();
        final Map<String, String> smsAttributes = new ConcurrentSkipListMap<>();
        final Set<String> optedOut = new ConcurrentSkipListSet<>();
        final Map<String, String> sandboxNumbers = new ConcurrentSkipListMap<>();

        public Map<String, PlatformApplication> applications() {
            return applications;
        }

        public Map<String, PlatformEndpoint> endpoints() {
            return endpoints;
        }

        public Map<String, String> smsAttributes() {
            return smsAttributes;
        }

        /** Phone numbers that opted out of SMS. */
        public Set<String> optedOut() {
            return optedOut;
        }

        /** The SMS sandbox's destination numbers and their status ({@code Pending}, {@code Verified}). */
        public Map<String, String> sandboxNumbers() {
            return sandboxNumbers;
        }
    }

    private final ScopedStore<Resources> scopes = new ScopedStore<>(Resources::new);
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    public Resources resources(String accountId, String region) {
        return scopes.get(accountId, region);
    }

    public Topic topic(String accountId, String region, String name) {
        return scopes.get(accountId, region).topics.get(name);
    }

    /** Adds the topic unless the name is taken; returns the topic that holds the name. */
    public Topic putIfAbsent(Topic topic) {
        Topic existing = scopes.get(topic.accountId(), topic.region()).topics.putIfAbsent(topic.name(), topic);
        return existing == null ? topic : existing;
    }

    /** Deletes the topic and its subscriptions. */
    public void remove(Topic topic) {
        scopes.get(topic.accountId(), topic.region()).topics.remove(topic.name(), topic);
        for (Subscription s : topic.subscriptions()) {
            subscriptions.remove(s.arn());
        }
        topic.subscriptions().clear();
    }

    /** The topics of one account and region, in name order. */
    public List<Topic> topics(String accountId, String region) {
        return new ArrayList<>(scopes.get(accountId, region).topics.values());
    }

    /** The topics of every account and region. */
    public List<Topic> allTopics() {
        List<Topic> all = new ArrayList<>();
        scopes.forEach((scope, resources) -> all.addAll(resources.topics.values()));
        return all;
    }

    public Subscription subscription(String arn) {
        return subscriptions.get(arn);
    }

    public void add(Subscription subscription) {
        subscriptions.put(subscription.arn(), subscription);
        subscription.topic().addSubscription(subscription);
    }

    public void remove(Subscription subscription) {
        subscriptions.remove(subscription.arn());
        subscription.topic().removeSubscription(subscription);
    }

    /** Every subscription, for listings (callers filter by owner and region). */
    public List<Subscription> subscriptions() {
        return new ArrayList<>(subscriptions.values());
    }

    /** Adds or replaces a subscription (one read back from its record). */
    void replace(Subscription subscription) {
        Subscription old = subscriptions.put(subscription.arn(), subscription);
        if (old != null) {
            old.topic().subscriptions().remove(old);
        }
        subscription.topic().addSubscription(subscription);
    }

    void forEachScope(java.util.function.BiConsumer<dev.gureum.core.state.Scope, Resources> action) {
        scopes.forEach(action);
    }

    public void clear() {
        scopes.clear();
        subscriptions.clear();
    }
}
