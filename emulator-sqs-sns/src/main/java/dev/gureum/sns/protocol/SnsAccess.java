package dev.gureum.sns.protocol;

import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.sns.domain.SnsStore;
import dev.gureum.sns.domain.Topic;

/**
 * What each SNS operation needs under {@code --enforce-iam}, from the Service Authorization Reference: topic
 * operations act on the topic ({@code arn:aws:sns:<region>:<account>:<name>}), a subscription's on its topic,
 * {@code PublishBatch} needs {@code sns:Publish}; listings, platform applications and SMS settings support no
 * resource-level permissions.
 */
final class SnsAccess {

    private static final String TABLE = """
            CreateTopic                =            named
            DeleteTopic                =            topic
            GetTopicAttributes         =            topic
            SetTopicAttributes         =            topic
            AddPermission              =            topic
            RemovePermission           =            topic
            PutDataProtectionPolicy    =            topic
            GetDataProtectionPolicy    =            topic
            Subscribe                  =            topic
            ConfirmSubscription        =            topic
            ListSubscriptionsByTopic   =            topic
            Unsubscribe                =            subscription
            GetSubscriptionAttributes  =            subscription
            SetSubscriptionAttributes  =            subscription
            Publish                    =            target
            PublishBatch               sns:Publish  topic
            TagResource                =            tagged
            UntagResource              =            tagged
            ListTagsForResource        =            tagged
            """;

    private SnsAccess() {
    }

    static AccessRules<ActionRequest> rules(SnsStore store) {
        return AccessRules.<ActionRequest>builder("sns")
                .table(TABLE)
                .single("named", (ctx, r) -> {
                    String name = r.params().string("Name");
                    return name == null ? null : Arn.of("sns", ctx.region(), ctx.accountId(), name).toString();
                })
                .single("topic", (ctx, r) -> r.params().string("TopicArn"))
                .single("tagged", (ctx, r) -> r.params().string("ResourceArn"))
                .single("target", (ctx, r) -> {
                    String topic = r.params().string("TopicArn");
                    return topic != null ? topic : r.params().string("TargetArn");
                })
                .single("subscription", (ctx, r) -> {
                    // a subscription's ARN is its topic's and an id: arn:aws:sns:us-east-1:111122223333:orders:<uuid>
                    String arn = r.params().string("SubscriptionArn");
                    int colon = arn == null ? -1 : arn.lastIndexOf(':');
                    return colon < 0 ? null : arn.substring(0, colon);
                })
                .keys((r, keys) -> {
                    if (r.action().equals("CreateTopic") || r.action().equals("TagResource")) {
                        AccessRules.requestTags(SnsInputs.tags(r.params(), "Tags"), keys);
                    }
                })
                .policies(arn -> {
                    Arn parsed;
                    try {
                        parsed = Arn.parse(arn);
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                    Topic topic = store.topic(parsed.accountId(), parsed.region(), parsed.resource());
                    return topic == null ? null : new AccessRules.ResourcePolicy(topic.accountId(),
                            PolicyDocument.ofStored(topic.attribute(Topic.POLICY)));
                })
                .denied(SnsError.AUTHORIZATION_ERROR)
                .build();
    }
}
