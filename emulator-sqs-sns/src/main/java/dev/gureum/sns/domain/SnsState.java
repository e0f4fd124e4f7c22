package dev.gureum.sns.domain;

import dev.gureum.core.id.Arn;
import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordTypes;
import dev.gureum.core.persist.StateJournal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * SNS's state as the journal {@code sns} keeps it: topics, subscriptions (pending and confirmed, with
 * their tokens), platform applications and endpoints, and each account's SMS settings. Published
 * messages are not state: what Gureum recorded instead of sending (the {@code /_gureum/sns} view) and a
 * FIFO topic's deduplication window start empty after a restart.
 */
public final class SnsState implements DurableState {

    /** Reads the JSON documents among attributes again, as setting them does. */
    public interface Parsers {
        /** Sets a topic's parsed {@code DeliveryPolicy}. */
        void topicDeliveryPolicy(Topic topic, String json);

        /** A subscription attribute's parsed form ({@code null} for attributes without one). */
        Object subscriptionAttribute(Subscription subscription, String name, String value);
    }

    private final SnsStore store;
    private final Parsers parsers;
    private volatile StateJournal journal;

    public SnsState(SnsStore store, Parsers parsers) {
        this.store = store;
        this.parsers = parsers;
    }

    /** Where changes are made durable. */
    public void journal(StateJournal journal) {
        this.journal = journal;
    }

    private CompletionStage<Void> append(Object record) {
        StateJournal j = journal;
        return j == null ? CompletableFuture.completedFuture(null) : j.append(record);
    }

    // ---- the changes of live operations ---------------------------------------------------------

    /** Makes a topic's configuration durable as it is now. */
    public CompletionStage<Void> save(Topic topic) {
        synchronized (topic) {
            return append(SnsRecords.topic(topic));
        }
    }

    public CompletionStage<Void> deleted(Topic topic) {
        return append(new SnsRecords.TopicDeleted(topic.arn()));
    }

    /** Makes a subscription durable as it is now. */
    public CompletionStage<Void> save(Subscription subscription) {
        synchronized (subscription.topic()) {
            return append(SnsRecords.subscription(subscription));
        }
    }

    /** Makes an unsubscription durable, with the topic's count of deleted subscriptions. */
    public CompletionStage<Void> deleted(Subscription subscription) {
        synchronized (subscription.topic()) {
            append(new SnsRecords.SubscriptionDeleted(subscription.arn()));
            return append(SnsRecords.topic(subscription.topic()));
        }
    }

    public CompletionStage<Void> save(PlatformApplication app) {
        synchronized (app) {
            return append(new SnsRecords.ApplicationRecord(app.arn(), app.name(), app.platform(), app.attributes()));
        }
    }

    public CompletionStage<Void> deletedApplication(String arn) {
        return append(new SnsRecords.ApplicationDeleted(arn));
    }

    public CompletionStage<Void> save(PlatformEndpoint endpoint) {
        synchronized (endpoint) {
            return append(new SnsRecords.EndpointRecord(endpoint.arn(), endpoint.applicationArn(), endpoint.attributes()));
        }
    }

    public CompletionStage<Void> deletedEndpoint(String arn) {
        return append(new SnsRecords.EndpointDeleted(arn));
    }

    /** Makes an account's SMS settings in a region durable as they are now. */
    public CompletionStage<Void> saveSms(String accountId, String region) {
        SnsStore.Resources resources = store.resources(accountId, region);
        synchronized (resources) {
            return append(sms(accountId, region, resources));
        }
    }

    private static SnsRecords.SmsRecord sms(String accountId, String region, SnsStore.Resources r) {
        return new SnsRecords.SmsRecord(accountId, region, Map.copyOf(r.smsAttributes),
                List.copyOf(r.optedOut), Map.copyOf(r.sandboxNumbers));
    }

    // ---- DurableState --------------------------------------------------------------------------

    @Override
    public String name() {
        return "sns";
    }

    @Override
    public RecordTypes recordTypes() {
        return SnsRecords.TYPES;
    }

