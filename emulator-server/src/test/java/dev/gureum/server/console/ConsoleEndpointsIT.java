package dev.gureum.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.server.GureumServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's endpoints over plain HTTP: its switch, its live events, its views, and who may act. */
class ConsoleEndpointsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(URI endpoint, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI endpoint, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static GureumServer server(java.util.function.UnaryOperator<GureumServer.Builder> options) {
        return options.apply(GureumServer.builder().port(0).services(Set.of("sqs", "ec2"))).build().start();
    }

    @Test
    void theConsoleIsServedUnlessSwitchedOff() throws Exception {
        try (GureumServer on = server(b -> b); GureumServer off = server(b -> b.console(false))) {
            HttpResponse<String> page = get(on.endpoint(), "/_gureum/console");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                    csp -> assertThat(csp).contains("default-src 'self'"));
            assertThat(page.body()).contains("<title>Gureum console</title>");
            assertThat(get(on.endpoint(), "/_gureum/console/console.js").statusCode()).isEqualTo(200);

            assertThat(get(off.endpoint(), "/_gureum/console").statusCode()).isEqualTo(404);
            assertThat(get(off.endpoint(), "/_gureum/console/api/messaging").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aListeningPageIsToldWhichServiceChanged() throws Exception {
        try (GureumServer server = server(b -> b);
             SqsClient sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "x")))
                     .build()) {
            HttpResponse<InputStream> events = HTTP.send(HttpRequest.newBuilder(
                    server.endpoint().resolve("/_gureum/console/api/events")).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
                assertThat(lines.readLine()).isEqualTo("event:hello");
                CompletableFuture<String> change = CompletableFuture.supplyAsync(() -> {
                    try {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            if (line.equals("event:change")) {
                                return lines.readLine();
                            }
                        }
                        return null;
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                sqs.createQueue(r -> r.queueName("watched"));
                assertThat(change.get(10, TimeUnit.SECONDS)).startsWith("data:{\"services\":[\"sqs\"]");
            }

            JsonNode feed = Json.mapper().readTree(get(server.endpoint(), "/_gureum/console/api/requests").body());
            assertThat(feed.path("requests")).anySatisfy(r -> {
                assertThat(r.path("operation").asText()).isEqualTo("CreateQueue");
                assertThat(r.path("accountId").asText()).isEqualTo("123456789012");
                assertThat(r.path("status").asInt()).isEqualTo(200);
            });
            JsonNode messaging = Json.mapper().readTree(get(server.endpoint(), "/_gureum/console/api/messaging").body());
            assertThat(messaging.path("queues").get(0).path("name").asText()).isEqualTo("watched");
            assertThat(messaging.path("queues").get(0).path("visible").asInt()).isZero();
            String arn = messaging.path("queues").get(0).path("arn").asText();
            JsonNode peek = Json.mapper().readTree(get(server.endpoint(), "/_gureum/console/api/queue-messages?queueArn="
                    + java.net.URLEncoder.encode(arn, java.nio.charset.StandardCharsets.UTF_8)).body());
            assertThat(peek.path("name").asText()).isEqualTo("watched");
            assertThat(peek.path("messages").size()).isZero();
            HttpResponse<String> noQueue = get(server.endpoint(), "/_gureum/console/api/queue-messages?queueArn="
                    + java.net.URLEncoder.encode(arn + "-gone", java.nio.charset.StandardCharsets.UTF_8));
            assertThat(noQueue.statusCode()).isEqualTo(404);
            assertThat(noQueue.body()).contains("QueueDoesNotExist");
            assertThat(Json.mapper().readTree(get(server.endpoint(), "/_gureum/console/api/scaling").body())
                    .path("groups").size()).isZero();
        }
    }

    @Test
    void actionsAreRefusedToOtherPagesAndToNonJsonBodies() throws Exception {
        try (GureumServer server = server(b -> b)) {
            String body = "{\"queueArn\":\"arn:aws:sqs:us-east-1:000000000000:none\"}";
            assertThat(post(server.endpoint(), "/_gureum/console/api/purge-queue", body,
                    "Content-Type", "text/plain").statusCode()).isEqualTo(415);
            assertThat(post(server.endpoint(), "/_gureum/console/api/purge-queue", body,
                    "Content-Type", "application/json", "Origin", "http://example.com").statusCode()).isEqualTo(403);
            HttpResponse<String> missing = post(server.endpoint(), "/_gureum/console/api/purge-queue", body,
                    "Content-Type", "application/json");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).contains("QueueDoesNotExist");
            HttpResponse<String> noInstance = post(server.endpoint(), "/_gureum/console/api/terminate-instance",
                    "{\"accountId\":\"000000000000\",\"region\":\"us-east-1\",\"instanceId\":\"i-0123456789abcdef0\"}",
                    "Content-Type", "application/json");
            assertThat(noInstance.statusCode()).isEqualTo(400);
            assertThat(noInstance.body()).contains("InvalidInstanceID.NotFound");
        }
    }

    @Test
    void withVerifiedSignaturesTheViewsAndActionsNeedTheAdminToken() throws Exception {
        try (GureumServer server = server(b -> b.verifySignatures(true).adminToken("sesame"))) {
            assertThat(get(server.endpoint(), "/_gureum/console").statusCode()).isEqualTo(200);
            assertThat(get(server.endpoint(), "/_gureum/console/api/messaging").statusCode()).isEqualTo(401);
            assertThat(get(server.endpoint(), "/_gureum/console/api/queue-messages?queueArn=x").statusCode())
                    .isEqualTo(401);
            assertThat(get(server.endpoint(), "/_gureum/console/api/scaling").statusCode()).isEqualTo(401);
            assertThat(get(server.endpoint(), "/_gureum/console/api/messaging", "Authorization", "Bearer sesame")
                    .statusCode()).isEqualTo(200);
            String body = "{\"queueArn\":\"arn:aws:sqs:us-east-1:000000000000:none\"}";
            assertThat(post(server.endpoint(), "/_gureum/console/api/purge-queue", body,
                    "Content-Type", "application/json").statusCode()).isEqualTo(401);
            assertThat(post(server.endpoint(), "/_gureum/console/api/purge-queue", body,
                    "Content-Type", "application/json", "Authorization", "Bearer sesame").statusCode()).isEqualTo(404);
        }
    }
}
