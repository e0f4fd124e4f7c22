package dev.gureum.sns.protocol;

import dev.gureum.core.auth.AccessRequest;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.error.AwsException;
import dev.gureum.sns.domain.Topic;
import dev.gureum.sns.domain.TopicPermission;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Topic policies as the core evaluator reads them, for callers of other accounts. */
class TopicPoliciesTest {

    private static final String OWNER = "111111111111";
    private static final String STRANGER = "222222222222";

    private static Topic topic(String policy) {
        Topic topic = new Topic("arn:aws:sns:us-east-1:" + OWNER + ":t", "t", OWNER, "us-east-1", false);
        topic.attribute(Topic.POLICY, policy == null ? TopicPolicies.defaultPolicy(topic.arn(), OWNER) : policy);
        return topic;
    }

    @Test
    void theDefaultPolicyOpensTheTopicToItsOwnerOnly() {
        Topic topic = topic(null);
        TopicPolicies.checkAccess(topic, OWNER, "Publish");
        assertThatThrownBy(() -> TopicPolicies.checkAccess(topic, STRANGER, "Publish"))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.error()).isEqualTo(SnsError.AUTHORIZATION_ERROR);
                    assertThat(e.getMessage()).isEqualTo("User: arn:aws:iam::222222222222:root is not authorized to "
                            + "perform: SNS:Publish on resource: arn:aws:sns:us-east-1:111111111111:t");
                });
    }

    @Test
    void addPermissionGrantsTheNamedActionsOnly() {
        Topic topic = topic(null);
        topic.attribute(Topic.POLICY, TopicPolicies.addStatement(topic.attribute(Topic.POLICY), topic,
                TopicPermission.of("let-publish", List.of(STRANGER), List.of("Publish"))));
        TopicPolicies.checkAccess(topic, STRANGER, "Publish");
        assertThatThrownBy(() -> TopicPolicies.checkAccess(topic, STRANGER, "DeleteTopic"))
                .isInstanceOf(AwsException.class);
        assertThatThrownBy(() -> TopicPolicies.checkAccess(topic, "333333333333", "Publish"))
                .isInstanceOf(AwsException.class);
        topic.attribute(Topic.POLICY, TopicPolicies.removeStatement(topic.attribute(Topic.POLICY), "let-publish"));
        assertThatThrownBy(() -> TopicPolicies.checkAccess(topic, STRANGER, "Publish")).isInstanceOf(AwsException.class);
    }

    @Test
    void anExplicitDenyWinsAndWildcardsMatchActions() {
        String policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sns:*\","
                + "\"Resource\":\"arn:aws:sns:us-east-1:111111111111:t\"},{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":"
                + "\"222222222222\"},\"Action\":\"SNS:Delete*\",\"Resource\":\"*\"}]}";
        Topic topic = topic(policy);
        TopicPolicies.checkAccess(topic, STRANGER, "Subscribe");
        TopicPolicies.checkAccess(topic, "333333333333", "DeleteTopic");
        assertThatThrownBy(() -> TopicPolicies.checkAccess(topic, STRANGER, "DeleteTopic"))
                .isInstanceOf(AwsException.class);
        assertThat(TopicPolicies.decide(topic, AccessRequest.of(Principal.service("s3.amazonaws.com"), "SNS:Publish",
                topic.arn())).allowed())
                .isTrue();
        Topic unreadable = topic("not json");
        assertThat(TopicPolicies.decide(unreadable, AccessRequest.of(Principal.account(STRANGER), "SNS:Publish",
                unreadable.arn())).allowed())
                .isFalse();
    }
}
