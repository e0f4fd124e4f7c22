package dev.gureum.sns;

import dev.gureum.core.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.spi.FunctionInvoker;
import dev.gureum.sns.SnsTestSupport.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda subscribers, through the core {@link FunctionInvoker} (here a stand-in that records what it
 * is asked to invoke; the end-to-end test comes with Lambda itself).
 */
class LambdaDeliveryIT {

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
    void functionsAreInvokedAsynchronouslyWithTheSnsEvent() throws Exception {
        String topic = sns.createTopic(r -> r.name("to-lambda")).topicArn();
        String function = "arn:aws:lambda:us-east-1:000000000000:function:handler";
        String subscription = sns.subscribe(r -> r.topicArn(topic).protocol("lambda").endpoint(function))
                .subscriptionArn();
        String id = sns.publish(r -> r.topicArn(topic).message("Hello world.").subject("[Subject] Test")
                .messageAttributes(Map.of("color", MessageAttributeValue.builder().dataType("String")
                        .stringValue("red").build()))).messageId();

        Await.until(() -> support.functions.invocations.stream()
                .anyMatch(i -> i.functionArn().equals(function)), "the invocation");
        RecordingFunctions.Invocation invocation = support.functions.invocations.stream()
                .filter(i -> i.functionArn().equals(function)).findFirst().orElseThrow();
        assertThat(invocation.functionArn()).isEqualTo(function);
        assertThat(invocation.type()).isEqualTo(FunctionInvoker.InvocationType.EVENT);
        JsonNode event = SnsTestSupport.json(new String(invocation.payload(), StandardCharsets.UTF_8));
        JsonNode record = event.path("Records").get(0);
        assertThat(record.path("EventSource").asText()).isEqualTo("aws:sns");
        assertThat(record.path("EventVersion").asText()).isEqualTo("1.0");
        assertThat(record.path("EventSubscriptionArn").asText()).isEqualTo(subscription);
        JsonNode sns = record.path("Sns");
        assertThat(sns.path("Type").asText()).isEqualTo("Notification");
        assertThat(sns.path("MessageId").asText()).isEqualTo(id);
        assertThat(sns.path("TopicArn").asText()).isEqualTo(topic);
        assertThat(sns.path("Message").asText()).isEqualTo("Hello world.");
        assertThat(sns.path("Subject").asText()).isEqualTo("[Subject] Test");
        assertThat(sns.at("/MessageAttributes/color/Type").asText()).isEqualTo("String");
        assertThat(sns.at("/MessageAttributes/color/Value").asText()).isEqualTo("red");
        assertThat(sns.path("UnsubscribeUrl").asText()).contains("Action=Unsubscribe&SubscriptionArn=" + subscription);
        assertThat(SnsSignatures.verify(sns)).as("signature").isTrue();
    }

    @Test
    void eventsWithoutSubjectOrAttributesSayNull() {
        String topic = sns.createTopic(r -> r.name("bare-lambda")).topicArn();
        String function = "arn:aws:lambda:us-east-1:000000000000:function:bare";
        sns.subscribe(r -> r.topicArn(topic).protocol("lambda").endpoint(function));
        sns.publish(r -> r.topicArn(topic).message("plain"));
        Await.until(() -> support.functions.invocations.stream()
                .anyMatch(i -> i.functionArn().equals(function)), "the invocation");
        JsonNode sns = SnsTestSupport.json(new String(support.functions.invocations.stream()
                .filter(i -> i.functionArn().equals(function)).findFirst().orElseThrow().payload(),
                StandardCharsets.UTF_8)).at("/Records/0/Sns");
        assertThat(sns.get("Subject").isNull()).isTrue();
        assertThat(sns.path("MessageAttributes").isObject()).isTrue();
        assertThat(sns.path("MessageAttributes").size()).isZero();
    }

    @Test
    void failedInvocationsGoToTheDeadLetterQueue() {
        String topic = sns.createTopic(r -> r.name("lambda-dlq")).topicArn();
        Queue dlq = SnsTestSupport.queue(sqs, "lambda-dlq-dead");
        sns.subscribe(r -> r.topicArn(topic).protocol("lambda")
                .endpoint("arn:aws:lambda:us-east-1:000000000000:function:missing-function")
                .attributes(Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}")));
        sns.publish(r -> r.topicArn(topic).message("for nobody"));
        JsonNode dead = SnsTestSupport.json(SnsTestSupport.take(sqs, dlq).body());
        assertThat(dead.path("Message").asText()).isEqualTo("for nobody");
        assertThat(dead.path("TopicArn").asText()).isEqualTo(topic);
    }
}
