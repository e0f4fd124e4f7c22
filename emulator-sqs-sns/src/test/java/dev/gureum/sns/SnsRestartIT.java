package dev.gureum.sns;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.SdkClients;
import dev.gureum.sns.domain.SentMessage;
import dev.gureum.sns.protocol.SnsService;
import dev.gureum.sqs.SqsModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SNS state kept in a data directory: stop the server, start another on the directory, find everything. */
class SnsRestartIT {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private EmbeddedFrontEnd server;
    private SnsClient sns;
    private SqsClient sqs;

    private void start() {
        server = EmbeddedFrontEnd.persistent(dir, clock, new SqsModule(), new SnsModule(), new RecordingFunctions());
        sns = SdkClients.configure(SnsClient.builder(), server.endpoint(), "test", Region.US_EAST_1).build();
        sqs = SdkClients.configure(SqsClient.builder(), server.endpoint(), "test", Region.US_EAST_1).build();
    }

    private void restart() {
        stop();
        start();
    }

    @AfterEach
    void stop() {
        if (sns != null) {
            sns.close();
            sqs.close();
            server.close();
            sns = null;
        }
    }

    private Map<String, String> topicAttributes(String arn) {
        return sns.getTopicAttributes(r -> r.topicArn(arn)).attributes();
    }

    private Map<String, String> subscriptionAttributes(String arn) {
        return sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes();
    }

