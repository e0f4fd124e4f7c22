package dev.gureum.sns.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.MapValue;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.sns.domain.SnsStore;
import dev.gureum.sns.domain.Topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Topics: create, delete, list, attributes, permissions, tags, data protection policies. */
final class TopicOperations {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern FIFO_NAME = Pattern.compile("[A-Za-z0-9_-]{1,251}\\.fifo");
    private static final int MAX_TAGS = 50;
    private static final int PAGE = 100;

    /** Attributes CreateTopic and SetTopicAttributes take (besides FifoTopic, which only CreateTopic takes). */
    private static final Set<String> SETTABLE = Set.of("DeliveryPolicy", "DisplayName", "Policy", "SignatureVersion",
            "TracingConfig", "KmsMasterKeyId", "ContentBasedDeduplication", "ArchivePolicy", "FifoThroughputScope",
            "DataProtectionPolicy",
            "ApplicationSuccessFeedbackRoleArn", "ApplicationSuccessFeedbackSampleRate", "ApplicationFailureFeedbackRoleArn",
            "HTTPSuccessFeedbackRoleArn", "HTTPSuccessFeedbackSampleRate", "HTTPFailureFeedbackRoleArn",
            "LambdaSuccessFeedbackRoleArn", "LambdaSuccessFeedbackSampleRate", "LambdaFailureFeedbackRoleArn",
            "SQSSuccessFeedbackRoleArn", "SQSSuccessFeedbackSampleRate", "SQSFailureFeedbackRoleArn",
            "FirehoseSuccessFeedbackRoleArn", "FirehoseSuccessFeedbackSampleRate", "FirehoseFailureFeedbackRoleArn");

    private final SnsStore store;