    @Override
    public void apply(Object record) {
        if (record instanceof SnsRecords.TopicRecord r) {
            Topic topic = store.topic(r.accountId(), r.region(), r.name());
            if (topic == null) {
                topic = store.putIfAbsent(new Topic(r.arn(), r.name(), r.accountId(), r.region(), r.fifo()));
            }
            topic.restore(r.attributes(), r.tags(), r.dataProtectionPolicy(), r.subscriptionsDeleted());
            String deliveryPolicy = r.attributes().get(Topic.DELIVERY_POLICY);
            if (deliveryPolicy != null) {
                parsers.topicDeliveryPolicy(topic, deliveryPolicy);
            } else {
                topic.deliveryPolicy(HttpDeliveryPolicy.DEFAULT, false);
            }
        } else if (record instanceof SnsRecords.TopicDeleted r) {
            Topic topic = topic(r.arn());
            if (topic != null) {
                store.remove(topic);
            }
        } else if (record instanceof SnsRecords.SubscriptionRecord r) {
            restore(r);
        } else if (record instanceof SnsRecords.SubscriptionDeleted r) {
            Subscription s = store.subscription(r.arn());
            if (s != null) {
                store.remove(s);
            }
        } else if (record instanceof SnsRecords.ApplicationRecord r) {
            resources(r.arn()).applications.put(r.arn(), new PlatformApplication(r.arn(), r.name(), r.platform(),
                    r.attributes()));
        } else if (record instanceof SnsRecords.ApplicationDeleted r) {
            SnsStore.Resources resources = resources(r.arn());
            resources.applications.remove(r.arn());
            resources.endpoints.values().removeIf(e -> e.applicationArn().equals(r.arn()));
        } else if (record instanceof SnsRecords.EndpointRecord r) {
            resources(r.arn()).endpoints.put(r.arn(), new PlatformEndpoint(r.arn(), r.applicationArn(), r.attributes()));
        } else if (record instanceof SnsRecords.EndpointDeleted r) {
            resources(r.arn()).endpoints.remove(r.arn());
        } else if (record instanceof SnsRecords.SmsRecord r) {
            SnsStore.Resources resources = store.resources(r.accountId(), r.region());
            synchronized (resources) {
                resources.smsAttributes.clear();
                resources.smsAttributes.putAll(r.attributes());
                resources.optedOut.clear();
                resources.optedOut.addAll(r.optedOut());
                resources.sandboxNumbers.clear();
                resources.sandboxNumbers.putAll(r.sandboxNumbers());
            }
        } else {
            throw new IllegalArgumentException("Not an SNS record: " + record.getClass().getName());
        }
    }

    private void restore(SnsRecords.SubscriptionRecord r) {
        Topic topic = topic(r.topicArn());
        if (topic == null) {
            return;
        }
        Subscription s = new Subscription(r.arn(), topic, r.owner(), r.principal(), DeliveryProtocol.valueOf(r.protocol()),
                r.endpoint(), r.token());
        // the scope first, so that a filter policy is read in it
        List<Map.Entry<String, String>> attributes = new ArrayList<>(r.attributes().entrySet());
        attributes.sort(Comparator.comparing(a -> a.getKey().equals(Subscription.FILTER_POLICY_SCOPE) ? 0 : 1));
        for (Map.Entry<String, String> a : attributes) {
            s.attribute(a.getKey(), a.getValue(), parsers.subscriptionAttribute(s, a.getKey(), a.getValue()));
        }
        if (r.confirmed()) {
            s.confirm(r.confirmationAuthenticated(), r.unsubscribeAuthenticated());
        }
        store.replace(s);
    }

    private Topic topic(String arn) {
        Arn parsed = Arn.parse(arn);
        return store.topic(parsed.accountId(), parsed.region(), parsed.resource());
    }

    private SnsStore.Resources resources(String arn) {
        Arn parsed = Arn.parse(arn);
        return store.resources(parsed.accountId(), parsed.region());
    }

    @Override
    public Iterable<?> records() {
        List<Object> out = new ArrayList<>();
        store.forEachScope((scope, resources) -> {
            resources.topics.values().forEach(t -> out.add(SnsRecords.topic(t)));
            resources.applications.values().forEach(a -> out.add(new SnsRecords.ApplicationRecord(a.arn(), a.name(),
                    a.platform(), a.attributes())));
            resources.endpoints.values().forEach(e -> out.add(new SnsRecords.EndpointRecord(e.arn(),
                    e.applicationArn(), e.attributes())));
            if (!resources.smsAttributes.isEmpty() || !resources.optedOut.isEmpty()
                    || !resources.sandboxNumbers.isEmpty()) {
                synchronized (resources) {
                    out.add(sms(scope.accountId(), scope.region(), resources));
                }
            }
        });
        store.subscriptions().forEach(s -> out.add(SnsRecords.subscription(s)));
        return out;
    }

    @Override
    public void clear() {
        store.clear();
    }
}
