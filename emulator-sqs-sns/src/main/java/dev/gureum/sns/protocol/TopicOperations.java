package dev.gureum.sns.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.MapValue;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.sns.domain.SnsException;
import dev.gureum.sns.domain.SnsState;
import dev.gureum.sns.domain.SnsStore;
import dev.gureum.sns.domain.Topic;
import dev.gureum.sns.domain.TopicAttributes;
import dev.gureum.sns.domain.TopicName;
import dev.gureum.sns.domain.TopicPermission;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Topics: create, delete, list, attributes, permissions, tags, data protection policies. */
final class TopicOperations {

    private static final int PAGE = 100;

    private final SnsStore store;
    private final SnsState state;

    TopicOperations(SnsStore store, SnsState state) {
        this.store = store;
        this.state = state;
    }

    /** Answers once the topic's configuration is durable. */
    private CompletionStage<Struct> saved(Topic topic, Struct answer) {
        return state.save(topic).thenApply(done -> answer);
    }

    /** The topic an operation names, after checking the caller may do {@code action} on it. */
    Topic topic(ActionRequest r, String parameter, String action) {
        Arn arn = SnsInputs.topicArn(r.params().string(parameter), r.context(), parameter);
        Topic topic = store.topic(arn.accountId(), arn.region(), arn.resource());
        if (topic == null) {
            throw new AwsException(SnsError.NOT_FOUND, "Topic does not exist");
        }
        TopicPolicies.checkAccess(topic, r.context().accountId(), action);
        return topic;
    }

