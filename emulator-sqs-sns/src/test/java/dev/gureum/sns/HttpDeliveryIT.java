package dev.gureum.sns;

import dev.gureum.core.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.sns.SnsTestSupport.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP/S subscribers: confirmation, notifications and their headers, retries, dead letters. */
class HttpDeliveryIT {

    static SnsTestSupport support;
    static SnsClient sns;
    static SqsClient sqs;
    HttpEndpoint endpoint;

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

    @BeforeEach
    void endpoint() throws Exception {
        endpoint = new HttpEndpoint();
    }

    /**
     * The endpoint answers each request after the test has seen it: closed any sooner, it would fail a
     * delivery whose retry then waits on the hand-moved clock, counted as pending in every later test.
     */
    @AfterEach
    void closeEndpoint() {
        try {
            Await.until(() -> support.service().pendingHttpDeliveries() == 0, "this test's deliveries to end");
        } finally {
            endpoint.close();
        }
    }

    /** Subscribes the endpoint and confirms through the SubscribeURL, as a subscriber's code does. */
    private String subscribeAndConfirm(String topic, String path, Map<String, String> attributes) throws Exception {
        String arn = sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint(endpoint.url(path))
                .attributes(attributes).returnSubscriptionArn(true)).subscriptionArn();
        HttpEndpoint.Request confirmation = endpoint.next();
        JsonNode doc = SnsTestSupport.json(confirmation.body());
        assertThat(SnsTestSupport.get(doc.path("SubscribeURL").asText()).statusCode()).isEqualTo(200);
        return arn;
    }

    @Test
    void onePublishReachesTwoQueuesAndAnHttpEndpoint() throws Exception {
        String topic = sns.createTopic(r -> r.name("everywhere")).topicArn();
        Queue first = SnsTestSupport.queue(sqs, "everywhere-1");
        Queue second = SnsTestSupport.queue(sqs, "everywhere-2");
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(first.arn()));
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(second.arn()));
        String subscription = sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint(endpoint.url("/sns"))
                .returnSubscriptionArn(true)).subscriptionArn();
        assertThat(sns.getTopicAttributes(r -> r.topicArn(topic)).attributes())
                .containsEntry("SubscriptionsConfirmed", "2").containsEntry("SubscriptionsPending", "1");

        HttpEndpoint.Request confirmation = endpoint.next();
        assertThat(confirmation.path()).isEqualTo("/sns");
        assertThat(confirmation.header("x-amz-sns-message-type")).isEqualTo("SubscriptionConfirmation");
        assertThat(confirmation.header("x-amz-sns-topic-arn")).isEqualTo(topic);
        assertThat(confirmation.header("x-amz-sns-subscription-arn")).isNull();
        assertThat(confirmation.header("user-agent")).isEqualTo("Amazon Simple Notification Service Agent");
        assertThat(confirmation.header("content-type")).isEqualTo("text/plain; charset=UTF-8");
        JsonNode doc = SnsTestSupport.json(confirmation.body());
        assertThat(doc.path("Type").asText()).isEqualTo("SubscriptionConfirmation");
        assertThat(doc.path("MessageId").asText()).isEqualTo(confirmation.header("x-amz-sns-message-id"));
        assertThat(doc.path("Token").asText()).matches("[0-9a-f]{256}");
        assertThat(doc.path("Message").asText()).isEqualTo("You have chosen to subscribe to the topic " + topic
                + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
        assertThat(doc.path("SubscribeURL").asText()).isEqualTo(support.server.endpoint()
                + "/?Action=ConfirmSubscription&TopicArn=" + topic + "&Token=" + doc.path("Token").asText()
                + "&Version=2010-03-31");
        assertThat(SnsSignatures.verify(doc)).as("confirmation signature").isTrue();

        // a plain GET of the SubscribeURL confirms, as a browser or a subscriber's code would
        var confirmed = SnsTestSupport.get(doc.path("SubscribeURL").asText());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("<SubscriptionArn>" + subscription + "</SubscriptionArn>");
        assertThat(sns.getSubscriptionAttributes(r -> r.subscriptionArn(subscription)).attributes())
                .containsEntry("PendingConfirmation", "false");
        assertThat(sns.getTopicAttributes(r -> r.topicArn(topic)).attributes())
                .containsEntry("SubscriptionsConfirmed", "3").containsEntry("SubscriptionsPending", "0");

        String messageId = sns.publish(r -> r.topicArn(topic).message("to everyone").subject("All")).messageId();

        HttpEndpoint.Request notification = endpoint.next();
        assertThat(notification.header("x-amz-sns-message-type")).isEqualTo("Notification");
        assertThat(notification.header("x-amz-sns-message-id")).isEqualTo(messageId);
        assertThat(notification.header("x-amz-sns-topic-arn")).isEqualTo(topic);
        assertThat(notification.header("x-amz-sns-subscription-arn")).isEqualTo(subscription);
        JsonNode n = SnsTestSupport.json(notification.body());
        assertThat(n.path("Message").asText()).isEqualTo("to everyone");
        assertThat(n.path("Subject").asText()).isEqualTo("All");
        assertThat(SnsSignatures.verify(n)).as("notification signature").isTrue();
        for (Queue q : new Queue[] {first, second}) {
            JsonNode queued = SnsTestSupport.json(SnsTestSupport.take(sqs, q).body());
            assertThat(queued.path("MessageId").asText()).isEqualTo(messageId);
            assertThat(queued.path("Message").asText()).isEqualTo("to everyone");
        }
        assertThat(endpoint.received()).isZero();
    }

    @Test
    void publishDoesNotWaitForSlowEndpoints() throws Exception {
        String topic = sns.createTopic(r -> r.name("slow")).topicArn();
        subscribeAndConfirm(topic, "/slow", Map.of());
        CountDownLatch release = endpoint.hold();
        long start = System.nanoTime();
        sns.publish(r -> r.topicArn(topic).message("do not wait for me"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(endpoint.received()).isZero();
        release.countDown();
        assertThat(SnsTestSupport.json(endpoint.next().body()).path("Message").asText()).isEqualTo("do not wait for me");
    }

    @Test
    void failedDeliveriesAreRetriedAsTheDeliveryPolicySays() throws Exception {
        String topic = sns.createTopic(r -> r.name("flaky")).topicArn();
        sns.setTopicAttributes(r -> r.topicArn(topic).attributeName("DeliveryPolicy").attributeValue(
                "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":20,\"maxDelayTarget\":20,\"numRetries\":3}}}"));
        subscribeAndConfirm(topic, "/flaky", Map.of());
        endpoint.answer(500, 503);
        sns.publish(r -> r.topicArn(topic).message("eventually"));

        HttpEndpoint.Request attempt1 = endpoint.next();
        Await.until(() -> support.service().httpRetriesWaiting() == 1, "the retry to be scheduled");
        assertThat(endpoint.received()).isZero();
        support.clock.advance(Duration.ofSeconds(19));
        assertThat(support.service().httpRetriesWaiting()).isEqualTo(1);
        support.clock.advance(Duration.ofSeconds(1));
        HttpEndpoint.Request attempt2 = endpoint.next();
        Await.until(() -> support.service().httpRetriesWaiting() == 1, "the second retry to be scheduled");
        support.clock.advance(Duration.ofSeconds(20));
        HttpEndpoint.Request attempt3 = endpoint.next();
        assertThat(attempt2.body()).isEqualTo(attempt1.body());
        assertThat(attempt3.header("x-amz-sns-message-id")).isEqualTo(attempt1.header("x-amz-sns-message-id"));
        Await.until(() -> support.service().pendingHttpDeliveries() == 0, "the delivery to end");
        assertThat(endpoint.received()).isZero();
    }

    @Test
    void advancingTheServerClockRunsTheRetriesDueInBetween() throws Exception {
        String topic = sns.createTopic(r -> r.name("flaky-advanced")).topicArn();
        sns.setTopicAttributes(r -> r.topicArn(topic).attributeName("DeliveryPolicy").attributeValue(
                "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":60,\"maxDelayTarget\":60,\"numRetries\":2}}}"));
        subscribeAndConfirm(topic, "/flaky-advanced", Map.of());
        endpoint.answer(500);
        sns.publish(r -> r.topicArn(topic).message("after a minute"));

        HttpEndpoint.Request attempt1 = endpoint.next();
        Await.until(() -> support.service().httpRetriesWaiting() == 1, "the retry to be scheduled");
        support.server.serverClock().advance(Duration.ofSeconds(59));
        assertThat(support.service().httpRetriesWaiting()).isEqualTo(1);
        assertThat(endpoint.received()).isZero();
        support.server.serverClock().advance(Duration.ofSeconds(1));
        HttpEndpoint.Request attempt2 = endpoint.next();
        assertThat(attempt2.header("x-amz-sns-message-id")).isEqualTo(attempt1.header("x-amz-sns-message-id"));
        Await.until(() -> support.service().pendingHttpDeliveries() == 0, "the delivery to end");
    }

    @Test
    void givenUpDeliveriesGoToTheDeadLetterQueue() throws Exception {
        String topic = sns.createTopic(r -> r.name("unreachable")).topicArn();
        Queue dlq = SnsTestSupport.queue(sqs, "unreachable-dlq");
        subscribeAndConfirm(topic, "/gone", Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}"));
        // a client error is not retried
        endpoint.answer(404);
        sns.publish(r -> r.topicArn(topic).message("nobody home"));
        endpoint.next();
        Await.until(() -> !SnsTestSupport.peek(sqs, dlq).isEmpty(), "the dead letter");
        JsonNode dead = SnsTestSupport.json(SnsTestSupport.take(sqs, dlq).body());
        assertThat(dead.path("Message").asText()).isEqualTo("nobody home");
        assertThat(endpoint.received()).isZero();
    }

    @Test
    void contentTypeAndRawDeliveryFollowTheSubscription() throws Exception {
        String topic = sns.createTopic(r -> r.name("typed")).topicArn();
        sns.setTopicAttributes(r -> r.topicArn(topic).attributeName("DeliveryPolicy").attributeValue(
                "{\"http\":{\"defaultRequestPolicy\":{\"headerContentType\":\"application/json\"}}}"));
        String arn = subscribeAndConfirm(topic, "/typed", Map.of("RawMessageDelivery", "true"));
        sns.publish(r -> r.topicArn(topic).message("{\"raw\": true}").messageAttributes(Map.of("a",
                MessageAttributeValue.builder().dataType("String").stringValue("b").build())));
        HttpEndpoint.Request request = endpoint.next();
        assertThat(request.body()).isEqualTo("{\"raw\": true}");
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.header("x-amz-sns-rawdelivery")).isEqualTo("true");
        var effective = SnsTestSupport.json(sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes()
                .get("EffectiveDeliveryPolicy"));
        assertThat(effective.at("/requestPolicy/headerContentType").asText()).isEqualTo("application/json");
        assertThat(effective.at("/healthyRetryPolicy/numRetries").asInt()).isEqualTo(3);
    }

    @Test
    void confirmSubscriptionAndUnsubscribeThroughTheApi() throws Exception {
        String topic = sns.createTopic(r -> r.name("api-confirm")).topicArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint(endpoint.url("/api")));
        JsonNode doc = SnsTestSupport.json(endpoint.next().body());
        String arn = sns.confirmSubscription(r -> r.topicArn(topic).token(doc.path("Token").asText())
                .authenticateOnUnsubscribe("true")).subscriptionArn();
        assertThat(sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes())
                .containsEntry("PendingConfirmation", "false").containsEntry("ConfirmationWasAuthenticated", "true");
        // with AuthenticateOnUnsubscribe, the bare UnsubscribeURL no longer unsubscribes
        sns.publish(r -> r.topicArn(topic).message("m"));
        String unsubscribeUrl = SnsTestSupport.json(endpoint.next().body()).path("UnsubscribeURL").asText();
        assertThat(SnsTestSupport.get(unsubscribeUrl).statusCode()).isEqualTo(403);

        sns.unsubscribe(r -> r.subscriptionArn(arn));
        HttpEndpoint.Request goodbye = endpoint.next();
        assertThat(goodbye.header("x-amz-sns-message-type")).isEqualTo("UnsubscribeConfirmation");
        JsonNode bye = SnsTestSupport.json(goodbye.body());
        assertThat(bye.path("Type").asText()).isEqualTo("UnsubscribeConfirmation");
        assertThat(SnsSignatures.verify(bye)).isTrue();
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions()).isEmpty();
    }

    @Test
    void pendingSubscriptionsReceiveNothing() throws Exception {
        String topic = sns.createTopic(r -> r.name("unconfirmed")).topicArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint(endpoint.url("/pending")));
        endpoint.next();
        Await.until(() -> support.service().pendingHttpDeliveries() == 0, "the confirmation to be answered");
        Queue witness = SnsTestSupport.queue(sqs, "unconfirmed-witness");
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(witness.arn()));
        sns.publish(r -> r.topicArn(topic).message("only for the confirmed"));
        SnsTestSupport.take(sqs, witness);
        assertThat(support.service().pendingHttpDeliveries()).isZero();
        assertThat(endpoint.received()).isZero();
    }
}
