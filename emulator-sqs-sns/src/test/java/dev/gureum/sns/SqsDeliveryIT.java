package dev.gureum.sns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.spi.Caller;
import dev.gureum.core.spi.MessageAttribute;
import dev.gureum.core.spi.TopicPublisher;
import dev.gureum.sns.SnsTestSupport.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gureum.sns.SnsAssertions.assertSnsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Publishing to queues: the notification envelope, raw delivery, FIFO, filters, dead letters. */
class SqsDeliveryIT {

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

    private static String subscribe(String topic, Queue queue, Map<String, String> attributes) {
        return sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queue.arn()).attributes(attributes))
                .subscriptionArn();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static MessageAttributeValue number(String value) {
        return MessageAttributeValue.builder().dataType("Number").stringValue(value).build();
    }

    @Test
    void queuesReceiveTheSignedNotification() throws Exception {
        String topic = sns.createTopic(r -> r.name("envelope")).topicArn();
        Queue queue = SnsTestSupport.queue(sqs, "envelope");
        String subscription = subscribe(topic, queue, Map.of());
        PublishResponse published = sns.publish(r -> r.topicArn(topic).message("Hello \"world\"\n구름").subject("Greeting")
                .messageAttributes(Map.of("attr1", number("99.12"), "bin", MessageAttributeValue.builder()
                        .dataType("Binary").binaryValue(SdkBytes.fromByteArray(new byte[] {2, 3, 4})).build())));

        Message received = SnsTestSupport.take(sqs, queue);
        assertThat(received.messageAttributes()).isEmpty();
        JsonNode n = SnsTestSupport.json(received.body());
        assertThat(n.path("Type").asText()).isEqualTo("Notification");
        assertThat(n.path("MessageId").asText()).isEqualTo(published.messageId());
        assertThat(n.path("TopicArn").asText()).isEqualTo(topic);
        assertThat(n.path("Subject").asText()).isEqualTo("Greeting");
        assertThat(n.path("Message").asText()).isEqualTo("Hello \"world\"\n구름");
        assertThat(n.path("Timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(n.path("SignatureVersion").asText()).isEqualTo("1");
        assertThat(n.path("SigningCertURL").asText())
                .matches(support.server.endpoint() + "/_gureum/sns/SimpleNotificationService-[0-9a-f]{32}\\.pem");
        assertThat(n.path("UnsubscribeURL").asText()).isEqualTo(support.server.endpoint()
                + "/?Action=Unsubscribe&SubscriptionArn=" + subscription + "&Version=2010-03-31");
        assertThat(n.at("/MessageAttributes/attr1/Type").asText()).isEqualTo("Number");
        assertThat(n.at("/MessageAttributes/attr1/Value").asText()).isEqualTo("99.12");
        assertThat(n.at("/MessageAttributes/bin/Type").asText()).isEqualTo("Binary");
        assertThat(n.at("/MessageAttributes/bin/Value").asText()).isEqualTo("AgME");
        assertThat(SnsSignatures.verify(n)).as("signature").isTrue();

        // SignatureVersion 2 signs with SHA256withRSA
        sns.setTopicAttributes(r -> r.topicArn(topic).attributeName("SignatureVersion").attributeValue("2"));
        sns.publish(r -> r.topicArn(topic).message("second"));
        JsonNode second = SnsTestSupport.json(SnsTestSupport.take(sqs, queue).body());
        assertThat(second.path("SignatureVersion").asText()).isEqualTo("2");
        assertThat(second.has("Subject")).isFalse();
        assertThat(SnsSignatures.verify(second)).as("signature v2").isTrue();

        // the UnsubscribeURL works as a plain GET
        assertThat(SnsTestSupport.get(n.path("UnsubscribeURL").asText()).statusCode()).isEqualTo(200);
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions()).isEmpty();
    }

    @Test
    void rawDeliveryPassesTheMessageAndItsAttributes() {
        String topic = sns.createTopic(r -> r.name("raw")).topicArn();
        Queue queue = SnsTestSupport.queue(sqs, "raw");
        subscribe(topic, queue, Map.of("RawMessageDelivery", "true"));
        sns.publish(r -> r.topicArn(topic).message("just this").messageAttributes(Map.of("attr1", number("99.12"),
                "tags", MessageAttributeValue.builder().dataType("String.Array").stringValue("[\"a\",\"b\"]").build())));
        Message received = SnsTestSupport.take(sqs, queue);
        assertThat(received.body()).isEqualTo("just this");
        assertThat(received.messageAttributes().get("attr1").dataType()).isEqualTo("Number");
        assertThat(received.messageAttributes().get("attr1").stringValue()).isEqualTo("99.12");
        assertThat(received.messageAttributes().get("tags").dataType()).isEqualTo("String.Array");
        assertThat(received.md5OfMessageAttributes()).isNotBlank();
    }

    @Test
    void messageStructureJsonGivesEachProtocolItsMessage() {
        String topic = sns.createTopic(r -> r.name("structured")).topicArn();
        Queue queue = SnsTestSupport.queue(sqs, "structured");
        subscribe(topic, queue, Map.of("RawMessageDelivery", "true"));
        sns.publish(r -> r.topicArn(topic).messageStructure("json")
                .message("{\"default\": \"for everyone\", \"sqs\": \"for queues\", \"email\": \"for people\"}"));
        assertThat(SnsTestSupport.take(sqs, queue).body()).isEqualTo("for queues");
        sns.publish(r -> r.topicArn(topic).messageStructure("json").message("{\"default\": \"for everyone\"}"));
        assertThat(SnsTestSupport.take(sqs, queue).body()).isEqualTo("for everyone");
        assertSnsError(() -> sns.publish(r -> r.topicArn(topic).messageStructure("json").message("{\"sqs\": \"x\"}")),
                400, "InvalidParameter", "Invalid parameter: Message Structure - No default entry in JSON message body");
        assertSnsError(() -> sns.publish(r -> r.topicArn(topic).messageStructure("json").message("not json")),
                400, "InvalidParameter", "Invalid parameter: Message Structure - JSON message body failed to parse");
    }

    @Test
    void filterPoliciesChooseTheQueues() {
        String topic = sns.createTopic(r -> r.name("filtered")).topicArn();
        Queue sports = SnsTestSupport.queue(sqs, "sports");
        Queue cheap = SnsTestSupport.queue(sqs, "cheap");
        Queue body = SnsTestSupport.queue(sqs, "body");
        subscribe(topic, sports, Map.of("RawMessageDelivery", "true",
                "FilterPolicy", "{\"interest\": [\"rugby\", {\"prefix\": \"basket\"}]}"));
        subscribe(topic, cheap, Map.of("RawMessageDelivery", "true",
                "FilterPolicy", "{\"price\": [{\"numeric\": [\"<\", 100]}], \"store\": [{\"exists\": true}]}"));
        subscribe(topic, body, Map.of("RawMessageDelivery", "true", "FilterPolicyScope", "MessageBody",
                "FilterPolicy", "{\"order\": {\"status\": [\"shipped\"]}}"));

        sns.publish(r -> r.topicArn(topic).message("rugby").messageAttributes(Map.of("interest", string("rugby"))));
        sns.publish(r -> r.topicArn(topic).message("basketball, cheap").messageAttributes(Map.of(
                "interest", string("basketball"), "price", number("20"), "store", string("example"))));
        sns.publish(r -> r.topicArn(topic).message("cheap, no store").messageAttributes(Map.of("price", number("20"))));
        sns.publish(r -> r.topicArn(topic).message("{\"order\": {\"status\": \"shipped\", \"id\": 7}}"));
        sns.publish(r -> r.topicArn(topic).message("{\"order\": {\"status\": \"lost\"}}"));

        assertThat(SnsTestSupport.take(sqs, sports).body()).isEqualTo("rugby");
        assertThat(SnsTestSupport.take(sqs, sports).body()).isEqualTo("basketball, cheap");
        assertThat(SnsTestSupport.peek(sqs, sports)).isEmpty();
        assertThat(SnsTestSupport.take(sqs, cheap).body()).isEqualTo("basketball, cheap");
        assertThat(SnsTestSupport.peek(sqs, cheap)).isEmpty();
        assertThat(SnsTestSupport.take(sqs, body).body()).contains("shipped");
        assertThat(SnsTestSupport.peek(sqs, body)).isEmpty();
    }

    @Test
    void fifoTopicsKeepGroupsInOrderAndDeduplicate() {
        String topic = sns.createTopic(r -> r.name("orders.fifo").attributes(Map.of("FifoTopic", "true"))).topicArn();
        Queue queue = SnsTestSupport.queue(sqs, "orders.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        Queue standard = SnsTestSupport.queue(sqs, "orders-standard");
        subscribe(topic, queue, Map.of("RawMessageDelivery", "true"));
        subscribe(topic, standard, Map.of());

        List<String> sequenceNumbers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            PublishResponse r = sns.publish(p -> p.topicArn(topic).message("order-" + n).messageGroupId("customer-1")
                    .messageDeduplicationId("dedup-" + n));
            sequenceNumbers.add(r.sequenceNumber());
        }
        assertThat(sequenceNumbers).allMatch(s -> s.matches("\\d{20}")).isSorted();
        PublishResponse again = sns.publish(p -> p.topicArn(topic).message("order-0 again").messageGroupId("customer-1")
                .messageDeduplicationId("dedup-0"));
        assertThat(again.sequenceNumber()).isEqualTo(sequenceNumbers.get(0));

        for (int i = 0; i < 5; i++) {
            Message m = SnsTestSupport.take(sqs, queue);
            assertThat(m.body()).isEqualTo("order-" + i);
            assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "customer-1")
                    .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, "dedup-" + i);
        }
        assertThat(SnsTestSupport.peek(sqs, queue)).isEmpty();

        // the envelope of a FIFO topic carries its sequence number and no signature
        JsonNode envelope = SnsTestSupport.json(SnsTestSupport.take(sqs, standard).body());
        assertThat(envelope.path("SequenceNumber").asText()).isEqualTo(sequenceNumbers.get(0));
        assertThat(envelope.has("Signature")).isFalse();
        assertThat(envelope.has("UnsubscribeURL")).isTrue();

        assertSnsError(() -> sns.publish(p -> p.topicArn(topic).message("m")), 400, "InvalidParameter",
                "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
        assertSnsError(() -> sns.publish(p -> p.topicArn(topic).message("m").messageGroupId("g")), 400, "InvalidParameter",
                "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or "
                        + "MessageDeduplicationId provided explicitly");
    }

    @Test
    void contentBasedDeduplicationUsesTheMessagesHash() {
        String topic = sns.createTopic(r -> r.name("content.fifo").attributes(Map.of("FifoTopic", "true",
                "ContentBasedDeduplication", "true"))).topicArn();
        Queue queue = SnsTestSupport.queue(sqs, "content.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        subscribe(topic, queue, Map.of("RawMessageDelivery", "true"));
        String first = sns.publish(p -> p.topicArn(topic).message("Test").messageGroupId("g")).messageId();
        assertThat(sns.publish(p -> p.topicArn(topic).message("Test").messageGroupId("g")).messageId()).isEqualTo(first);
        Message m = SnsTestSupport.take(sqs, queue);
        assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID,
                "532eaabd9574880dbf76b9b8cc00832c20a6ec113d682299550d7a6e0f345e25");
        assertThat(SnsTestSupport.peek(sqs, queue)).isEmpty();

        // five minutes later the same content is a new message
        support.clock.advance(java.time.Duration.ofMinutes(6));
        assertThat(sns.publish(p -> p.topicArn(topic).message("Test").messageGroupId("g")).messageId()).isNotEqualTo(first);
    }

    @Test
    void standardTopicsPassTheGroupButRefuseDeduplicationIds() {
        String topic = sns.createTopic(r -> r.name("fair")).topicArn();
        Queue queue = SnsTestSupport.queue(sqs, "fair");
        subscribe(topic, queue, Map.of("RawMessageDelivery", "true"));
        sns.publish(p -> p.topicArn(topic).message("m").messageGroupId("tenant-1"));
        assertThat(SnsTestSupport.take(sqs, queue).attributes())
                .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "tenant-1");
        assertSnsError(() -> sns.publish(p -> p.topicArn(topic).message("m").messageDeduplicationId("d")), 400,
                "InvalidParameter", "Invalid parameter: MessageDeduplicationId Reason: The request includes "
                        + "MessageDeduplicationId parameter that is not valid for this topic type");
    }

    @Test
    void queuesOfOtherAccountsAndRegionsReceiveWhereTheirPolicyAllowsTheTopic() {
        String topic = sns.createTopic(r -> r.name("far-away")).topicArn();
        Queue dlq = SnsTestSupport.queue(sqs, "far-away-dead");
        try (SqsClient other = support.sqs("111111111111", Region.EU_WEST_1)) {
            Queue queue = SnsTestSupport.queue(other, "far-queue");
            assertThat(queue.arn()).isEqualTo("arn:aws:sqs:eu-west-1:111111111111:far-queue");
            subscribe(topic, queue, Map.of("RawMessageDelivery", "true",
                    "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}"));
            sns.publish(r -> r.topicArn(topic).message("refused"));
            assertThat(SnsTestSupport.peek(other, queue)).isEmpty();
            assertThat(SnsTestSupport.take(sqs, dlq).body()).isEqualTo("refused");

            other.setQueueAttributes(r -> r.queueUrl(queue.url()).attributes(Map.of(QueueAttributeName.POLICY,
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                            + "\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queue.arn()
                            + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"" + topic + "\"}}}]}")));
            sns.publish(r -> r.topicArn(topic).message("across the world"));
            assertThat(SnsTestSupport.take(other, queue).body()).isEqualTo("across the world");
        }
    }

    @Test
    void undeliverableMessagesGoToTheDeadLetterQueue() {
        String topic = sns.createTopic(r -> r.name("with-dlq")).topicArn();
        Queue dlq = SnsTestSupport.queue(sqs, "with-dlq-dead");
        Queue rawDlq = SnsTestSupport.queue(sqs, "with-dlq-raw-dead");
        String redrive = "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}";
        String rawRedrive = "{\"deadLetterTargetArn\":\"" + rawDlq.arn() + "\"}";
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:000000000000:deleted")
                .attributes(Map.of("RedrivePolicy", redrive)));
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:000000000000:deleted-raw")
                .attributes(Map.of("RedrivePolicy", rawRedrive, "RawMessageDelivery", "true")));
        sns.publish(r -> r.topicArn(topic).message("test_dlq").messageAttributes(Map.of("attr1", number("111"))));

        JsonNode dead = SnsTestSupport.json(SnsTestSupport.take(sqs, dlq).body());
        assertThat(dead.path("Type").asText()).isEqualTo("Notification");
        assertThat(dead.path("Message").asText()).isEqualTo("test_dlq");
        Message rawDead = SnsTestSupport.take(sqs, rawDlq);
        assertThat(rawDead.body()).isEqualTo("test_dlq");
        assertThat(rawDead.messageAttributes().get("attr1").stringValue()).isEqualTo("111");
    }

    @Test
    void batchesPublishEachEntry() {
        String topic = sns.createTopic(r -> r.name("batch")).topicArn();
        Queue queue = SnsTestSupport.queue(sqs, "batch");
        subscribe(topic, queue, Map.of("RawMessageDelivery", "true"));
        PublishBatchResponse response = sns.publishBatch(r -> r.topicArn(topic).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("1").message("one").messageAttributes(Map.of("a", number("1"))).build(),
                PublishBatchRequestEntry.builder().id("2").message("two").build(),
                PublishBatchRequestEntry.builder().id("3").message("{\"default\":\"three\"}").messageStructure("json").build()));
        assertThat(response.failed()).isEmpty();
        assertThat(response.successful()).extracting(e -> e.id()).containsExactly("1", "2", "3");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bodies.add(SnsTestSupport.take(sqs, queue).body());
        }
        assertThat(bodies).containsExactlyInAnyOrder("one", "two", "three");

        List<PublishBatchRequestEntry> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(PublishBatchRequestEntry.builder().id("e" + i).message("m").build());
        }
        assertSnsError(() -> sns.publishBatch(r -> r.topicArn(topic).publishBatchRequestEntries(eleven)), 400,
                "TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible.");
        assertSnsError(() -> sns.publishBatch(r -> r.topicArn(topic).publishBatchRequestEntries(
                        PublishBatchRequestEntry.builder().id("same").message("a").build(),
                        PublishBatchRequestEntry.builder().id("same").message("b").build())), 400,
                "BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.");
        assertSnsError(() -> sns.publishBatch(r -> r.topicArn(topic).publishBatchRequestEntries(
                        PublishBatchRequestEntry.builder().id("message.id").message("a").build())), 400,
                "InvalidBatchEntryId", "The Id of a batch entry in the batch request contains an impermissible character: "
                        + "message.id");
        String fifo = sns.createTopic(r -> r.name("batch.fifo").attributes(Map.of("FifoTopic", "true"))).topicArn();
        assertSnsError(() -> sns.publishBatch(r -> r.topicArn(fifo).publishBatchRequestEntries(
                        PublishBatchRequestEntry.builder().id("1").message("a").messageDeduplicationId("d").build())), 400,
                "InvalidParameter", "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
        PublishBatchResponse fifoResponse = sns.publishBatch(r -> r.topicArn(fifo).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("1").message("a").messageGroupId("g").messageDeduplicationId("d1").build(),
                PublishBatchRequestEntry.builder().id("2").message("b").messageGroupId("g").messageDeduplicationId("d2").build()));
        assertThat(fifoResponse.successful()).allSatisfy(e -> assertThat(e.sequenceNumber()).matches("\\d{20}"));
    }

    @Test
    void messagesAndAttributesAreChecked() {
        String topic = sns.createTopic(r -> r.name("checks")).topicArn();
        assertSnsError(() -> sns.publish(r -> r.topicArn(topic).message("")), 400, "InvalidParameter",
                "Invalid parameter: Empty message");
        assertSnsError(() -> sns.publish(r -> r.topicArn(topic).message("x".repeat(262_145))), 400, "InvalidParameter",
                "Invalid parameter: Message too long");
        assertSnsError(() -> sns.publish(r -> r.topicArn(topic).message("m").subject("")), 400, "InvalidParameter",
                "Invalid parameter: Subject");
        assertSnsError(() -> sns.publish(r -> r.topicArn(topic).message("m").messageAttributes(Map.of("attr1",
                        MessageAttributeValue.builder().dataType("Str").stringValue("v").build()))), 400,
                "ParameterValueInvalid", "The message attribute 'attr1' has an invalid message attribute type, the set of "
                        + "supported type prefixes is Binary, Number, and String.");
        assertSnsError(() -> sns.publish(r -> r.topicArn(topic).message("m").messageAttributes(Map.of("attr1",
                        MessageAttributeValue.builder().dataType("String").stringValue("").build()))), 400,
                "ParameterValueInvalid", "The message attribute 'attr1' must contain non-empty message attribute value "
                        + "for message attribute type 'String'.");
        assertSnsError(() -> sns.publish(r -> r.topicArn(topic).message("m").messageAttributes(Map.of("attr1",
                        MessageAttributeValue.builder().dataType("Number").stringValue("ten").build()))), 400,
                "ParameterValueInvalid", "Could not cast message attribute 'attr1' value to number.");
        assertSnsError(() -> sns.publish(r -> r.topicArn(topic).message("m").messageAttributes(Map.of("a^b", string("v")))),
                400, "ParameterValueInvalid", "Invalid non-alphanumeric character '#x5E' was found in the message "
                        + "attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.");
        assertSnsError(() -> sns.publish(r -> r.topicArn(topic).message("m").messageAttributes(Map.of("a..b", string("v")))),
                400, "ParameterValueInvalid", "Message attribute name can not have successive '.' character.");
        assertSnsError(() -> sns.publish(r -> r.topicArn(topic + "-gone").message("m")), 404, "NotFound",
                "Topic does not exist");
    }

    @Test
    void otherServicesPublishThroughTopicPublisher() {
        String topic = sns.createTopic(r -> r.name("from-s3")).topicArn();
        Queue queue = SnsTestSupport.queue(sqs, "from-s3");
        subscribe(topic, queue, Map.of("RawMessageDelivery", "true"));
        TopicPublisher publisher = (TopicPublisher) support.server.registry().get("sns");
        String id = publisher.publish(Caller.service("s3.amazonaws.com", "arn:aws:s3:::uploads", "000000000000"), topic,
                "{\"Records\":[]}", "Amazon S3 Notification", Map.of("source", MessageAttribute.string("s3")));
        assertThat(id).isNotBlank();
        Message m = SnsTestSupport.take(sqs, queue);
        assertThat(m.body()).isEqualTo("{\"Records\":[]}");
        assertThat(m.messageAttributes().get("source").stringValue()).isEqualTo("s3");
    }

    @Test
    void anotherAccountsServicePublishesWhereTheTopicsPolicyAllowsIt() {
        String topic = sns.createTopic(r -> r.name("shared-with-s3")).topicArn();
        TopicPublisher publisher = (TopicPublisher) support.server.registry().get("sns");
        Caller theirBucket = Caller.service("s3.amazonaws.com", "arn:aws:s3:::their-uploads", "111111111111");
        assertThatThrownBy(() -> publisher.publish(theirBucket, topic, "m", null, Map.of()))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("AuthorizationError");
                    assertThat(e.getMessage()).isEqualTo("User: s3.amazonaws.com is not authorized to perform: "
                            + "SNS:Publish on resource: " + topic);
                });
        sns.setTopicAttributes(r -> r.topicArn(topic).attributeName("Policy").attributeValue("{\"Version\":"
                + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},"
                + "\"Action\":\"SNS:Publish\",\"Resource\":\"" + topic + "\",\"Condition\":{\"StringEquals\":"
                + "{\"aws:SourceAccount\":\"111111111111\"}}}]}"));
        assertThat(publisher.publish(theirBucket, topic, "m", null, Map.of())).isNotBlank();
    }
}
