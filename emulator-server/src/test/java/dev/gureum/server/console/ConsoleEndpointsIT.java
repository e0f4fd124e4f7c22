package dev.gureum.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.server.GureumServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void withVerifiedSignaturesTheStorageActionsActAsTheBucketsOwnerForTheAdmin() throws Exception {
        try (GureumServer server = GureumServer.builder().port(0).services(Set.of("s3", "sqs"))
                .verifySignatures(true).credentials("111122223333", "secret").adminToken("sesame").build().start();
             S3Client s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create("111122223333", "secret"))).build()) {
            s3.createBucket(r -> r.bucket("reports"));
            s3.putObject(r -> r.bucket("reports").key("q1/summary.txt").contentType("text/plain"),
                    RequestBody.fromString("growth"));
            String object = "/_gureum/console/api/object?bucket=reports&key=q1%2Fsummary.txt";
            String admin = "Bearer sesame";

            assertThat(get(server.endpoint(), object).statusCode()).isEqualTo(401);
            HttpResponse<String> download = get(server.endpoint(), object, "Authorization", admin);
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo("growth");
            assertThat(download.headers().firstValue("Content-Type")).hasValue("text/plain");
            assertThat(download.headers().firstValue("Content-Disposition")).hasValue("attachment; filename*=UTF-8''summary.txt");
            assertThat(download.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
            assertThat(get(server.endpoint(), "/_gureum/console/api/object?bucket=reports&key=none",
                    "Authorization", admin).body()).contains("NoSuchKey");

            String upload = "/_gureum/console/api/upload?bucket=reports&key=q2%2Fplan.csv&contentType=text%2Fcsv";
            assertThat(post(server.endpoint(), upload, "a,b", "Content-Type", "application/octet-stream").statusCode())
                    .isEqualTo(401);
            assertThat(post(server.endpoint(), upload, "a,b", "Content-Type", "text/plain", "Authorization", admin)
                    .statusCode()).isEqualTo(415);
            assertThat(post(server.endpoint(), upload, "a,b", "Content-Type", "application/octet-stream",
                    "Authorization", admin).statusCode()).isEqualTo(200);
            var plan = s3.getObjectAsBytes(r -> r.bucket("reports").key("q2/plan.csv"));
            assertThat(plan.asUtf8String()).isEqualTo("a,b");
            assertThat(plan.response().contentType()).isEqualTo("text/csv");
            HttpResponse<String> noBucket = post(server.endpoint(), "/_gureum/console/api/upload?bucket=none&key=x",
                    "a", "Content-Type", "application/octet-stream", "Authorization", admin);
            assertThat(noBucket.statusCode()).isEqualTo(404);
            assertThat(noBucket.body()).contains("NoSuchBucket");

            String delete = "{\"bucket\":\"reports\",\"key\":\"q1/summary.txt\"}";
            assertThat(post(server.endpoint(), "/_gureum/console/api/delete-object", delete,
                    "Content-Type", "application/json").statusCode()).isEqualTo(401);
            assertThat(post(server.endpoint(), "/_gureum/console/api/delete-object", delete,
                    "Content-Type", "application/json", "Authorization", admin).statusCode()).isEqualTo(200);
            assertThat(s3.listObjectsV2(r -> r.bucket("reports")).contents()).extracting(o -> o.key())
                    .containsExactly("q2/plan.csv");
        }
    }

    @Test
    void anUploadFromTheConsoleIsVersionedAndNotifiedAsTheOwnersPutObject() throws Exception {
        try (GureumServer server = GureumServer.builder().port(0).services(Set.of("s3", "sqs")).build().start();
             S3Client s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create("111122223333", "x"))).build();
             SqsClient sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create("111122223333", "x"))).build()) {
            String queue = sqs.createQueue(r -> r.queueName("uploads")).queueUrl();
            s3.createBucket(r -> r.bucket("inbox"));
            s3.putBucketVersioning(r -> r.bucket("inbox").versioningConfiguration(v -> v.status("Enabled")));
            s3.putBucketNotificationConfiguration(r -> r.bucket("inbox").notificationConfiguration(n -> n
                    .queueConfigurations(q -> q.queueArn("arn:aws:sqs:us-east-1:111122223333:uploads")
                            .eventsWithStrings("s3:ObjectCreated:*", "s3:ObjectRemoved:*"))));
            sqs.purgeQueue(r -> r.queueUrl(queue));
            for (String body : new String[] {"one", "two"}) {
                assertThat(post(server.endpoint(), "/_gureum/console/api/upload?bucket=inbox&key=note.txt", body,
                        "Content-Type", "application/octet-stream").statusCode()).isEqualTo(200);
            }
            assertThat(post(server.endpoint(), "/_gureum/console/api/delete-object",
                    "{\"bucket\":\"inbox\",\"key\":\"note.txt\"}", "Content-Type", "application/json").statusCode())
                    .isEqualTo(200);
            var versions = s3.listObjectVersions(r -> r.bucket("inbox"));
            assertThat(versions.versions()).hasSize(2);
            assertThat(versions.deleteMarkers()).hasSize(1);
            // the bucket's default encryption and Object Lock retention apply as to PutObject
            s3.createBucket(r -> r.bucket("locked").objectLockEnabledForBucket(true));
            s3.putObjectLockConfiguration(r -> r.bucket("locked").objectLockConfiguration(c -> c
                    .objectLockEnabled("Enabled").rule(rule -> rule.defaultRetention(d -> d.mode("GOVERNANCE").days(1)))));
            assertThat(post(server.endpoint(), "/_gureum/console/api/upload?bucket=locked&key=kept.txt", "kept",
                    "Content-Type", "application/octet-stream").statusCode()).isEqualTo(200);
            assertThat(s3.getObjectRetention(r -> r.bucket("locked").key("kept.txt")).retention().modeAsString())
                    .isEqualTo("GOVERNANCE");
            assertThat(s3.headObject(r -> r.bucket("locked").key("kept.txt")).serverSideEncryptionAsString())
                    .isEqualTo("AES256");
            java.util.List<String> events = new java.util.ArrayList<>();
            while (events.size() < 3) {
                sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(5)).messages()
                        .forEach(m -> events.add(m.body()));
            }
            assertThat(events).anySatisfy(e -> assertThat(e).contains("ObjectCreated:Put")
                    .contains("\"principalId\":\"AWS:111122223333\""));
            assertThat(events).anySatisfy(e -> assertThat(e).contains("ObjectRemoved:DeleteMarkerCreated"));
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C client(
            B builder, GureumServer server) {
        return builder.endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("111122223333", "x"))).build();
    }

    @Test
    void everyFunctionIsListedWithWhatLambdaPublishedAndItsNewestLogStream() throws Exception {
        try (GureumServer server = GureumServer.builder().port(0).services(Set.of("lambda", "logs", "cloudwatch"))
                .build().start();
             // each throttled call counts: the SDK must not try again
             LambdaClient lambda = client(LambdaClient.builder().overrideConfiguration(c -> c.retryStrategy(
                     software.amazon.awssdk.core.retry.RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1))), server)) {
            java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
            try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
                out.putNextEntry(new java.util.zip.ZipEntry("app.py"));
                out.write("def handler(event, context):\n    print('working on', event)\n    return 'done'\n"
                        .getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            lambda.createFunction(r -> r.functionName("worker").runtime("python3.12").handler("app.handler")
                    .role("arn:aws:iam::111122223333:role/lambda-role")
                    .code(c -> c.zipFile(software.amazon.awssdk.core.SdkBytes.fromByteArray(zip.toByteArray()))));
            JsonNode listed = json(get(server.endpoint(), "/_gureum/console/api/functions"));
            assertThat(listed.path("windowMinutes").asInt()).isEqualTo(1440);
            JsonNode worker = listed.path("functions").get(0);
            assertThat(worker.path("name").asText()).isEqualTo("worker");
            assertThat(worker.path("accountId").asText()).isEqualTo("111122223333");
            assertThat(worker.path("logGroup").asText()).isEqualTo("/aws/lambda/worker");
            assertThat(worker.path("environments").size()).isZero();
            assertThat(worker.path("metrics").path("invocations").asLong()).isZero();
            assertThat(worker.path("metrics").has("averageDurationMillis")).isFalse();
            String arn = worker.path("arn").asText();
            String logs = "/_gureum/console/api/function-logs?functionArn=" + java.net.URLEncoder.encode(arn, StandardCharsets.UTF_8);
            assertThat(json(get(server.endpoint(), logs)).path("events").size()).isZero();
            assertThat(get(server.endpoint(), logs + "-gone").statusCode()).isEqualTo(404);

            lambda.putFunctionConcurrency(r -> r.functionName("worker").reservedConcurrentExecutions(0));
            assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("worker")))
                    .isInstanceOf(software.amazon.awssdk.services.lambda.model.TooManyRequestsException.class);
            assertThat(json(get(server.endpoint(), "/_gureum/console/api/functions")).path("functions").get(0)
                    .path("metrics").path("throttles").asLong()).isEqualTo(1);

            Assumptions.assumeTrue(python(), "python3 must run for the invocation");
            lambda.deleteFunctionConcurrency(r -> r.functionName("worker"));
            lambda.invoke(r -> r.functionName("worker").payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{\"n\":7}")));
            JsonNode after = json(get(server.endpoint(), "/_gureum/console/api/functions")).path("functions").get(0);
            assertThat(after.path("metrics").path("invocations").asLong()).isEqualTo(1);
            assertThat(after.path("metrics").path("errors").asLong()).isZero();
            assertThat(after.path("metrics").path("averageDurationMillis").asDouble()).isPositive();
            assertThat(after.path("metrics").path("recentDurationMillis").asDouble()).isPositive();
            assertThat(after.path("environments").get(0).path("state").asText()).isIn("idle", "busy");
            JsonNode stream = json(get(server.endpoint(), logs));
            assertThat(stream.path("stream").asText()).isEqualTo(after.path("environments").get(0).path("logStream").asText());
            assertThat(stream.path("events")).anySatisfy(e -> assertThat(e.path("message").asText()).contains("working on"));
        }
    }

    private static boolean python() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void metricsAlarmsAndDashboardsAreReadFromCloudWatch() throws Exception {
        try (GureumServer server = GureumServer.builder().port(0).services(Set.of("cloudwatch")).build().start();
             CloudWatchClient cw = client(CloudWatchClient.builder(), server)) {
            java.time.Instant now = java.time.Instant.now();
            cw.putMetricData(r -> r.namespace("Shop").metricData(
                    d -> d.metricName("Orders").dimensions(x -> x.name("Store").value("north")).value(3.0).timestamp(now),
                    d -> d.metricName("Orders").dimensions(x -> x.name("Store").value("north")).value(5.0).timestamp(now)));
            JsonNode metrics = json(get(server.endpoint(), "/_gureum/console/api/metrics"));
            assertThat(metrics.path("metrics").get(0).toString()).isEqualTo("{\"accountId\":\"111122223333\","
                    + "\"region\":\"us-east-1\",\"namespace\":\"Shop\",\"name\":\"Orders\","
                    + "\"dimensions\":[{\"name\":\"Store\",\"value\":\"north\"}]}");
            String query = "/_gureum/console/api/metric-data?accountId=111122223333&region=us-east-1&namespace=Shop"
                    + "&metric=Orders&dimension=Store%3Dnorth&period=60&minutes=60&stat=";
            JsonNode sum = json(get(server.endpoint(), query + "Sum"));
            assertThat(sum.path("datapoints").size()).isEqualTo(1);
            assertThat(sum.path("datapoints").get(0).path("value").asDouble()).isEqualTo(8.0);
            assertThat(json(get(server.endpoint(), query + "Average")).path("datapoints").get(0).path("value")
                    .asDouble()).isEqualTo(4.0);
            assertThat(json(get(server.endpoint(), query.replace("north", "south") + "Sum")).path("datapoints").size())
                    .isZero();
            HttpResponse<String> badStat = get(server.endpoint(), query + "Median");
            assertThat(badStat.statusCode()).isEqualTo(400);
            assertThat(badStat.body()).contains("InvalidParameterValue");
            assertThat(get(server.endpoint(), query.replace("minutes=60", "minutes=10080") + "Sum").statusCode())
                    .isEqualTo(400);

            cw.putMetricAlarm(r -> r.alarmName("many-orders").namespace("Shop").metricName("Orders")
                    .dimensions(x -> x.name("Store").value("north")).statistic("Sum").period(60).evaluationPeriods(1)
                    .threshold(100.0).comparisonOperator("GreaterThanThreshold"));
            cw.setAlarmState(r -> r.alarmName("many-orders").stateValue("ALARM").stateReason("a rush"));
            JsonNode alarm = json(get(server.endpoint(), "/_gureum/console/api/alarms")).path("alarms").get(0);
            assertThat(alarm.path("name").asText()).isEqualTo("many-orders");
            assertThat(alarm.path("state").asText()).isEqualTo("ALARM");
            assertThat(alarm.path("reason").asText()).isEqualTo("a rush");
            assertThat(alarm.path("comparison").asText()).isEqualTo("GreaterThanThreshold");
            assertThat(alarm.path("threshold").asDouble()).isEqualTo(100.0);

            String body = "{\"widgets\":[{\"type\":\"text\",\"x\":0,\"y\":0,\"width\":6,\"height\":3,"
                    + "\"properties\":{\"markdown\":\"# Shop\"}}]}";
            cw.putDashboard(r -> r.dashboardName("shop").dashboardBody(body));
            JsonNode dashboard = json(get(server.endpoint(), "/_gureum/console/api/dashboards")).path("dashboards").get(0);
            assertThat(dashboard.path("name").asText()).isEqualTo("shop");
            assertThat(dashboard.path("accountId").asText()).isEqualTo("111122223333");
            assertThat(dashboard.path("body").path("widgets").get(0).path("properties").path("markdown").asText())
                    .isEqualTo("# Shop");
        }
    }

    @Test
    void aDashboardsMetricWidgetsAreReadWithTheirMetricMath() throws Exception {
        try (GureumServer server = GureumServer.builder().port(0).services(Set.of("cloudwatch")).build().start();
             CloudWatchClient cw = client(CloudWatchClient.builder(), server)) {
            java.time.Instant now = java.time.Instant.now();
            cw.putMetricData(r -> r.namespace("Cafe").metricData(
                    d -> d.metricName("Cups").dimensions(x -> x.name("Store").value("east")).value(3.0)
                            .timestamp(now.minusSeconds(120)),
                    d -> d.metricName("Cups").dimensions(x -> x.name("Store").value("east")).value(5.0).timestamp(now),
                    d -> d.metricName("Cups").dimensions(x -> x.name("Store").value("west")).value(2.0).timestamp(now)));
            String rows = "[[\"Cafe\",\"Cups\",\"Store\",\"east\",{\"id\":\"east\",\"label\":\"East\"}],"
                    + "[\".\",\".\",\".\",\"west\",{\"visible\":false}],"
                    + "[{\"expression\":\"east + m2\",\"label\":\"Both\",\"id\":\"both\"}]]";
            cw.putDashboard(r -> r.dashboardName("cafe").dashboardBody("{\"start\":\"-PT1H\",\"widgets\":["
                    + "{\"type\":\"text\",\"properties\":{\"markdown\":\"Cups\"}},"
                    + "{\"type\":\"metric\",\"properties\":{\"stat\":\"Sum\",\"period\":60,\"metrics\":" + rows + "}},"
                    + "{\"type\":\"metric\",\"properties\":{\"view\":\"pie\",\"setPeriodToTimeRange\":true,"
                    + "\"stat\":\"Sum\",\"period\":60,\"metrics\":[[\"Cafe\",\"Cups\",\"Store\",\"east\"],[\".\",\".\",\".\",\"west\"]]}},"
                    + "{\"type\":\"metric\",\"properties\":{\"metrics\":[[{\"expression\":\"FOO(m1)\"}]]}},"
                    + "{\"type\":\"metric\",\"properties\":{\"start\":\"-P7D\",\"period\":60,\"stat\":\"Sum\","
                    + "\"metrics\":[[\"Cafe\",\"Cups\",\"Store\",\"east\"]]}},"
                    + "{\"type\":\"metric\",\"properties\":{\"metrics\":[[\"Cafe\",\"Cups\",\"Store\",\"east\"],"
                    + "[{\"expression\":\"m1 / (m1 - m1)\"}]]}}]}"));
            JsonNode data = json(get(server.endpoint(), "/_gureum/console/api/dashboard-data?accountId=111122223333&name=cafe"));
            JsonNode widgets = data.path("widgets");
            assertThat(widgets.size()).isEqualTo(5);
            JsonNode lines = widgets.get(0);
            assertThat(lines.path("index").asInt()).isEqualTo(1);
            // the hidden row is read for the expression but not drawn
            assertThat(lines.path("series").findValuesAsText("id")).containsExactly("east", "both");
            JsonNode both = lines.path("series").get(1);
            assertThat(both.path("label").asText()).isEqualTo("Both");
            assertThat(both.path("expression").asBoolean()).isTrue();
            assertThat(both.path("datapoints").findValuesAsText("value")).containsExactly("3.0", "7.0");
            assertThat(both.path("value").asDouble()).isEqualTo(7.0);
            assertThat(lines.path("series").get(0).path("stat").asText()).isEqualTo("Sum");

            JsonNode pie = widgets.get(1).path("series");
            assertThat(pie.get(0).path("value").asDouble()).isEqualTo(8.0);
            assertThat(pie.get(1).path("value").asDouble()).isEqualTo(2.0);
            assertThat(pie.get(0).path("datapoints").size()).isEqualTo(1);

            assertThat(widgets.get(2).path("error").asText()).startsWith("Error in expression 'e1': Unknown function 'FOO'");
            // a week by the minute is more than 1,440 points: the widget's own start, with a longer period
            JsonNode week = widgets.get(3);
            assertThat(java.time.Duration.between(java.time.Instant.parse(week.path("start").asText()),
                    java.time.Instant.parse(week.path("end").asText())).toDays()).isEqualTo(7);
            assertThat(week.path("series").get(0).path("period").asInt()).isEqualTo(420);
            double sum = 0;
            for (JsonNode p : week.path("series").get(0).path("datapoints")) {
                sum += p.path("value").asDouble();
            }
            assertThat(sum).isEqualTo(8.0);
            // a division by zero drops the datapoints, and says so as GetMetricData does
            assertThat(widgets.get(4).path("messages").get(0).asText()).startsWith("ArithmeticError: ");
            assertThat(widgets.get(4).path("series").get(1).path("datapoints").size()).isZero();

            HttpResponse<String> missing = get(server.endpoint(), "/_gureum/console/api/dashboard-data?accountId=111122223333&name=none");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).contains("ResourceNotFound").contains("Dashboard none does not exist");
        }
    }

    @Test
    void withVerifiedSignaturesTheFunctionAndCloudWatchViewsNeedTheAdminToken() throws Exception {
        try (GureumServer server = GureumServer.builder().port(0).services(Set.of("lambda", "logs", "cloudwatch"))
                .verifySignatures(true).adminToken("sesame").build().start()) {
            for (String view : new String[] {"functions", "function-logs?functionArn=x", "metrics", "alarms", "dashboards",
                    "metric-data?accountId=1&region=r&namespace=n&metric=m", "dashboard-data?accountId=1&name=d"}) {
                assertThat(get(server.endpoint(), "/_gureum/console/api/" + view).statusCode()).as(view).isEqualTo(401);
            }
            assertThat(get(server.endpoint(), "/_gureum/console/api/functions", "Authorization", "Bearer sesame")
                    .statusCode()).isEqualTo(200);
            assertThat(get(server.endpoint(), "/_gureum/console/functions.js").statusCode()).isEqualTo(200);
            assertThat(get(server.endpoint(), "/_gureum/console/metrics.js").statusCode()).isEqualTo(200);
        }
    }
}
