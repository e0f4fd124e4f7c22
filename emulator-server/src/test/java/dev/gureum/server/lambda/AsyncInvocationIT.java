package dev.gureum.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.json.Json;
import dev.gureum.core.testing.Await;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionEventInvokeConfig;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Asynchronous invocation as Lambda does it: event invoke configurations, retries of failed events on the
 * server clock, event age, invocation records sent to SQS, SNS and Lambda destinations, dead-letter queues.
 */
class AsyncInvocationIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    static final ObjectMapper JSON = Json.mapper();
    static final String APP = """
            import json

            def handler(event, context):
                print("attempt", json.dumps(event))
                if event.get("fail"):
                    raise ValueError("failing on purpose: " + event.get("marker", ""))
                return {"echo": event}
            """;

    static LambdaClient lambda;
    static SqsClient sqs;
    static SnsClient sns;

    @BeforeAll
    static void clients() {
        lambda = gureum.configure(LambdaClient.builder()).build();
        sqs = gureum.configure(SqsClient.builder()).build();
        sns = gureum.configure(SnsClient.builder()).build();
    }

    @AfterAll
    static void close() {
        lambda.close();
        sqs.close();
        sns.close();
    }

    static String function(String name) {
        Packages.assumeRuns("python3", "--version");
        String arn = lambda.createFunction(r -> r.functionName(name).runtime("python3.12").handler("app.handler")
                .role(Packages.ROLE).code(c -> c.zipFile(Packages.zip(Map.of("app.py", APP))))).functionArn();
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
        return arn;
    }

    static String queueUrl(String name) {
        return sqs.createQueue(r -> r.queueName(name)).queueUrl();
    }

    static String queueArn(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    static void invokeEvent(String function, String payload) {
        assertThat(lambda.invoke(r -> r.functionName(function).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload))).statusCode()).isEqualTo(202);
    }

    /** Waits for a message in the queue, moving the server clock on (20 s at a time) so that retries run. */
    static Message awaitMessage(String queueUrl, boolean advance) {
        AtomicReference<Message> received = new AtomicReference<>();
        Await.until(Duration.ofSeconds(60), () -> {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).messageAttributeNames("All"))
                    .messages();
            if (!messages.isEmpty()) {
                received.set(messages.get(0));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(messages.get(0).receiptHandle()));
                return true;
            }
            if (advance) {
                gureum.server().clock().advance(Duration.ofSeconds(20));
            }
            return false;
        }, "a message in " + queueUrl);
        return received.get();
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void eventInvokeConfigurationsArePutUpdatedListedAndDeleted() {
        String arn = function("eic-api");
        String queue = queueArn(queueUrl("eic-api-failures"));
        PutFunctionEventInvokeConfigResponse put = lambda.putFunctionEventInvokeConfig(r -> r.functionName("eic-api")
                .maximumRetryAttempts(1).destinationConfig(d -> d.onFailure(f -> f.destination(queue))));
        assertThat(put.functionArn()).isEqualTo(arn + ":$LATEST");
        assertThat(put.maximumRetryAttempts()).isEqualTo(1);
        assertThat(put.maximumEventAgeInSeconds()).isNull();
        assertThat(put.destinationConfig().onFailure().destination()).isEqualTo(queue);
        assertThat(put.lastModified()).isNotNull();

        // Update keeps what it does not name; Put replaces the whole configuration
        assertThat(lambda.updateFunctionEventInvokeConfig(r -> r.functionName("eic-api").maximumEventAgeInSeconds(120))
                .maximumRetryAttempts()).isEqualTo(1);
        assertThat(lambda.getFunctionEventInvokeConfig(r -> r.functionName("eic-api")).maximumEventAgeInSeconds())
                .isEqualTo(120);
        assertThat(lambda.putFunctionEventInvokeConfig(r -> r.functionName("eic-api").maximumEventAgeInSeconds(60))
                .maximumRetryAttempts()).isNull();

        lambda.publishVersion(r -> r.functionName("eic-api"));
        lambda.putFunctionEventInvokeConfig(r -> r.functionName("eic-api").qualifier("1").maximumRetryAttempts(0));
        List<FunctionEventInvokeConfig> all = lambda.listFunctionEventInvokeConfigs(r -> r.functionName("eic-api"))
                .functionEventInvokeConfigs();
        assertThat(all).extracting(FunctionEventInvokeConfig::functionArn).containsExactly(arn + ":$LATEST", arn + ":1");

        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("eic-api").maximumRetryAttempts(3)))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.getMessage()).contains("Member must have value less than or equal to 2");
                });
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("eic-api")
                .maximumEventAgeInSeconds(59))).isInstanceOfSatisfying(LambdaException.class,
                e -> assertThat(e.getMessage()).contains("Member must have value greater than or equal to 60"));
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("eic-api")
                .destinationConfig(d -> d.onSuccess(s -> s.destination(
                        "arn:aws:events:us-east-1:000000000000:event-bus/default")))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("EventBridge");
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("eic-api").qualifier("7")
                .maximumRetryAttempts(0))).isInstanceOf(ResourceNotFoundException.class);

        lambda.deleteFunctionEventInvokeConfig(r -> r.functionName("eic-api"));
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(r -> r.functionName("eic-api")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("The function " + arn + ":$LATEST doesn't have an EventInvokeConfig");
        assertThatThrownBy(() -> lambda.updateFunctionEventInvokeConfig(r -> r.functionName("eic-api")
                .maximumRetryAttempts(0))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aFailingEventIsRetriedThenRecordedInItsFailureDestinationAndDeadLetterQueue() throws Exception {
        String arn = function("async-fails");
        String failures = queueUrl("async-fails-record");
        String deadLetters = queueUrl("async-fails-dlq");
        lambda.updateFunctionConfiguration(r -> r.functionName("async-fails")
                .deadLetterConfig(d -> d.targetArn(queueArn(deadLetters))));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("async-fails"));
        lambda.putFunctionEventInvokeConfig(r -> r.functionName("async-fails").maximumRetryAttempts(1)
                .destinationConfig(d -> d.onFailure(f -> f.destination(queueArn(failures)))));

        invokeEvent("async-fails", "{\"fail\": true, \"marker\": \"m1\"}");
        JsonNode record = json(awaitMessage(failures, true).body());
        assertThat(record.path("version").asText()).isEqualTo("1.0");
        assertThat(record.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode context = record.path("requestContext");
        assertThat(context.path("functionArn").asText()).isEqualTo(arn + ":$LATEST");
        assertThat(context.path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(context.path("approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(context.path("requestId").asText()).isNotEmpty();
        assertThat(record.path("requestPayload")).isEqualTo(json("{\"fail\": true, \"marker\": \"m1\"}"));
        assertThat(record.path("responseContext").path("statusCode").asInt()).isEqualTo(200);
        assertThat(record.path("responseContext").path("executedVersion").asText()).isEqualTo("$LATEST");
        assertThat(record.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.path("responsePayload").path("errorMessage").asText()).isEqualTo("failing on purpose: m1");
        assertThat(record.path("responsePayload").path("errorType").asText()).isEqualTo("ValueError");

        Message dead = awaitMessage(deadLetters, false);
        assertThat(json(dead.body())).isEqualTo(json("{\"fail\": true, \"marker\": \"m1\"}"));
        assertThat(dead.messageAttributes().get("RequestID").stringValue()).isEqualTo(context.path("requestId").asText());
        assertThat(dead.messageAttributes().get("ErrorCode").dataType()).isEqualTo("Number");
        assertThat(dead.messageAttributes().get("ErrorCode").stringValue()).isEqualTo("200");
        assertThat(dead.messageAttributes().get("ErrorMessage").stringValue()).isEqualTo("failing on purpose: m1");
    }

    @Test
    void aSuccessfulEventIsRecordedInItsSuccessDestination() throws Exception {
        String arn = function("async-succeeds");
        String records = queueUrl("async-succeeds-records");
        String topic = sns.createTopic(r -> r.name("async-succeeds")).topicArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn(records))
                .attributes(Map.of("RawMessageDelivery", "true")));
        lambda.putFunctionEventInvokeConfig(r -> r.functionName("async-succeeds")
                .destinationConfig(d -> d.onSuccess(s -> s.destination(topic))));

        invokeEvent("async-succeeds", "{\"marker\": \"ok\"}");
        JsonNode record = json(awaitMessage(records, false).body());
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("Success");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(record.path("requestContext").path("functionArn").asText()).isEqualTo(arn + ":$LATEST");
        assertThat(record.path("responseContext").has("functionError")).isFalse();
        assertThat(record.path("responsePayload")).isEqualTo(json("{\"echo\": {\"marker\": \"ok\"}}"));
    }

    @Test
    void aFunctionDestinationReceivesTheRecordAsItsEvent() throws Exception {
        function("async-source");
        String forwarderArn = lambda.createFunction(r -> r.functionName("async-forwarder").runtime("python3.12")
                .handler("app.handler").role(Packages.ROLE).code(c -> c.zipFile(Packages.zip(Map.of("app.py", """
                        import boto3, json, os

                        def handler(event, context):
                            boto3.client("sqs").send_message(QueueUrl=os.environ["QUEUE"], MessageBody=json.dumps(event))
                        """))))).functionArn();
        String forwarded = queueUrl("async-forwarded");
        lambda.updateFunctionConfiguration(r -> r.functionName("async-forwarder")
                .environment(e -> e.variables(Map.of("QUEUE", forwarded))));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("async-forwarder"));
        lambda.putFunctionEventInvokeConfig(r -> r.functionName("async-source").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(forwarderArn))));

        Packages.assumeRuns("python3", "-c", "import boto3");
        invokeEvent("async-source", "{\"fail\": true}");
        JsonNode record = json(awaitMessage(forwarded, false).body());
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(1);
    }

    @Test
    void anEventOlderThanItsMaximumAgeIsNotRetried() throws Exception {
        function("async-ages");
        String failures = queueUrl("async-ages-record");
        String deadLetters = queueUrl("async-ages-dlq");
        lambda.updateFunctionConfiguration(r -> r.functionName("async-ages")
                .deadLetterConfig(d -> d.targetArn(queueArn(deadLetters))));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("async-ages"));
        lambda.putFunctionEventInvokeConfig(r -> r.functionName("async-ages").maximumEventAgeInSeconds(60)
                .destinationConfig(d -> d.onFailure(f -> f.destination(queueArn(failures)))));

        invokeEvent("async-ages", "{\"fail\": true}");
        JsonNode record = json(awaitMessage(failures, true).body());
        // the retry was due a minute after the failure, when the event was older than its 60 seconds
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("EventAgeExceeded");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(record.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        // the event ran and failed: the dead-letter message carries the status of that attempt
        assertThat(awaitMessage(deadLetters, false).messageAttributes().get("ErrorCode").stringValue()).isEqualTo("200");
    }

    @Test
    void eventsOfAFunctionWithoutConcurrencyGoToTheDeadLetterQueueWithoutRunning() throws Exception {
        function("async-stopped");
        String deadLetters = queueUrl("async-stopped-dlq");
        String topicDeadLetters = sns.createTopic(r -> r.name("async-stopped-dlq")).topicArn();
        sns.subscribe(r -> r.topicArn(topicDeadLetters).protocol("sqs").endpoint(queueArn(deadLetters)));
        lambda.updateFunctionConfiguration(r -> r.functionName("async-stopped")
                .deadLetterConfig(d -> d.targetArn(topicDeadLetters)));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("async-stopped"));
        lambda.putFunctionConcurrency(r -> r.functionName("async-stopped").reservedConcurrentExecutions(0));

        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("async-stopped")
                .payload(SdkBytes.fromUtf8String("{}")))).isInstanceOf(TooManyRequestsException.class);
        invokeEvent("async-stopped", "{\"marker\": \"never ran\"}");
        // through SNS (not raw): the notification carries the event and Lambda's attributes
        JsonNode notification = json(awaitMessage(deadLetters, false).body());
        assertThat(json(notification.path("Message").asText())).isEqualTo(json("{\"marker\": \"never ran\"}"));
        assertThat(notification.path("MessageAttributes").path("ErrorCode").path("Value").asText()).isEqualTo("429");
        assertThat(notification.path("MessageAttributes").path("RequestID").path("Value").asText()).isNotEmpty();
    }
}
