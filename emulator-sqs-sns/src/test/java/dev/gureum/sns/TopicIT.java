package dev.gureum.sns;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.Topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gureum.sns.SnsAssertions.assertSnsError;
import static org.assertj.core.api.Assertions.assertThat;

class TopicIT {

    static SnsTestSupport support;
    static SnsClient sns;

    @BeforeAll
    static void start() {
        support = new SnsTestSupport();
        sns = support.sns();
    }

    @AfterAll
    static void stop() {
        sns.close();
        support.close();
    }

    @Test
    void createIsIdempotentAndComparesAttributes() {
        String arn = sns.createTopic(r -> r.name("orders").attributes(Map.of("DisplayName", "Orders"))).topicArn();
        assertThat(arn).isEqualTo("arn:aws:sns:us-east-1:000000000000:orders");
        assertThat(sns.createTopic(r -> r.name("orders")).topicArn()).isEqualTo(arn);
        assertThat(sns.createTopic(r -> r.name("orders").attributes(Map.of("DisplayName", "Orders"))).topicArn())
                .isEqualTo(arn);
        assertThat(sns.createTopic(r -> r.name("orders").attributes(Map.of("FifoTopic", "false"))).topicArn())
                .isEqualTo(arn);
        assertSnsError(() -> sns.createTopic(r -> r.name("orders").attributes(Map.of("DisplayName", "Other"))),
                400, "InvalidParameter", "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
        assertSnsError(() -> sns.createTopic(r -> r.name("orders").attributes(Map.of("SignatureVersion", "2"))),
                400, "InvalidParameter", "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
        assertSnsError(() -> sns.createTopic(r -> r.name("orders").tags(Tag.builder().key("k").value("v").build())),
                400, "InvalidParameter", "Invalid parameter: Tags Reason: Topic already exists with different tags");
    }

    @Test
    void namesFollowAwsRules() {
        assertThat(sns.createTopic(r -> r.name("a".repeat(256))).topicArn()).endsWith(":" + "a".repeat(256));
        for (String bad : new String[] {"", "a".repeat(257), "test.fifo", "has space", "semi;colon"}) {
            assertSnsError(() -> sns.createTopic(r -> r.name(bad)), 400, "InvalidParameter", "Invalid parameter: Topic Name");
        }
        assertSnsError(() -> sns.createTopic(r -> r.name("plain").attributes(Map.of("FifoTopic", "true"))),
                400, "InvalidParameter", "Invalid parameter: Topic Name");
    }

    @Test
    void attributesHaveAwsDefaultsAndCounts() {
        String arn = sns.createTopic(r -> r.name("attrs")).topicArn();
        Map<String, String> attributes = sns.getTopicAttributes(r -> r.topicArn(arn)).attributes();
        assertThat(attributes).containsEntry("TopicArn", arn).containsEntry("Owner", "000000000000")
                .containsEntry("DisplayName", "").containsEntry("SubscriptionsConfirmed", "0")
                .containsEntry("SubscriptionsPending", "0").containsEntry("SubscriptionsDeleted", "0")
                .doesNotContainKeys("FifoTopic", "SignatureVersion");
        assertThat(SnsTestSupport.json(attributes.get("Policy")).at("/Statement/0/Condition/StringEquals/AWS:SourceOwner")
                .asText()).isEqualTo("000000000000");
        assertThat(SnsTestSupport.json(attributes.get("EffectiveDeliveryPolicy")).at("/http/defaultHealthyRetryPolicy/numRetries")
                .asInt()).isEqualTo(3);

        String policy = "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":5,\"maxDelayTarget\":6,\"numRetries\":1},"
                + "\"defaultRequestPolicy\":{\"headerContentType\":\"application/json\"}}}";
        sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("DeliveryPolicy").attributeValue(policy));
        sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("SignatureVersion").attributeValue("2"));
        sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("DisplayName").attributeValue("Shown"));
        attributes = sns.getTopicAttributes(r -> r.topicArn(arn)).attributes();
        assertThat(attributes).containsEntry("DeliveryPolicy", policy).containsEntry("SignatureVersion", "2")
                .containsEntry("DisplayName", "Shown");
        var effective = SnsTestSupport.json(attributes.get("EffectiveDeliveryPolicy")).path("http");
        assertThat(effective.at("/defaultHealthyRetryPolicy/minDelayTarget").asInt()).isEqualTo(5);
        assertThat(effective.at("/defaultHealthyRetryPolicy/backoffFunction").asText()).isEqualTo("linear");
        assertThat(effective.at("/defaultRequestPolicy/headerContentType").asText()).isEqualTo("application/json");

        sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("DeliveryPolicy").attributeValue(""));
        assertThat(sns.getTopicAttributes(r -> r.topicArn(arn)).attributes()).doesNotContainKey("DeliveryPolicy");

        assertSnsError(() -> sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("FifoTopic").attributeValue("true")),
                400, "InvalidParameter", "Invalid parameter: AttributeName");
        assertSnsError(() -> sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("SignatureVersion").attributeValue("3")),
                400, "InvalidParameter", "Invalid parameter: SignatureVersion: Invalid value [3]. Please use either 1 or 2");
    }

    @Test
    void fifoTopicsReportTheirDeduplication() {
        String arn = sns.createTopic(r -> r.name("events.fifo").attributes(Map.of("FifoTopic", "true"))).topicArn();
        assertThat(sns.getTopicAttributes(r -> r.topicArn(arn)).attributes()).containsEntry("FifoTopic", "true")
                .containsEntry("ContentBasedDeduplication", "false");
        sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("ContentBasedDeduplication").attributeValue("true"));
        assertThat(sns.getTopicAttributes(r -> r.topicArn(arn)).attributes()).containsEntry("ContentBasedDeduplication", "true");
    }

    @Test
    void missingAndMalformedTopics() {
        assertSnsError(() -> sns.getTopicAttributes(r -> r.topicArn("arn:aws:sns:us-east-1:000000000000:nothing")),
                404, "NotFound", "Topic does not exist");
        assertSnsError(() -> sns.getTopicAttributes(r -> r.topicArn("nothing")), 400, "InvalidParameter",
                "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1");
        assertSnsError(() -> sns.publish(r -> r.topicArn("arn:aws:sns:us-east-1:000000000000").message("m")),
                400, "InvalidParameter", "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 5");
        // deleting what is not there succeeds, as on AWS
        sns.deleteTopic(r -> r.topicArn("arn:aws:sns:us-east-1:000000000000:nothing"));
    }

    @Test
    void listsTopicsAHundredAPage() {
        try (SnsClient other = support.sns("111111111111", Region.EU_WEST_1)) {
            for (int i = 0; i < 150; i++) {
                String name = String.format("page-%03d", i);
                other.createTopic(r -> r.name(name));
            }
            ListTopicsResponse first = other.listTopics();
            assertThat(first.topics()).hasSize(100);
            assertThat(first.nextToken()).isNotNull();
            ListTopicsResponse second = other.listTopics(r -> r.nextToken(first.nextToken()));
            assertThat(second.topics()).hasSize(50);
            assertThat(second.nextToken()).isNull();
            List<String> all = new ArrayList<>();
            other.listTopicsPaginator().topics().forEach(t -> all.add(t.topicArn()));
            assertThat(all).hasSize(150).doesNotHaveDuplicates()
                    .allMatch(a -> a.startsWith("arn:aws:sns:eu-west-1:111111111111:page-"));
        }
        // another account and region sees none of them
        assertThat(sns.listTopics().topics()).extracting(Topic::topicArn).noneMatch(a -> a.contains(":page-"));
    }

    @Test
    void deleteRemovesTopicAndSubscriptions() {
        String arn = sns.createTopic(r -> r.name("short-lived")).topicArn();
        String sub = sns.subscribe(r -> r.topicArn(arn).protocol("sms").endpoint("+15555550100")).subscriptionArn();
        sns.deleteTopic(r -> r.topicArn(arn));
        assertSnsError(() -> sns.getTopicAttributes(r -> r.topicArn(arn)), 404, "NotFound", "Topic does not exist");
        assertSnsError(() -> sns.getSubscriptionAttributes(r -> r.subscriptionArn(sub)), 404, "NotFound",
                "Subscription does not exist");
        sns.deleteTopic(r -> r.topicArn(arn));
    }

    @Test
    void tags() {
        String arn = sns.createTopic(r -> r.name("tagged").tags(Tag.builder().key("k1").value("v1").build(),
                Tag.builder().key("k2").value("v2").build())).topicArn();
        assertThat(sns.listTagsForResource(r -> r.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("k1").value("v1").build(), Tag.builder().key("k2").value("v2").build());
        sns.untagResource(r -> r.resourceArn(arn).tagKeys("k1"));
        sns.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("k2").value("v2b").build()));
        assertThat(sns.listTagsForResource(r -> r.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("k2").value("v2b").build());
        assertSnsError(() -> sns.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("a").value("1").build(),
                Tag.builder().key("a").value("2").build())), 400, "InvalidParameter",
                "Invalid parameter: Duplicated keys are not allowed.");
        assertSnsError(() -> sns.listTagsForResource(r -> r.resourceArn(arn + "-gone")), 404, "ResourceNotFound",
                "Resource does not exist");
        List<Tag> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(Tag.builder().key("t" + i).value("v").build());
        }
        assertSnsError(() -> sns.tagResource(r -> r.resourceArn(arn).tags(many)), 400, "TagLimitExceeded",
                "Could not complete request: tag quota of per resource exceeded");
    }

    @Test
    void otherAccountsNeedThePolicysPermission() {
        String arn = sns.createTopic(r -> r.name("shared")).topicArn();
        try (SnsClient stranger = support.sns("222222222222", Region.US_EAST_1)) {
            assertSnsError(() -> stranger.publish(r -> r.topicArn(arn).message("hello")), 403, "AuthorizationError",
                    "User: arn:aws:iam::222222222222:root is not authorized to perform: SNS:Publish on resource: " + arn);
            sns.addPermission(r -> r.topicArn(arn).label("let-them-publish").awsAccountIds("222222222222")
                    .actionNames("Publish"));
            assertThat(stranger.publish(r -> r.topicArn(arn).message("hello")).messageId()).isNotBlank();
            assertSnsError(() -> stranger.deleteTopic(r -> r.topicArn(arn)), 403, "AuthorizationError",
                    "User: arn:aws:iam::222222222222:root is not authorized to perform: SNS:DeleteTopic on resource: " + arn);
            var statement = SnsTestSupport.json(sns.getTopicAttributes(r -> r.topicArn(arn)).attributes().get("Policy"))
                    .path("Statement").get(1);
            assertThat(statement.path("Sid").asText()).isEqualTo("let-them-publish");
            assertThat(statement.at("/Principal/AWS").asText()).isEqualTo("arn:aws:iam::222222222222:root");
            assertThat(statement.path("Action").asText()).isEqualTo("SNS:Publish");
            assertSnsError(() -> sns.addPermission(r -> r.topicArn(arn).label("let-them-publish").awsAccountIds("3")
                    .actionNames("Publish")), 400, "InvalidParameter", "Invalid parameter: Statement already exists");
            assertSnsError(() -> sns.addPermission(r -> r.topicArn(arn).label("x").awsAccountIds("3")
                    .actionNames("SendMessage")), 400, "InvalidParameter",
                    "Invalid parameter: Policy statement action out of service scope!");
            sns.removePermission(r -> r.topicArn(arn).label("let-them-publish"));
            assertSnsError(() -> stranger.publish(r -> r.topicArn(arn).message("hello")), 403, "AuthorizationError",
                    "User: arn:aws:iam::222222222222:root is not authorized to perform: SNS:Publish on resource: " + arn);
        }
    }

    @Test
    void topicsOfAnotherRegionAreNotReachable() {
        String arn = sns.createTopic(r -> r.name("regional")).topicArn();
        try (SnsClient west = support.sns("test", Region.US_WEST_2)) {
            assertSnsError(() -> west.getTopicAttributes(r -> r.topicArn(arn)), 400, "InvalidParameter",
                    "Invalid parameter: TopicArn");
            assertSnsError(() -> west.publish(r -> r.topicArn(arn).message("m")), 400, "InvalidParameter",
                    "Invalid parameter: TopicArn");
        }
    }

    @Test
    void dataProtectionPolicies() {
        String arn = sns.createTopic(r -> r.name("protected")).topicArn();
        String policy = "{\"Name\":\"p\",\"Version\":\"2021-06-01\",\"Statement\":[]}";
        sns.putDataProtectionPolicy(r -> r.resourceArn(arn).dataProtectionPolicy(policy));
        assertThat(sns.getDataProtectionPolicy(r -> r.resourceArn(arn)).dataProtectionPolicy()).isEqualTo(policy);
    }
}