    @Test
    void topicsAndSubscriptionsAreKeptFieldByField() {
        start();
        String topic = sns.createTopic(r -> r.name("orders").tags(t -> t.key("team").value("shop"))
                .attributes(Map.of("DisplayName", "Orders", "DeliveryPolicy",
                        "{\"http\":{\"defaultHealthyRetryPolicy\":{\"numRetries\":5,\"minDelayTarget\":1,"
                                + "\"maxDelayTarget\":2},\"defaultRequestPolicy\":{\"headerContentType\":"
                                + "\"application/json\"}}}"))).topicArn();
        sns.addPermission(r -> r.topicArn(topic).label("partner").awsAccountIds("111122223333").actionNames("Publish"));
        sns.putDataProtectionPolicy(r -> r.resourceArn(topic).dataProtectionPolicy(
                "{\"Name\":\"p\",\"Version\":\"2021-06-01\",\"Statement\":[]}"));
        String fifo = sns.createTopic(r -> r.name("jobs.fifo").attributes(Map.of("FifoTopic", "true",
                "ContentBasedDeduplication", "true"))).topicArn();
        String queueUrl = sqs.createQueue(r -> r.queueName("eu-orders")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        String toQueue = sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true", "FilterPolicyScope", "MessageAttributes",
                        "FilterPolicy", "{\"region\":[\"eu\"]}"))).subscriptionArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("email").endpoint("ops@example.com"));
        String gone = sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn.replace("eu-orders", "x"))
                .returnSubscriptionArn(true)).subscriptionArn();
        sns.unsubscribe(r -> r.subscriptionArn(gone));
        sns.setSubscriptionAttributes(r -> r.subscriptionArn(toQueue).attributeName("RedrivePolicy")
                .attributeValue("{\"deadLetterTargetArn\":\"" + queueArn + "\"}"));
        String token = service().sentMessages(m -> "SubscriptionConfirmation".equals(m.type())).stream()
                .map(SentMessage::token).findFirst().orElseThrow();
        Map<String, String> topicBefore = topicAttributes(topic);
        Map<String, String> fifoBefore = topicAttributes(fifo);
        Map<String, String> subscriptionBefore = subscriptionAttributes(toQueue);
        List<Subscription> listedBefore = sns.listSubscriptions().subscriptions();

        restart();

        assertThat(sns.listTopics().topics()).extracting(t -> t.topicArn()).containsExactlyInAnyOrder(topic, fifo);
        assertThat(topicAttributes(topic)).isEqualTo(topicBefore);
        assertThat(topicBefore).containsEntry("SubscriptionsConfirmed", "1").containsEntry("SubscriptionsPending", "1")
                .containsEntry("SubscriptionsDeleted", "1").containsEntry("DisplayName", "Orders");
        assertThat(topicAttributes(fifo)).isEqualTo(fifoBefore);
        assertThat(sns.listTagsForResource(r -> r.resourceArn(topic)).tags())
                .singleElement().satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("team=shop"));
        assertThat(sns.getDataProtectionPolicy(r -> r.resourceArn(topic)).dataProtectionPolicy()).contains("\"Name\":\"p\"");
        assertThat(subscriptionAttributes(toQueue)).isEqualTo(subscriptionBefore);
        assertThat(sns.listSubscriptions().subscriptions()).containsExactlyInAnyOrderElementsOf(listedBefore);

        // the filter policy is in force again: only the matching message reaches the queue, raw
        sns.publish(r -> r.topicArn(topic).message("for eu").messageAttributes(Map.of("region",
                MessageAttributeValue.builder().dataType("String").stringValue("eu").build())));
        sns.publish(r -> r.topicArn(topic).message("for us").messageAttributes(Map.of("region",
                MessageAttributeValue.builder().dataType("String").stringValue("us").build())));
        List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
        assertThat(received).extracting(Message::body).containsExactly("for eu");

        // the pending subscription is confirmed with the token sent before the restart
        String confirmed = sns.confirmSubscription(r -> r.topicArn(topic).token(token)).subscriptionArn();
        restart();
        assertThat(subscriptionAttributes(confirmed)).containsEntry("PendingConfirmation", "false");
        assertThat(topicAttributes(topic)).containsEntry("SubscriptionsConfirmed", "2")
                .containsEntry("SubscriptionsPending", "0");

        sns.deleteTopic(r -> r.topicArn(fifo));
        restart();
        assertThat(sns.listTopics().topics()).extracting(t -> t.topicArn()).containsExactly(topic);
    }

    @Test
    void platformApplicationsEndpointsAndSmsSettingsAreKept() {
        start();
        String app = sns.createPlatformApplication(r -> r.name("my-app").platform("GCM").attributes(Map.of(
                "PlatformCredential", "server-key"))).platformApplicationArn();
        sns.setPlatformApplicationAttributes(r -> r.platformApplicationArn(app)
                .attributes(Map.of("EventEndpointCreated", "arn:aws:sns:us-east-1:000000000000:events")));
        String device = sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token("token-1")
                .customUserData("user 7")).endpointArn();
        sns.setEndpointAttributes(r -> r.endpointArn(device).attributes(Map.of("Enabled", "false")));
        String other = sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token("token-2")).endpointArn();
        sns.deleteEndpoint(r -> r.endpointArn(other));
        sns.setSMSAttributes(r -> r.attributes(Map.of("DefaultSMSType", "Transactional", "DefaultSenderID", "Shop")));
        sns.createSMSSandboxPhoneNumber(r -> r.phoneNumber("+15555550100"));
        sns.createSMSSandboxPhoneNumber(r -> r.phoneNumber("+15555550101"));
        sns.verifySMSSandboxPhoneNumber(r -> r.phoneNumber("+15555550101").oneTimePassword("123456"));
        Map<String, String> appBefore = sns.getPlatformApplicationAttributes(r -> r.platformApplicationArn(app)).attributes();
        Map<String, String> deviceBefore = sns.getEndpointAttributes(r -> r.endpointArn(device)).attributes();
        Map<String, String> sandboxBefore = sandbox();

        restart();

        assertThat(sns.getPlatformApplicationAttributes(r -> r.platformApplicationArn(app)).attributes())
                .isEqualTo(appBefore).containsKey("EventEndpointCreated");
        assertThat(sns.getEndpointAttributes(r -> r.endpointArn(device)).attributes()).isEqualTo(deviceBefore)
                .containsEntry("Enabled", "false").containsEntry("CustomUserData", "user 7");
        assertThat(sns.listEndpointsByPlatformApplication(r -> r.platformApplicationArn(app)).endpoints())
                .extracting(e -> e.endpointArn()).containsExactly(device);
        assertThat(sns.getSMSAttributes(r -> { }).attributes()).containsEntry("DefaultSMSType", "Transactional")
                .containsEntry("DefaultSenderID", "Shop");
        assertThat(sandbox()).isEqualTo(sandboxBefore).containsEntry("+15555550101", "Verified")
                .containsEntry("+15555550100", "Pending");

        sns.deletePlatformApplication(r -> r.platformApplicationArn(app));
        restart();
        assertThat(sns.listPlatformApplications().platformApplications()).isEmpty();
    }

    private Map<String, String> sandbox() {
        Map<String, String> numbers = new HashMap<>();
        sns.listSMSSandboxPhoneNumbers(r -> { }).phoneNumbers()
                .forEach(n -> numbers.put(n.phoneNumber(), n.statusAsString()));
        return numbers;
    }

    private SnsService service() {
        return (SnsService) server.registry().get("sns");
    }
}
