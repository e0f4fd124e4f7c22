package dev.gureum.sns;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.gureum.sns.SnsAssertions.assertSnsError;
import static org.assertj.core.api.Assertions.assertThat;

/** Email, SMS and push endpoints: nothing is sent, {@code /_gureum/sns/messages} shows what would have been. */
class RecordedDeliveryIT {

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

    private static JsonNode messages(String query) throws Exception {
        return support.internal("/_gureum/sns/messages" + query).path("messages");
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void emailSubscribersConfirmThenReceive() throws Exception {
        String topic = sns.createTopic(r -> r.name("newsletter").attributes(Map.of("DisplayName", "News"))).topicArn();
        String arn = sns.subscribe(r -> r.topicArn(topic).protocol("email").endpoint("reader@example.com")
                .returnSubscriptionArn(true)).subscriptionArn();
        JsonNode confirmation = messages("?endpoint=" + q("reader@example.com")).get(0);
        assertThat(confirmation.path("type").asText()).isEqualTo("SubscriptionConfirmation");
        assertThat(confirmation.path("protocol").asText()).isEqualTo("email");
        assertThat(confirmation.path("topicArn").asText()).isEqualTo(topic);
        assertThat(confirmation.path("body").asText()).contains(confirmation.path("subscribeUrl").asText());

        // nothing is delivered before the confirmation
        sns.publish(r -> r.topicArn(topic).message("too early"));
        assertThat(messages("?endpoint=" + q("reader@example.com"))).hasSize(1);

        assertThat(SnsTestSupport.get(confirmation.path("subscribeUrl").asText()).statusCode()).isEqualTo(200);
        assertThat(sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes())
                .containsEntry("PendingConfirmation", "false");
        String id = sns.publish(r -> r.topicArn(topic).message("Issue 1").subject("Weekly")).messageId();
        JsonNode email = messages("?endpoint=" + q("reader@example.com")).get(1);
        assertThat(email.path("type").asText()).isEqualTo("Notification");
        assertThat(email.path("messageId").asText()).isEqualTo(id);
        assertThat(email.path("subject").asText()).isEqualTo("Weekly");
        assertThat(email.path("message").asText()).isEqualTo("Issue 1");
        assertThat(email.path("body").asText()).startsWith("Issue 1").contains("Action=Unsubscribe");
        assertThat(email.path("subscriptionArn").asText()).isEqualTo(arn);
    }

    @Test
    void emailJsonReceivesTheSignedDocument() throws Exception {
        String topic = sns.createTopic(r -> r.name("json-mail")).topicArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("email-json").endpoint("robot@example.com"));
        JsonNode confirmation = messages("?protocol=email-json&topicArn=" + q(topic)).get(0);
        JsonNode document = SnsTestSupport.json(confirmation.path("body").asText());
        assertThat(document.path("Type").asText()).isEqualTo("SubscriptionConfirmation");
        assertThat(sns.confirmSubscription(r -> r.topicArn(topic).token(confirmation.path("token").asText()))
                .subscriptionArn()).startsWith(topic);
        sns.publish(r -> r.topicArn(topic).message("{\"k\":1}").messageAttributes(Map.of("a",
                MessageAttributeValue.builder().dataType("String").stringValue("b").build())));
        JsonNode sent = messages("?protocol=email-json&topicArn=" + q(topic)).get(1);
        JsonNode notification = SnsTestSupport.json(sent.path("body").asText());
        assertThat(notification.path("Message").asText()).isEqualTo("{\"k\":1}");
        assertThat(SnsSignatures.verify(notification)).isTrue();
        assertThat(sent.at("/messageAttributes/a/Value").asText()).isEqualTo("b");
    }

    @Test
    void smsAndPushAreRecorded() throws Exception {
        String topic = sns.createTopic(r -> r.name("alerts")).topicArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("sms").endpoint("+15555550123"));
        String app = sns.createPlatformApplication(r -> r.name("phones").platform("GCM")
                .attributes(Map.of("PlatformCredential", "server-key"))).platformApplicationArn();
        String device = sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token("device-token"))
                .endpointArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("application").endpoint(device));
        sns.publish(r -> r.topicArn(topic).messageStructure("json")
                .message("{\"default\":\"Disk full\",\"GCM\":\"{\\\"notification\\\":{\\\"title\\\":\\\"Disk\\\"}}\"}"));

        JsonNode sms = messages("?protocol=sms&topicArn=" + q(topic));
        assertThat(sms).hasSize(1);
        assertThat(sms.get(0).path("endpoint").asText()).isEqualTo("+15555550123");
        assertThat(sms.get(0).path("message").asText()).isEqualTo("Disk full");
        JsonNode push = messages("?endpoint=" + q(device));
        assertThat(push.get(0).path("message").asText()).isEqualTo("{\"notification\":{\"title\":\"Disk\"}}");

        // published straight to a phone number, or to a device
        sns.publish(r -> r.phoneNumber("+15555550199").message("Your code is 1234"));
        assertThat(messages("?endpoint=" + q("+15555550199")).get(0).path("message").asText())
                .isEqualTo("Your code is 1234");
        sns.publish(r -> r.targetArn(device).message("direct"));
        assertThat(messages("?endpoint=" + q(device))).hasSize(2);
        assertSnsError(() -> sns.publish(r -> r.phoneNumber("+1a234").message("m")), 400, "InvalidParameter",
                "Invalid parameter: PhoneNumber Reason: +1a234 is not valid to publish to");
        sns.setEndpointAttributes(r -> r.endpointArn(device).attributes(Map.of("Enabled", "false")));
        assertSnsError(() -> sns.publish(r -> r.targetArn(device).message("m")), 400, "EndpointDisabled",
                "Endpoint is disabled");
        assertSnsError(() -> sns.publish(r -> r.targetArn(device + "0").message("m")), 400, "InvalidParameter",
                "Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified");
    }

    @Test
    void theRecordCanBeEmptied() throws Exception {
        String topic = sns.createTopic(r -> r.name("emptied")).topicArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("sms").endpoint("+15555550111"));
        sns.publish(r -> r.topicArn(topic).message("m"));
        assertThat(messages("?topicArn=" + q(topic))).hasSize(1);
        HttpResponse<String> deleted = SnsTestSupport.HTTP.send(HttpRequest.newBuilder(
                java.net.URI.create(support.server.endpoint() + "/_gureum/sns/messages"))
                        .header("Content-Type", "application/json").DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(messages("?topicArn=" + q(topic))).isEmpty();
    }
}
