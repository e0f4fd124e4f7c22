package dev.gureum.sns;

import dev.gureum.sns.SnsTestSupport.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gureum.sns.SnsAssertions.assertSnsError;
import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionIT {

    static SnsTestSupport support;
    static SnsClient sns;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        support = new SnsTestSupport();
        sns = support.sns();
        sqs = support.sqs();
    }

    @AfterAll
    static void stop() {
        sns.close();
        sqs.close();
        support.close();
    }

    @Test
    void queuesAreSubscribedAtOnceAndIdempotently() {
        String topic = sns.createTopic(r -> r.name("subs")).topicArn();
        Queue queue = SnsTestSupport.queue(sqs, "subs-q");
        String arn = sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queue.arn())
                .attributes(Map.of("RawMessageDelivery", "true"))).subscriptionArn();
        assertThat(arn).startsWith(topic + ":");
        Map<String, String> attributes = sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes();
        assertThat(attributes).containsEntry("SubscriptionArn", arn).containsEntry("TopicArn", topic)
                .containsEntry("Owner", "000000000000").containsEntry("Protocol", "sqs")
                .containsEntry("Endpoint", queue.arn()).containsEntry("PendingConfirmation", "false")
                .containsEntry("ConfirmationWasAuthenticated", "true").containsEntry("RawMessageDelivery", "true")
                .containsKey("SubscriptionPrincipal").doesNotContainKey("FilterPolicy");

        assertThat(sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queue.arn())).subscriptionArn())
                .isEqualTo(arn);
        assertThat(sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queue.arn())
                .attributes(Map.of("RawMessageDelivery", "true"))).subscriptionArn()).isEqualTo(arn);
        assertSnsError(() -> sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queue.arn())
                        .attributes(Map.of("RawMessageDelivery", "false"))), 400, "InvalidParameter",
                "Invalid parameter: Attributes Reason: Subscription already exists with different attributes");
        assertThat(sns.getTopicAttributes(r -> r.topicArn(topic)).attributes())
                .containsEntry("SubscriptionsConfirmed", "1").containsEntry("SubscriptionsPending", "0");

        sns.unsubscribe(r -> r.subscriptionArn(arn));
        sns.unsubscribe(r -> r.subscriptionArn(arn));
        assertThat(sns.getTopicAttributes(r -> r.topicArn(topic)).attributes())
                .containsEntry("SubscriptionsConfirmed", "0").containsEntry("SubscriptionsDeleted", "1");
    }

    @Test
    void endpointsAreChecked() {
        String topic = sns.createTopic(r -> r.name("checked")).topicArn();
        assertSnsError(() -> sns.subscribe(r -> r.topicArn(topic).protocol("carrier-pigeon").endpoint("x")),
                400, "InvalidParameter", "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon");
        assertSnsError(() -> sns.subscribe(r -> r.topicArn(topic).protocol("sqs")
                        .endpoint("http://localhost:4566/000000000000/q")),
                400, "InvalidParameter", "Invalid parameter: SQS endpoint ARN");
        assertSnsError(() -> sns.subscribe(r -> r.topicArn(topic).protocol("sqs")
                        .endpoint("arn:aws:sqs:us-east-1:000000000000:q.fifo")), 400, "InvalidParameter",
                "Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics");
        assertSnsError(() -> sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint("ftp://example.com")),
                400, "InvalidParameter", "Invalid parameter: Endpoint must match the specified protocol");
        assertSnsError(() -> sns.subscribe(r -> r.topicArn(topic).protocol("sms").endpoint("+15--551234567")),
                400, "InvalidParameter", "Invalid SMS endpoint: +15--551234567");
        assertThat(sns.subscribe(r -> r.topicArn(topic).protocol("sms").endpoint("+12/34-567.890")).subscriptionArn())
                .startsWith(topic);
        // a queue that does not exist yet can be subscribed
        assertThat(sns.subscribe(r -> r.topicArn(topic).protocol("sqs")
                .endpoint("arn:aws:sqs:us-east-1:000000000000:later")).subscriptionArn()).startsWith(topic);
        assertSnsError(() -> sns.subscribe(r -> r.topicArn(topic + "-gone").protocol("sms").endpoint("+15555550100")),
                404, "NotFound", "Topic does not exist");
        String fifo = sns.createTopic(r -> r.name("checked.fifo").attributes(Map.of("FifoTopic", "true"))).topicArn();
        assertSnsError(() -> sns.subscribe(r -> r.topicArn(fifo).protocol("http").endpoint("http://example.com")),
                400, "InvalidParameter", "Invalid parameter: Invalid protocol type: http");
    }

    @Test
    void pendingSubscriptionsAnswerPendingConfirmation() {
        String topic = sns.createTopic(r -> r.name("pending")).topicArn();
        assertThat(sns.subscribe(r -> r.topicArn(topic).protocol("email").endpoint("someone@example.com"))
                .subscriptionArn()).isEqualTo("pending confirmation");
        String arn = sns.subscribe(r -> r.topicArn(topic).protocol("email").endpoint("someone@example.com")
                .returnSubscriptionArn(true)).subscriptionArn();
        assertThat(arn).startsWith(topic + ":");
        assertThat(sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes())
                .containsEntry("PendingConfirmation", "true").containsEntry("ConfirmationWasAuthenticated", "false");
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions())
                .extracting(Subscription::subscriptionArn).containsExactly("PendingConfirmation");
        assertThat(sns.getTopicAttributes(r -> r.topicArn(topic)).attributes())
                .containsEntry("SubscriptionsPending", "1").containsEntry("SubscriptionsConfirmed", "0");
    }

    @Test
    void listingsPageAHundredAtATime() {
        String topic = sns.createTopic(r -> r.name("many-subs")).topicArn();
        for (int i = 0; i < 120; i++) {
            String endpoint = "arn:aws:sqs:us-east-1:000000000000:many-" + i;
            sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(endpoint));
        }
        ListSubscriptionsByTopicResponse first = sns.listSubscriptionsByTopic(r -> r.topicArn(topic));
        assertThat(first.subscriptions()).hasSize(100);
        ListSubscriptionsByTopicResponse second = sns.listSubscriptionsByTopic(r -> r.topicArn(topic)
                .nextToken(first.nextToken()));
        assertThat(second.subscriptions()).hasSize(20);
        assertThat(second.nextToken()).isNull();
        List<Subscription> all = new ArrayList<>();
        sns.listSubscriptionsPaginator().subscriptions().forEach(all::add);
        assertThat(all).filteredOn(s -> s.topicArn().equals(topic)).hasSize(120)
                .allSatisfy(s -> assertThat(s.owner()).isEqualTo("000000000000"))
                .extracting(Subscription::subscriptionArn).doesNotHaveDuplicates();
    }

    @Test
    void attributesAreCheckedAsAwsChecksThem() {
        String topic = sns.createTopic(r -> r.name("attr-checks")).topicArn();
        String arn = sns.subscribe(r -> r.topicArn(topic).protocol("sqs")
                .endpoint("arn:aws:sqs:us-east-1:000000000000:attr-checks")).subscriptionArn();
        assertSnsError(() -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn).attributeName("Fake")
                .attributeValue("x")), 400, "InvalidParameter", "Invalid parameter: AttributeName");
        assertSnsError(() -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn).attributeName("RawMessageDelivery")
                .attributeValue("test-ValUe")), 400, "InvalidParameter",
                "Invalid parameter: RawMessageDelivery: Invalid value [test-ValUe]. Must be true or false.");
        assertSnsError(() -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn).attributeName("RedrivePolicy")
                .attributeValue("{\"deadLetterTargetArn\": \"fake-arn\"}")), 400, "InvalidParameter",
                "Invalid parameter: RedrivePolicy: deadLetterTargetArn is an invalid arn");
        assertSnsError(() -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn).attributeName("FilterPolicy")
                .attributeValue("{\"key\":[]}")), 400, "InvalidParameter",
                "Invalid parameter: FilterPolicy: Empty arrays are not allowed");
        assertSnsError(() -> sns.subscribe(r -> r.topicArn(topic).protocol("sms").endpoint("+15555550101")
                        .attributes(Map.of("FilterPolicy", "{\"key\":[{\"numeric\":[\">\",3,\"<\",1]}]}"))),
                400, "InvalidParameter", "Invalid parameter: Attributes Reason: FilterPolicy: Bottom must be less than top");
        assertSnsError(() -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn).attributeName("FilterPolicyScope")
                .attributeValue("RandomValue")), 400, "InvalidParameter",
                "Invalid parameter: FilterPolicyScope: Invalid value [RandomValue]. Please use either MessageBody or MessageAttributes");
        assertSnsError(() -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn).attributeName("FilterPolicy")
                        .attributeValue("{\"object\":{\"key\":[{\"prefix\":\"auto-\"}]}}")), 400, "InvalidParameter",
                "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy");

        sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn).attributeName("FilterPolicyScope").attributeValue("MessageBody"));
        String nested = "{\"object\":{\"key\":[{\"prefix\":\"auto-\"}]}}";
        sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn).attributeName("FilterPolicy").attributeValue(nested));
        assertThat(sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes())
                .containsEntry("FilterPolicy", nested).containsEntry("FilterPolicyScope", "MessageBody");
        sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn).attributeName("FilterPolicy").attributeValue(""));
        assertThat(sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes())
                .doesNotContainKeys("FilterPolicy", "FilterPolicyScope");

        String email = sns.subscribe(r -> r.topicArn(topic).protocol("email").endpoint("a@example.com")
                .returnSubscriptionArn(true)).subscriptionArn();
        assertSnsError(() -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(email).attributeName("RawMessageDelivery")
                .attributeValue("true")), 400, "InvalidParameter",
                "Invalid parameter: Delivery protocol [email] does not support raw message delivery.");
    }

    @Test
    void subscriptionArnsAreChecked() {
        assertSnsError(() -> sns.unsubscribe(r -> r.subscriptionArn("randomstring")), 400, "InvalidParameter",
                "Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 1");
        assertSnsError(() -> sns.unsubscribe(r -> r.subscriptionArn("arn:aws:sns:us-east-1:000000000000:random")),
                400, "InvalidParameter", "Invalid parameter: SubscriptionId");
        assertSnsError(() -> sns.getSubscriptionAttributes(r -> r.subscriptionArn(
                "arn:aws:sns:us-east-1:000000000000:t:0c6e2a1e-9a43-4b85-8a7b-2d1d2c6f1f00")), 404, "NotFound",
                "Subscription does not exist");
    }

    @Test
    void confirmationTokensAreChecked() {
        String topic = sns.createTopic(r -> r.name("tokens")).topicArn();
        assertSnsError(() -> sns.confirmSubscription(r -> r.topicArn(topic).token("randomtoken")), 400,
                "InvalidParameter", "Invalid token");
        assertSnsError(() -> sns.confirmSubscription(r -> r.topicArn(topic).token("51b2ff3edb475b7d")), 400,
                "InvalidParameter", "Invalid parameter: Token");
        assertSnsError(() -> sns.confirmSubscription(r -> r.topicArn("not-an-arn").token("51b2ff3edb475b7d")), 400,
                "InvalidParameter", "Invalid parameter: Topic");
    }

    @Test
    void onlyTheOwnersUnsubscribeWithCredentials() {
        String topic = sns.createTopic(r -> r.name("owned")).topicArn();
        String arn = sns.subscribe(r -> r.topicArn(topic).protocol("sms").endpoint("+15555550142")).subscriptionArn();
        try (SnsClient stranger = support.sns("222222222222", software.amazon.awssdk.regions.Region.US_EAST_1)) {
            assertSnsError(() -> stranger.unsubscribe(r -> r.subscriptionArn(arn)), 403, "AuthorizationError",
                    "User: arn:aws:iam::222222222222:root is not authorized to perform: SNS:Unsubscribe on resource: " + arn);
        }
        sns.unsubscribe(r -> r.subscriptionArn(arn));
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions()).isEmpty();
    }

    @Test
    void tokensOfDeletedTopicsNoLongerConfirm() throws Exception {
        String topic = sns.createTopic(r -> r.name("gone-with-token")).topicArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("email").endpoint("late@example.com"));
        String token = support.internal("/_gureum/sns/messages?endpoint=late%40example.com").path("messages").get(0)
                .path("token").asText();
        sns.deleteTopic(r -> r.topicArn(topic));
        assertSnsError(() -> sns.confirmSubscription(r -> r.topicArn(topic).token(token)), 400, "InvalidParameter",
                "Invalid parameter: Token");
    }

    @Test
    void redrivePolicyOfFifoSubscriptionsNeedsAFifoQueue() {
        String topic = sns.createTopic(r -> r.name("redrive.fifo").attributes(Map.of("FifoTopic", "true"))).topicArn();
        Queue queue = SnsTestSupport.queue(sqs, "redrive.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        String arn = sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queue.arn())).subscriptionArn();
        assertSnsError(() -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(arn).attributeName("RedrivePolicy")
                        .attributeValue("{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:standard\"}")),
                400, "InvalidParameter",
                "Invalid parameter: RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic.");
    }
}