    TopicOperations(SnsStore store) {
        this.store = store;
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

    Struct createTopic(ActionRequest r) {
        RequestContext ctx = r.context();
        Params p = r.params();
        String name = p.string("Name", "");
        Map<String, String> attributes = SnsInputs.attributes(p, "Attributes");
        Map<String, String> tags = SnsInputs.tags(p, "Tags");
        boolean fifo = "true".equalsIgnoreCase(attributes.get(Topic.FIFO_TOPIC));
        if (!(fifo ? FIFO_NAME : NAME).matcher(name).matches()) {
            throw SnsError.invalidParameter("Topic Name");
        }
        if (p.string("DataProtectionPolicy") != null) {
            attributes.put("DataProtectionPolicy", p.string("DataProtectionPolicy"));
        }
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (!a.getKey().equals(Topic.FIFO_TOPIC)) {
                check(a.getKey(), a.getValue(), fifo, "Attributes Reason: ");
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw new AwsException(SnsError.TAG_LIMIT_EXCEEDED, "Could not complete request: tag quota of per resource exceeded");
        }
        String arn = Arn.of("sns", ctx.region(), ctx.accountId(), name).toString();
        Topic created = new Topic(arn, name, ctx.accountId(), ctx.region(), fifo);
        created.attribute(Topic.POLICY, TopicPolicies.defaultPolicy(arn, ctx.accountId()));
        Topic topic = store.putIfAbsent(created);
        if (topic != created) {
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                if (!a.getValue().equals(current(topic, a.getKey()))) {
                    throw SnsError.invalidParameter("Attributes Reason: Topic already exists with different attributes");
                }
            }
            if (!tags.isEmpty() && !tags.equals(topic.tags())) {
                throw SnsError.invalidParameter("Tags Reason: Topic already exists with different tags");
            }
            return Struct.of().put("TopicArn", topic.arn());
        }
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (!a.getKey().equals(Topic.FIFO_TOPIC)) {
                apply(topic, a.getKey(), a.getValue());
            }
        }
        topic.tag(tags);
        return Struct.of().put("TopicArn", topic.arn());
    }

    /** An attribute's value as CreateTopic compares it: what was set, or its default. */
    private static String current(Topic topic, String name) {
        return switch (name) {
            case Topic.FIFO_TOPIC -> String.valueOf(topic.isFifo());
            case Topic.DISPLAY_NAME -> topic.attribute(name) == null ? "" : topic.attribute(name);
            case Topic.CONTENT_BASED_DEDUPLICATION -> topic.isFifo() ? String.valueOf(topic.contentBasedDeduplication()) : null;
            case "DataProtectionPolicy" -> topic.dataProtectionPolicy();
            default -> topic.attribute(name);
        };
    }

    /** Checks an attribute value before it is set; {@code prefix} says where AWS reports it. */
    private static void check(String name, String value, boolean fifo, String prefix) {
        if (!SETTABLE.contains(name)) {
            throw SnsError.invalidParameter(prefix.isEmpty() ? "AttributeName" : prefix + "Invalid attribute name: " + name);
        }
        switch (name) {
            case "ContentBasedDeduplication" -> {
                if (!fifo) {
                    throw SnsError.invalidParameter(prefix + "ContentBasedDeduplication: Content-based deduplication can "
                            + "only be set for FIFO topics");
                }
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw SnsError.invalidParameter(prefix + "ContentBasedDeduplication: Invalid value [" + value
                            + "]. Must be true or false.");
                }
            }
            case "FifoThroughputScope" -> {
                if (!fifo || !value.equals("Topic") && !value.equals("MessageGroup")) {
                    throw SnsError.invalidParameter(prefix + "FifoThroughputScope: Invalid value [" + value
                            + "]. Please use either Topic or MessageGroup");
                }
            }
            case "SignatureVersion" -> {
                if (!value.equals("1") && !value.equals("2")) {
                    throw SnsError.invalidParameter(prefix + "SignatureVersion: Invalid value [" + value
                            + "]. Please use either 1 or 2");
                }
            }
            case "Policy" -> {
                if (!value.isEmpty()) {
                    TopicPolicies.parse(value, prefix + "Policy");
                }
            }
            case "DeliveryPolicy" -> DeliveryPolicies.parseTopic(value, prefix + "DeliveryPolicy");
            case "DisplayName" -> {
                if (value.length() > 100) {
                    throw SnsError.invalidParameter(prefix + "DisplayName");
                }
            }
            default -> {
            }
        }
    }

    private static void apply(Topic topic, String name, String value) {
        switch (name) {
            case "DeliveryPolicy" -> {
                DeliveryPolicies.TopicPolicy policy = DeliveryPolicies.parseTopic(value, "DeliveryPolicy");
                topic.deliveryPolicy(policy.http(), policy.disableSubscriptionOverrides());
                topic.attribute(name, value);
            }
            case "ContentBasedDeduplication" -> topic.attribute(name, value.toLowerCase(java.util.Locale.ROOT));
            case "DataProtectionPolicy" -> topic.dataProtectionPolicy(value.isEmpty() ? null : value);
            case "Policy" -> topic.attribute(name, value.isEmpty()
                    ? TopicPolicies.defaultPolicy(topic.arn(), topic.accountId()) : value);
            default -> topic.attribute(name, value);
        }
    }

    Struct deleteTopic(ActionRequest r) {
        Arn arn = SnsInputs.topicArn(r.params().string("TopicArn"), r.context(), "TopicArn");
        Topic topic = store.topic(arn.accountId(), arn.region(), arn.resource());
        if (topic != null) {
            TopicPolicies.checkAccess(topic, r.context().accountId(), "DeleteTopic");
            store.remove(topic);
        }
        return null;
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

    Struct setTopicAttributes(ActionRequest r) {
        Topic topic = topic(r, "TopicArn", "SetTopicAttributes");
        String name = SnsInputs.required(r.params(), "AttributeName");
        String value = r.params().string("AttributeValue", "");
        check(name, value, topic.isFifo(), "");
        apply(topic, name, value);
        return null;
    }

    Struct addPermission(ActionRequest r) {
        Topic topic = topic(r, "TopicArn", "AddPermission");
        String label = SnsInputs.required(r.params(), "Label");
        List<String> accounts = r.params().stringList("AWSAccountId");
        List<String> actions = r.params().stringList("ActionName");
        if (accounts.isEmpty()) {
            throw SnsError.invalidParameter("AWSAccountId Reason: no value for required parameter");
        }
        if (actions.isEmpty()) {
            throw SnsError.invalidParameter("ActionName Reason: no value for required parameter");
        }
        List<String> names = new ArrayList<>();
        for (String action : actions) {
            String bare = action.regionMatches(true, 0, "sns:", 0, 4) ? action.substring(4) : action;
            if (!bare.equals("*") && !TopicPolicies.ACTIONS.contains(bare)) {
                throw SnsError.invalidParameter("Policy statement action out of service scope!");
            }
            names.add(bare);
        }
        synchronized (topic) {
            topic.attribute(Topic.POLICY, TopicPolicies.addStatement(topic.attribute(Topic.POLICY), topic.arn(), label,
                    accounts, names));
        }
        return null;
    }

    Struct removePermission(ActionRequest r) {
        Topic topic = topic(r, "TopicArn", "RemovePermission");
        String label = SnsInputs.required(r.params(), "Label");
        synchronized (topic) {
            topic.attribute(Topic.POLICY, TopicPolicies.removeStatement(topic.attribute(Topic.POLICY), label));
        }
        return null;
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

    Struct tagResource(ActionRequest r) {
        Topic topic = tagged(r, "TagResource");
        Map<String, String> tags = SnsInputs.tags(r.params(), "Tags");
        Map<String, String> merged = topic.tags();
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            throw new AwsException(SnsError.TAG_LIMIT_EXCEEDED, "Could not complete request: tag quota of per resource exceeded");
        }
        topic.tag(tags);
        return Struct.of();
    }

    Struct untagResource(ActionRequest r) {
        Topic topic = tagged(r, "UntagResource");
        topic.untag(r.params().stringList("TagKeys"));
        return Struct.of();
    }

    Struct listTagsForResource(ActionRequest r) {
        Topic topic = tagged(r, "ListTagsForResource");
        return Struct.of().list("Tags", topic.tags().entrySet(),
                e -> Struct.of().put("Key", e.getKey()).put("Value", e.getValue()));
    }

    // ---- data protection -----------------------------------------------------------------------

    Struct putDataProtectionPolicy(ActionRequest r) {
        Topic topic = topic(r, "ResourceArn", "PutDataProtectionPolicy");
        String policy = SnsInputs.required(r.params(), "DataProtectionPolicy");
        if (!policy.isEmpty()) {
            TopicPolicies.parse(policy, "DataProtectionPolicy");
        }
        topic.dataProtectionPolicy(policy.isEmpty() ? null : policy);
        return null;
    }

    Struct getDataProtectionPolicy(ActionRequest r) {
        Topic topic = topic(r, "ResourceArn", "GetDataProtectionPolicy");
        return Struct.of().put("DataProtectionPolicy", topic.dataProtectionPolicy());
    }
}