    CompletionStage<Struct> createTopic(ActionRequest r) {
        RequestContext ctx = r.context();
        Params p = r.params();
        String name = p.string("Name", "");
        Map<String, String> attributes = SnsInputs.attributes(p, "Attributes");
        Map<String, String> tags = SnsInputs.tags(p, "Tags");
        boolean fifo = "true".equalsIgnoreCase(attributes.get(Topic.FIFO_TOPIC));
        try {
            TopicName.check(name, fifo);
            if (p.string(TopicAttributes.DATA_PROTECTION_POLICY) != null) {
                attributes.put(TopicAttributes.DATA_PROTECTION_POLICY, p.string(TopicAttributes.DATA_PROTECTION_POLICY));
            }
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                if (!a.getKey().equals(Topic.FIFO_TOPIC)) {
                    check(a.getKey(), a.getValue(), fifo);
                }
            }
            TopicAttributes.checkTagCount(Map.of(), tags);
            String arn = Arn.of("sns", ctx.region(), ctx.accountId(), name).toString();
            Topic created = new Topic(arn, name, ctx.accountId(), ctx.region(), fifo);
            created.attribute(Topic.POLICY, TopicPolicies.defaultPolicy(arn, ctx.accountId()));
            Topic topic = store.putIfAbsent(created);
            if (topic != created) {
                TopicAttributes.checkSameAs(topic, attributes, tags);
                return CompletableFuture.completedFuture(Struct.of().put("TopicArn", topic.arn()));
            }
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                if (!a.getKey().equals(Topic.FIFO_TOPIC)) {
                    apply(topic, a.getKey(), a.getValue());
                }
            }
            topic.tag(tags);
            return saved(topic, Struct.of().put("TopicArn", topic.arn()));
        } catch (SnsException e) {
            throw SnsErrors.aws(e, SnsErrors.IN_ATTRIBUTES);
        }
    }

    /** Checks an attribute value before it is set, reading the JSON documents among them. */
    private static void check(String name, String value, boolean fifo) {
        TopicAttributes.check(name, value, fifo);
        switch (name) {
            case Topic.POLICY -> {
                if (!value.isEmpty()) {
                    TopicPolicies.parse(value, name);
                }
            }
            case Topic.DELIVERY_POLICY -> DeliveryPolicies.parseTopic(value);
            default -> {
            }
        }
    }

    private static void apply(Topic topic, String name, String value) {
        switch (name) {
            case Topic.DELIVERY_POLICY -> {
                DeliveryPolicies.TopicPolicy policy = DeliveryPolicies.parseTopic(value);
                topic.deliveryPolicy(policy.http(), policy.disableSubscriptionOverrides());
                topic.attribute(name, value);
            }
            case Topic.CONTENT_BASED_DEDUPLICATION -> topic.attribute(name, value.toLowerCase(java.util.Locale.ROOT));
            case TopicAttributes.DATA_PROTECTION_POLICY -> topic.dataProtectionPolicy(value.isEmpty() ? null : value);
            case Topic.POLICY -> topic.attribute(name, value.isEmpty()
                    ? TopicPolicies.defaultPolicy(topic.arn(), topic.accountId()) : value);
            default -> topic.attribute(name, value);
        }
    }

    CompletionStage<Struct> deleteTopic(ActionRequest r) {
        Arn arn = SnsInputs.topicArn(r.params().string("TopicArn"), r.context(), "TopicArn");
        Topic topic = store.topic(arn.accountId(), arn.region(), arn.resource());
        if (topic == null) {
            return CompletableFuture.completedFuture(null);
        }
        TopicPolicies.checkAccess(topic, r.context().accountId(), "DeleteTopic");
        store.remove(topic);
        return state.deleted(topic).thenApply(done -> null);
    }

    Struct listTopics(ActionRequest r) {
        SnsInputs.Page<Topic> page = SnsInputs.page(store.topics(r.context().accountId(), r.context().region()),
                Topic::name, r.params().string("NextToken"), PAGE);
        return Struct.of().list("Topics", page.items(), t -> Struct.of().put("TopicArn", t.arn()))
                .put("NextToken", page.nextToken());
    }

    Struct getTopicAttributes(ActionRequest r) {
        Topic topic = topic(r, "TopicArn", "GetTopicAttributes");
        Map<String, String> attributes = new TreeMap<>(topic.attributes());
        attributes.putIfAbsent(Topic.DISPLAY_NAME, "");
        attributes.put("Owner", topic.accountId());
        attributes.put("TopicArn", topic.arn());
        attributes.put("SubscriptionsConfirmed", String.valueOf(topic.subscriptionsConfirmed()));
        attributes.put("SubscriptionsPending", String.valueOf(topic.subscriptionsPending()));
        attributes.put("SubscriptionsDeleted", String.valueOf(topic.subscriptionsDeleted()));
        attributes.put("EffectiveDeliveryPolicy", DeliveryPolicies.effectiveTopicPolicy(topic.deliveryPolicy(),
                topic.subscriptionOverridesDisabled()));
        if (topic.isFifo()) {
            attributes.put(Topic.FIFO_TOPIC, "true");
            attributes.putIfAbsent(Topic.CONTENT_BASED_DEDUPLICATION, "false");
        }
        return Struct.of().put("Attributes", MapValue.of(attributes));
    }

    CompletionStage<Struct> setTopicAttributes(ActionRequest r) {
        Topic topic = topic(r, "TopicArn", "SetTopicAttributes");
        String name = SnsInputs.required(r.params(), "AttributeName");
        String value = r.params().string("AttributeValue", "");
        check(name, value, topic.isFifo());
        apply(topic, name, value);
        return saved(topic, null);
    }

    /** Sets a topic's parsed delivery policy from its text (a topic read back from its record). */
    static void deliveryPolicy(Topic topic, String json) {
        DeliveryPolicies.TopicPolicy policy = DeliveryPolicies.parseTopic(json);
        topic.deliveryPolicy(policy.http(), policy.disableSubscriptionOverrides());
    }

    CompletionStage<Struct> addPermission(ActionRequest r) {
        Topic topic = topic(r, "TopicArn", "AddPermission");
        String label = SnsInputs.required(r.params(), "Label");
        TopicPermission permission = TopicPermission.of(label, r.params().stringList("AWSAccountId"),
                r.params().stringList("ActionName"));
        synchronized (topic) {
            topic.attribute(Topic.POLICY, TopicPolicies.addStatement(topic.attribute(Topic.POLICY), topic, permission));
        }
        return saved(topic, null);
    }

    CompletionStage<Struct> removePermission(ActionRequest r) {
        Topic topic = topic(r, "TopicArn", "RemovePermission");
        String label = SnsInputs.required(r.params(), "Label");
        synchronized (topic) {
            topic.attribute(Topic.POLICY, TopicPolicies.removeStatement(topic.attribute(Topic.POLICY), label));
        }
        return saved(topic, null);
    }

    // ---- tags ----------------------------------------------------------------------------------

    private Topic tagged(ActionRequest r, String action) {
        String value = r.params().string("ResourceArn");
        Arn arn = SnsInputs.arn(value, "ResourceArn", "sns");
        Topic topic = arn.region().equals(r.context().region())
                ? store.topic(arn.accountId(), arn.region(), arn.resource()) : null;
        if (topic == null) {
            throw new AwsException(SnsError.RESOURCE_NOT_FOUND, "Resource does not exist");
        }
        TopicPolicies.checkAccess(topic, r.context().accountId(), action);
        return topic;
    }

    CompletionStage<Struct> tagResource(ActionRequest r) {
        Topic topic = tagged(r, "TagResource");
        Map<String, String> tags = SnsInputs.tags(r.params(), "Tags");
        synchronized (topic) {
            TopicAttributes.checkTagCount(topic.tags(), tags);
            topic.tag(tags);
        }
        return saved(topic, Struct.of());
    }

    CompletionStage<Struct> untagResource(ActionRequest r) {
        Topic topic = tagged(r, "UntagResource");
        topic.untag(r.params().stringList("TagKeys"));
        return saved(topic, Struct.of());
    }

    Struct listTagsForResource(ActionRequest r) {
        Topic topic = tagged(r, "ListTagsForResource");
        return Struct.of().list("Tags", topic.tags().entrySet(),
                e -> Struct.of().put("Key", e.getKey()).put("Value", e.getValue()));
    }

    // ---- data protection -----------------------------------------------------------------------

    CompletionStage<Struct> putDataProtectionPolicy(ActionRequest r) {
        Topic topic = topic(r, "ResourceArn", "PutDataProtectionPolicy");
        String policy = SnsInputs.required(r.params(), "DataProtectionPolicy");
        if (!policy.isEmpty()) {
            TopicPolicies.parse(policy, TopicAttributes.DATA_PROTECTION_POLICY);
        }
        topic.dataProtectionPolicy(policy.isEmpty() ? null : policy);
        return saved(topic, null);
    }

    Struct getDataProtectionPolicy(ActionRequest r) {
        Topic topic = topic(r, "ResourceArn", "GetDataProtectionPolicy");
        return Struct.of().put("DataProtectionPolicy", topic.dataProtectionPolicy());
    }
}
