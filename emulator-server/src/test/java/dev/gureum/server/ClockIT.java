package dev.gureum.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.json.Json;
import dev.gureum.core.testing.Await;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The server clock, moved through {@code /_gureum/clock}, as SQS and EC2 clients see it. */
class ClockIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.services(java.util.Set.of("sqs", "ec2", "s3"))
            .setting("ec2.boot-seconds", "600"));

    private static final ObjectMapper JSON = Json.mapper();
    private static final String AMI = "ami-0c02fb55956c7d316";

    @AfterEach
    void backToRealTime() throws Exception {
        assertThat(post("{\"realTime\": true}").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return RawHttp.post(gureum.endpoint(), "/_gureum/clock", Map.of("Content-Type", "application/json"), body);
    }

    private static JsonNode clock() throws Exception {
        HttpResponse<String> response = RawHttp.get(gureum.endpoint(), "/_gureum/clock");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode advance(String duration) throws Exception {
        HttpResponse<String> response = post("{\"advance\": \"" + duration + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static SqsClient sqs() {
        return gureum.configure(SqsClient.builder()).build();
    }

    private static String queue(SqsClient sqs, String name) {
        return sqs.createQueue(r -> r.queueName(name)).queueUrl();
    }

    private static List<Message> receiveNow(SqsClient sqs, String url) {
        return sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
    }

    @Test
    void getTellsTheTimeOffsetAndSpeed() throws Exception {
        JsonNode before = clock();
        assertThat(before.path("speed").asDouble()).isEqualTo(1.0);
        assertThat(before.path("realTime").asBoolean()).isTrue();
        Instant time = Instant.parse(before.path("time").asText());
        assertThat(Duration.between(time, Instant.now()).abs()).isLessThan(Duration.ofSeconds(5));

        JsonNode answer = advance("PT2H");
        JsonNode after = clock();
        assertThat(Duration.parse(answer.path("offset").asText())).isBetween(Duration.ofHours(2),
                Duration.ofHours(2).plusSeconds(1));
        Instant moved = Instant.parse(after.path("time").asText());
        assertThat(Duration.between(Instant.now().plus(Duration.ofHours(2)), moved).abs())
                .isLessThan(Duration.ofSeconds(5));
        assertThat(after.path("offsetSeconds").asDouble()).isBetween(7200.0, 7201.0);
        assertThat(after.path("realTime").asBoolean()).isFalse();
    }

    @Test
    void aMessageDelayedFifteenMinutesIsReceivedAfterAdvancingFifteenMinutes() throws Exception {
        try (SqsClient sqs = sqs()) {
            String url = queue(sqs, "clock-delayed");
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("later").delaySeconds(900));
            assertThat(receiveNow(sqs, url)).isEmpty();
            advance("PT14M");
            assertThat(receiveNow(sqs, url)).isEmpty();
            advance("PT1M");
            assertThat(receiveNow(sqs, url)).extracting(Message::body).containsExactly("later");
        }
    }

    @Test
    void retentionAndSentTimestampsFollowTheClock() throws Exception {
        try (SqsClient sqs = sqs()) {
            String url = sqs.createQueue(r -> r.queueName("clock-retention")
                    .attributesWithStrings(Map.of("MessageRetentionPeriod", "60"))).queueUrl();
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("short-lived"));
            advance("PT61S");
            assertThat(receiveNow(sqs, url)).isEmpty();

            advance("PT2H");
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("sent later"));
            Message m = sqs.receiveMessage(r -> r.queueUrl(url)
                    .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP)).messages().get(0);
            Instant sent = Instant.ofEpochMilli(Long.parseLong(m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)));
            // two hours and 61 seconds ahead of real time
            assertThat(Duration.between(Instant.now().plus(Duration.ofSeconds(7261)), sent).abs())
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aReceivedMessageIsVisibleAgainAfterAdvancingPastItsVisibilityTimeout() throws Exception {
        try (SqsClient sqs = sqs()) {
            String url = queue(sqs, "clock-visibility");
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("again"));
            List<Message> first = sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(300)).messages();
            assertThat(first).hasSize(1);
            assertThat(receiveNow(sqs, url)).isEmpty();
            advance("PT5M1S");
            List<Message> again = receiveNow(sqs, url);
            assertThat(again).extracting(Message::body).containsExactly("again");
            assertThat(again.get(0).attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
        }
    }

    @Test
    void aLongPollIsAnsweredByTheAdvanceThatEndsADelay() throws Exception {
        try (SqsClient sqs = sqs(); SqsAsyncClient async = gureum.configure(SqsAsyncClient.builder()).build()) {
            String url = queue(sqs, "clock-long-poll");
            async.listQueues().get(10, TimeUnit.SECONDS);
            // the delay ends 15 s into the poll's 20 s wait
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("woken").delaySeconds(15));
            long started = System.nanoTime();
            CompletableFuture<ReceiveMessageResponse> poll = async.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20));
            waitUntilParked(poll);
            advance("PT15S");
            ReceiveMessageResponse answer = poll.get(10, TimeUnit.SECONDS);
            assertThat(answer.messages()).extracting(Message::body).containsExactly("woken");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void aLongPollEndsWhenTheClockPassesItsWaitTime() throws Exception {
        try (SqsClient sqs = sqs(); SqsAsyncClient async = gureum.configure(SqsAsyncClient.builder()).build()) {
            String url = queue(sqs, "clock-long-poll-ends");
            async.listQueues().get(10, TimeUnit.SECONDS);
            // a message whose delay ends after the wait does not keep the poll open
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("too late").delaySeconds(60));
            long started = System.nanoTime();
            CompletableFuture<ReceiveMessageResponse> poll = async.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20));
            waitUntilParked(poll);
            advance("PT10M");
            assertThat(poll.get(10, TimeUnit.SECONDS).messages()).isEmpty();
            assertThat(receiveNow(sqs, url)).extracting(Message::body).containsExactly("too late");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        }
    }

    /** Gives the receive time to reach the server and wait there (it must still be waiting after). */
    private static void waitUntilParked(CompletableFuture<?> poll) throws InterruptedException {
        Thread.sleep(500);
        assertThat(poll).as("the long poll is still waiting").isNotDone();
    }

    @Test
    void atSpeedSixtyAMinuteDelayPassesInAboutASecond() throws Exception {
        try (SqsClient sqs = sqs()) {
            String url = queue(sqs, "clock-speed");
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("soon").delaySeconds(60));
            assertThat(receiveNow(sqs, url)).isEmpty();
            long started = System.nanoTime();
            HttpResponse<String> response = post("{\"speed\": 60}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("speed").asDouble()).isEqualTo(60.0);
            AtomicReference<List<Message>> got = new AtomicReference<>(List.of());
            Await.until(Duration.ofSeconds(20), () -> {
                got.set(receiveNow(sqs, url));
                return !got.get().isEmpty();
            }, "the delayed message at speed 60");
            assertThat(got.get()).extracting(Message::body).containsExactly("soon");
            // a minute of real time would have been 60 s; at 60x it took about one
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void anInstanceBootsAndIsBilledByAdvancingTheClock() throws Exception {
        try (Ec2Client ec2 = gureum.configure(Ec2Client.builder()).build()) {
            String id = ec2.runInstances(r -> r.imageId(AMI).instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1))
                    .instances().get(0).instanceId();
            assertThat(state(ec2, id)).isEqualTo(InstanceStateName.PENDING);
            advance("PT10M");
            assertThat(state(ec2, id)).isEqualTo(InstanceStateName.RUNNING);
            advance("PT1H");
            JsonNode usage = JSON.readTree(RawHttp.get(gureum.endpoint(), "/_gureum/ec2/usage").body());
            JsonNode instance = null;
            for (JsonNode account : usage.path("accounts")) {
                for (JsonNode i : account.path("instances")) {
                    if (i.path("instanceId").asText().equals(id)) {
                        instance = i;
                    }
                }
            }
            assertThat(instance).isNotNull();
            // billed from the end of the boot: the hour advanced, and the seconds the test itself took
            assertThat(instance.path("secondsRunning").asDouble()).isBetween(3600.0, 3700.0);
            assertThat(instance.path("cost").asDouble())
                    .isCloseTo(instance.path("ratePerHour").asDouble() * instance.path("billedSeconds").asDouble() / 3600,
                            org.assertj.core.data.Offset.offset(1e-6));
            assertThat(instance.path("cost").asDouble()).isGreaterThan(0);

            ec2.stopInstances(r -> r.instanceIds(id));
            assertThat(state(ec2, id)).isEqualTo(InstanceStateName.STOPPING);
            advance("PT10M");
            assertThat(state(ec2, id)).isEqualTo(InstanceStateName.STOPPED);
        }
    }

    private static InstanceStateName state(Ec2Client ec2, String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).state().name();
    }

    @Test
    void aPresignedUrlExpiresWhenTheClockPassesItsExpiry() throws Exception {
        try (S3Client s3 = gureum.configure(S3Client.builder()).build();
             S3Presigner presigner = S3Presigner.builder().endpointOverride(gureum.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            s3.createBucket(r -> r.bucket("clock-presigned"));
            s3.putObject(r -> r.bucket("clock-presigned").key("k"), RequestBody.fromString("v"));
            URI url = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(10))
                    .getObjectRequest(g -> g.bucket("clock-presigned").key("k"))).url().toURI();
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest get = HttpRequest.newBuilder(url).GET().build();
            assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            advance("PT11M");
            HttpResponse<String> expired = http.send(get, HttpResponse.BodyHandlers.ofString());
            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(expired.body()).contains("AccessDenied").contains("Request has expired");
        }
    }

    @Test
    void badChangesAreRefusedAndLeaveTheClockAlone() throws Exception {
        for (String body : new String[] {"{\"advance\": \"-PT5M\"}", "{\"advance\": \"five minutes\"}",
                "{\"advance\": 300}", "{\"speed\": 0}", "{\"speed\": -2}", "{\"speed\": \"fast\"}", "{}",
                "not json", "{\"rewind\": \"PT1M\"}", "{\"advance\": \"PT5M\", \"speed\": 0}", "[]"}) {
            HttpResponse<String> response = post(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(body).hasValue("application/json");
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.path("error").asText()).as(body).isEqualTo("InvalidClockChange");
            assertThat(error.path("message").asText()).as(body).isNotBlank();
        }
        JsonNode after = clock();
        assertThat(after.path("realTime").asBoolean()).isTrue();
    }

    @Test
    void realTimePutsTheClockBack() throws Exception {
        advance("P1D");
        post("{\"speed\": 5}");
        JsonNode back = JSON.readTree(post("{\"realTime\": true}").body());
        assertThat(back.path("offset").asText()).isEqualTo("PT0S");
        assertThat(back.path("speed").asDouble()).isEqualTo(1.0);
        assertThat(Duration.between(Instant.parse(back.path("time").asText()), Instant.now()).abs())
                .isLessThan(Duration.ofSeconds(5));
    }
}
