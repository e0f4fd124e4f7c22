package dev.gureum.server.lambda;

import dev.gureum.core.json.Json;
import dev.gureum.core.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SNS subscriptions with protocol {@code lambda}: a publish invokes the function with the SNS event. */
class SnsAndLambdaIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    static final ObjectMapper JSON = Json.mapper();

    static List<JsonNode> events(CloudWatchLogsClient logs, String function) {
        List<JsonNode> events = new ArrayList<>();
        try {
            for (FilteredLogEvent e : logs.filterLogEventsPaginator(r -> r.logGroupName("/aws/lambda/" + function)
                    .filterPattern("Records")).events()) {
                events.add(JSON.readTree(e.message()));
            }
        } catch (ResourceNotFoundException e) {
            return events;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return events;
    }

    @Test
    void publishedMessagesInvokeSubscribedFunctions() {
        Packages.assumeRuns("node", "--version");
        try (LambdaClient lambda = gureum.configure(LambdaClient.builder()).build();
             SnsClient sns = gureum.configure(SnsClient.builder()).build();
             CloudWatchLogsClient logs = gureum.configure(CloudWatchLogsClient.builder()).build()) {
            String functionArn = lambda.createFunction(r -> r.functionName("on-news").runtime("nodejs20.x")
                    .handler("index.handler").role(Packages.ROLE).code(c -> c.zipFile(Packages.zip(Map.of("index.js",
                            "exports.handler = async (event) => { process.stdout.write(JSON.stringify(event) + '\\n'); };\n")))))
                    .functionArn();
            String topicArn = sns.createTopic(r -> r.name("news")).topicArn();
            lambda.addPermission(r -> r.functionName("on-news").statementId("sns").action("lambda:InvokeFunction")
                    .principal("sns.amazonaws.com").sourceArn(topicArn));
            String subscription = sns.subscribe(r -> r.topicArn(topicArn).protocol("lambda").endpoint(functionArn))
                    .subscriptionArn();
            sns.publish(r -> r.topicArn(topicArn).subject("Breaking").message("hello from sns")
                    .messageAttributes(Map.of("priority", MessageAttributeValue.builder().dataType("String")
                            .stringValue("high").build())));
            Await.until(Duration.ofSeconds(15), () -> !events(logs, "on-news").isEmpty(), "the SNS event");
            JsonNode record = events(logs, "on-news").get(0).path("Records").get(0);
            assertThat(record.path("EventSource").asText()).isEqualTo("aws:sns");
            assertThat(record.path("EventSubscriptionArn").asText()).isEqualTo(subscription);
            JsonNode message = record.path("Sns");
            assertThat(message.path("TopicArn").asText()).isEqualTo(topicArn);
            assertThat(message.path("Subject").asText()).isEqualTo("Breaking");
            assertThat(message.path("Message").asText()).isEqualTo("hello from sns");
            assertThat(message.path("MessageAttributes").path("priority").path("Value").asText()).isEqualTo("high");
        }
    }
}
