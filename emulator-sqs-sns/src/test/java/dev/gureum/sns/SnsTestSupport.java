package dev.gureum.sns;

import dev.gureum.core.testing.SdkClients;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.sns.protocol.SnsService;
import dev.gureum.sqs.SqsModule;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * A front end with SQS, SNS and a stand-in for Lambda on a free port, a hand-moved clock, and SDK v2
 * clients pointed at it.
 */
public final class SnsTestSupport implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final HttpClient HTTP = HttpClient.newHttpClient();

    public final MutableClock clock = new MutableClock();
    public final RecordingFunctions functions = new RecordingFunctions();
    public final EmbeddedFrontEnd server = new EmbeddedFrontEnd(clock, new SqsModule(), new SnsModule(), functions);

    public SnsClient sns() {
        return sns("test", Region.US_EAST_1);
    }

    public SnsClient sns(String accessKey, Region region) {
        return SdkClients.configure(SnsClient.builder(), server.endpoint(), accessKey, region).build();
    }

    public SnsAsyncClient snsAsync() {
        return SdkClients.configure(SnsAsyncClient.builder(), server.endpoint()).build();
    }

    public SqsClient sqs() {
        return sqs("test", Region.US_EAST_1);
    }

    public SqsClient sqs(String accessKey, Region region) {
        return SdkClients.configure(SqsClient.builder(), server.endpoint(), accessKey, region).build();
    }

    public SnsService service() {
        return (SnsService) server.registry().get("sns");
    }

    /** A queue and its ARN. */
    public record Queue(String url, String arn) {
    }

    public static Queue queue(SqsClient sqs, String name, java.util.Map<QueueAttributeName, String> attributes) {
        String url = sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Queue(url, arn);
    }

    public static Queue queue(SqsClient sqs, String name) {
        return queue(sqs, name, java.util.Map.of());
    }

    /** The messages in a queue now (up to ten), left visible. */
    public static List<Message> peek(SqsClient sqs, Queue queue) {
        return sqs.receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(10).visibilityTimeout(0)
                .messageAttributeNames("All")
                .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.ALL)).messages();
    }

    /** Receives and deletes one message. */
    public static Message take(SqsClient sqs, Queue queue) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(1)
                .messageAttributeNames("All")
                .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) {
            throw new AssertionError("No message in " + queue.url());
        }
        sqs.deleteMessage(r -> r.queueUrl(queue.url()).receiptHandle(messages.get(0).receiptHandle()));
        return messages.get(0);
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }

    public JsonNode internal(String pathAndQuery) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + pathAndQuery))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return json(response.body());
    }

    public static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
    }
}
