package dev.gureum.server.console;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The console in headless Chromium: resources made with the AWS SDK appear in the open page without a
 * reload, details open on a click, and the actions act. Each test leaves a screenshot of its view in
 * {@code target/console-screenshots} (see {@link Browser#screenshot}).
 */
class ConsoleIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.services(Set.of("ec2", "sqs", "sns", "s3", "lambda", "logs", "autoscaling", "cloudwatch")));

    private static final String AMI = "ami-0c02fb55956c7d316";
    private static final String ALICE = "111122223333";
    private static final String BOB = "444455556666";
    private static Browser browser;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.open(1400, 1000);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static void open(String view) {
        browser.go("about:blank");
        browser.go(gureum.endpoint().resolve("/_gureum/console#" + view).toString());
        browser.waitForText("#live", "live");
    }

    private static String run(String account, InstanceType type) {
        try (Ec2Client ec2 = gureum.configure(Ec2Client.builder(), account).build()) {
            return ec2.runInstances(r -> r.imageId(AMI).instanceType(type).minCount(1).maxCount(1))
                    .instances().get(0).instanceId();
        }
    }

    @Test
    void anInstanceAppearsOnAHostInItsAccountsColourAndCanBeTerminated() {
        open("datacenter");
        String alice = run(ALICE, InstanceType.M5_LARGE);
        String bob = run(BOB, InstanceType.M5_XLARGE);
        String vm = ".vm[data-instance='" + alice + "']";
        browser.find(vm);
        browser.find(".vm[data-instance='" + bob + "']");
        String colour = browser.cssValue(vm, "background-color");
        assertThat(colour).isEqualTo(browser.cssValue("#dc-legend i[data-account='" + ALICE + "']", "background-color"));
        assertThat(colour).isNotEqualTo(browser.cssValue(".vm[data-instance='" + bob + "']", "background-color"));
        assertThat(browser.attribute(vm, "aria-label")).contains("m5.large").contains("account " + ALICE);

        browser.click(vm);
        String details = browser.text("#dc-details");
        assertThat(details).contains(alice).contains("m5.large").contains(ALICE).contains("per hour");
        browser.screenshot("datacenter");

        browser.click("#terminate");
        browser.acceptConfirm();
        browser.waitUntilGone(vm);
        try (Ec2Client ec2 = gureum.configure(Ec2Client.builder(), ALICE).build()) {
            assertThat(ec2.describeInstances(r -> r.instanceIds(alice)).reservations().get(0).instances().get(0)
                    .state().nameAsString()).isIn("shutting-down", "terminated");
        }
    }

    @Test
    void theFilterShowsOneAccountsInstances() {
        open("datacenter");
        String alice = run(ALICE, InstanceType.C5_LARGE);
        String bob = run(BOB, InstanceType.C5_LARGE);
        browser.find(".vm[data-instance='" + bob + "']");
        browser.waitFor(d -> {
            new org.openqa.selenium.support.ui.Select(d.findElement(By.id("dc-account"))).selectByValue(ALICE);
            return true;
        });
        browser.waitUntilGone(".vm[data-instance='" + bob + "']");
        browser.find(".vm[data-instance='" + alice + "']");
    }

    @Test
    void aQueuesMessageCountRisesAndThePurgeEmptiesIt() {
        open("messaging");
        try (SqsClient sqs = gureum.configure(SqsClient.builder(), ALICE).build();
             SnsClient sns = gureum.configure(SnsClient.builder(), ALICE).build()) {
            String dlq = sqs.createQueue(r -> r.queueName("orders-dlq")).queueUrl();
            String url = sqs.createQueue(r -> r.queueName("orders").attributes(Map.of(
                    software.amazon.awssdk.services.sqs.model.QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:" + ALICE + ":orders-dlq\",\"maxReceiveCount\":3}")))
                    .queueUrl();
            String count = "tr[data-queue='orders'] td[data-count='visible']";
            browser.waitForText(count, "0");
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("one"));
            browser.waitForText(count, "1");
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("two"));
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("three"));
            browser.waitForText(count, "3");
            assertThat(browser.text("tr[data-queue='orders']")).contains("orders-dlq after 3 receives");

            String topic = sns.createTopic(r -> r.name("news")).topicArn();
            sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:" + ALICE + ":orders"));
            sns.subscribe(r -> r.topicArn(topic).protocol("email").endpoint("reader@example.com"));
            browser.waitFor(d -> d.findElement(By.id("ms-topics")).getText().contains("reader@example.com"));
            browser.screenshot("messaging");

            browser.click("button[aria-label='Purge orders']");
            browser.acceptConfirm();
            browser.waitForText(count, "0");
            assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                    .attributesAsStrings().get("ApproximateNumberOfMessages")).isEqualTo("0");
            assertThat(dlq).endsWith("orders-dlq");
        }
    }

    @Test
    void aPeekShowsAQueuesMessagesWithoutReceivingThem() {
        open("messaging");
        try (SqsClient sqs = gureum.configure(SqsClient.builder(), BOB).build()) {
            String url = sqs.createQueue(r -> r.queueName("invoices")).queueUrl();
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("invoice 1"));
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("invoice 2"));
            String received = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(1).visibilityTimeout(600))
                    .messages().get(0).messageId();
            browser.click("button[data-peek='invoices']");
            browser.waitForText("tr[data-message='" + received + "'] td[data-standing]", "in-flight");
            String later = sqs.sendMessage(r -> r.queueUrl(url).messageBody("invoice 3")).messageId();
            browser.waitForText("tr[data-message='" + later + "'] td.body", "invoice 3");
            assertThat(browser.text("tr[data-message='" + later + "'] td[data-standing]")).isEqualTo("visible");
            browser.screenshot("messaging-peek");

            Map<String, String> counts = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
            assertThat(counts).containsEntry("ApproximateNumberOfMessages", "2")
                    .containsEntry("ApproximateNumberOfMessagesNotVisible", "1");
            var again = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                    .messageSystemAttributeNamesWithStrings("ApproximateReceiveCount")).messages();
            assertThat(again).hasSize(2).allSatisfy(m ->
                    assertThat(m.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "1"));
        }
    }

    @Test
    void objectsAreBrowsedByPrefix() {
        open("storage");
        try (S3Client s3 = gureum.configure(S3Client.builder(), ALICE).build()) {
            s3.createBucket(r -> r.bucket("holiday-photos"));
            s3.putObject(r -> r.bucket("holiday-photos").key("2026/beach.jpg").contentType("image/jpeg"),
                    RequestBody.fromString("jpeg"));
            s3.putObject(r -> r.bucket("holiday-photos").key("2026/march/hill.jpg"), RequestBody.fromString("jpeg2"));
            s3.putObject(r -> r.bucket("holiday-photos").key("readme.txt"), RequestBody.fromString("hello"));
        }
        browser.click("a[data-bucket='holiday-photos']");
        browser.find("tr[data-key='readme.txt']");
        browser.click("a[data-prefix='2026/']");
        assertThat(browser.text("tr[data-key='2026/beach.jpg']")).contains("beach.jpg").contains("image/jpeg");
        browser.find("a[data-prefix='2026/march/']");
        browser.screenshot("storage");
    }

    @Test
    void anObjectIsUploadedDownloadedAndDeletedFromThePage() throws Exception {
        open("storage");
        try (S3Client s3 = gureum.configure(S3Client.builder(), ALICE).build()) {
            s3.createBucket(r -> r.bucket("team-notes"));
            s3.putObject(r -> r.bucket("team-notes").key("minutes/monday.txt").contentType("text/plain"),
                    RequestBody.fromString("agenda"));
            browser.click("a[data-bucket='team-notes']");
            browser.click("a[data-prefix='minutes/']");
            browser.find("tr[data-key='minutes/monday.txt']");

            java.nio.file.Path file = java.nio.file.Files.createTempDirectory("console").resolve("tuesday.txt");
            java.nio.file.Files.writeString(file, "decisions");
            browser.find("#st-file").sendKeys(file.toString());
            browser.click("#st-upload");
            browser.find("tr[data-key='minutes/tuesday.txt']");
            assertThat(s3.getObjectAsBytes(r -> r.bucket("team-notes").key("minutes/tuesday.txt")).asUtf8String())
                    .isEqualTo("decisions");

            String href = browser.attribute("a[data-download='minutes/monday.txt']", "href");
            HttpResponse<String> download = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(href)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo("agenda");
            assertThat(download.headers().firstValue("Content-Type")).hasValue("text/plain");
            browser.screenshot("storage-actions");

            browser.click("button[data-delete='minutes/monday.txt']");
            browser.acceptConfirm();
            browser.waitUntilGone("tr[data-key='minutes/monday.txt']");
            assertThat(s3.listObjectsV2(r -> r.bucket("team-notes")).contents())
                    .extracting(o -> o.key()).containsExactly("minutes/tuesday.txt");
        }
    }

    @Test
    void theBillGrowsAsTheClockMoves() throws Exception {
        open("bill");
        run(BOB, InstanceType.T3_MICRO);
        String total = "tr[data-account='" + BOB + "'] td[data-total]";
        browser.find(total);
        double before = Double.parseDouble(browser.attribute(total, "data-total"));
        HttpResponse<String> moved = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                gureum.endpoint().resolve("/_gureum/clock")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"advance\": \"PT2H\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(moved.statusCode()).isEqualTo(200);
        browser.waitFor(d -> {
            try {
                return Double.parseDouble(d.findElement(By.cssSelector(total)).getAttribute("data-total")) > before;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return false;
            }
        });
        assertThat(browser.find("#bill-chart").findElements(By.tagName("polyline"))).isNotEmpty();
        browser.screenshot("bill");
    }

    @Test
    void theRequestFeedListsCallsAndTheirErrors() {
        open("requests");
        try (SqsClient sqs = gureum.configure(SqsClient.builder(), BOB).build()) {
            sqs.listQueues();
            assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("no-such-queue")))
                    .isInstanceOf(QueueDoesNotExistException.class);
        }
        browser.waitFor(d -> d.findElement(By.id("rq-body")).getText().contains("GetQueueUrl"));
        String feed = browser.text("#rq-body");
        assertThat(feed).contains("ListQueues").contains(BOB).contains("400");
        browser.screenshot("requests");
        browser.click("#rq-errors");
        browser.waitFor(d -> !d.findElement(By.id("rq-body")).getText().contains("ListQueues"));
        assertThat(browser.text("#rq-body")).contains("GetQueueUrl");
    }

    @Test
    void theClockAdvancesFromItsView() {
        open("clockview");
        String before = browser.text("#ck-time");
        browser.click("button[data-advance='P1D']");
        browser.waitFor(d -> {
            try {
                String now = d.findElement(By.id("ck-time")).getText();
                return java.time.Instant.parse(now).isAfter(java.time.Instant.parse(before).plusSeconds(86_000));
            } catch (RuntimeException e) {
                return false;
            }
        });
        browser.screenshot("clock");
    }

    @Test
    void aFunctionsEnvironmentGoesWarmWhenInvoked() throws Exception {
        Assumptions.assumeTrue(runs("python3", "--version"), "python3 must run for this test");
        open("functions");
        SdkBytes code = zip("app.py", "def handler(event, context):\n    return 'hello'\n");
        try (LambdaClient lambda = gureum.configure(LambdaClient.builder(), ALICE).build()) {
            lambda.createFunction(r -> r.functionName("greeter").runtime("python3.12").handler("app.handler")
                    .role("arn:aws:iam::" + ALICE + ":role/lambda-role").timeout(10)
                    .code(c -> c.zipFile(code)));
            lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("greeter"));
            assertThat(lambda.invoke(r -> r.functionName("greeter")).payload().asUtf8String()).contains("hello");
        }
        browser.find("[data-function='greeter'] .env[data-state='idle']");
        assertThat(browser.text("[data-function='greeter']")).contains("1 invocations");
        browser.screenshot("functions");
    }

    @Test
    void theScalingViewSaysWhatItHas() {
        open("scaling");
        assertThat(browser.text("#sc-body")).isNotEmpty();
    }

    @Test
    void aGroupGrowsWhenItsAlarmFiresAndTheActivityNamesTheAlarm() {
        open("scaling");
        try (AutoScalingClient asg = gureum.configure(AutoScalingClient.builder(), BOB).build();
             CloudWatchClient cw = gureum.configure(CloudWatchClient.builder(), BOB).build()) {
            asg.createLaunchConfiguration(r -> r.launchConfigurationName("web").imageId(AMI).instanceType("t3.micro"));
            asg.createAutoScalingGroup(r -> r.autoScalingGroupName("web").launchConfigurationName("web")
                    .minSize(1).maxSize(3).desiredCapacity(1).availabilityZones("us-east-1a"));
            String desired = "div[data-group='web'] [data-size='desired']";
            browser.waitForText(desired, "1");
            assertThat(browser.text("div[data-group='web'] [data-size='max']")).isEqualTo("3");
            String policy = asg.putScalingPolicy(r -> r.autoScalingGroupName("web").policyName("add-one")
                    .adjustmentType("ChangeInCapacity").scalingAdjustment(1)).policyARN();
            cw.putMetricAlarm(r -> r.alarmName("busy-web").namespace("AWS/EC2").metricName("CPUUtilization")
                    .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1).threshold(70.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(policy));
            // the first instance goes in service and the group's cooldown ends
            gureum.server().clock().advance(java.time.Duration.ofMinutes(6));
            cw.setAlarmState(r -> r.alarmName("busy-web").stateValue(StateValue.ALARM).stateReason("busy"));
            browser.waitForText(desired, "2");
            browser.waitForText("div[data-group='web'] td[data-alarm='busy-web']", "busy-web");
            assertThat(browser.text("div[data-group='web']")).contains("add-one");
            browser.screenshot("scaling");
        }
    }

    @Test
    void everyFunctionIsListedAndItsLogStreamGrowsLive() throws Exception {
        open("functions");
        try (LambdaClient lambda = gureum.configure(LambdaClient.builder(), BOB).build()) {
            SdkBytes code = zip("app.py", "def handler(event, context):\n    print('order', event['n'])\n    return 'ok'\n");
            lambda.createFunction(r -> r.functionName("idle-reporter").runtime("python3.12").handler("app.handler")
                    .role("arn:aws:iam::" + BOB + ":role/lambda-role").code(c -> c.zipFile(code)));
            browser.find("[data-function='idle-reporter']");
            assertThat(browser.text("[data-function='idle-reporter']")).contains("No execution environment.")
                    .contains("0 invocations");

            Assumptions.assumeTrue(runs("python3", "--version"), "python3 must run for the invocations");
            lambda.createFunction(r -> r.functionName("orders").runtime("python3.12").handler("app.handler")
                    .role("arn:aws:iam::" + BOB + ":role/lambda-role").timeout(10).code(c -> c.zipFile(code)));
            lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("orders"));
            lambda.invoke(r -> r.functionName("orders").payload(SdkBytes.fromUtf8String("{\"n\": 1}")));
            browser.waitForText("[data-function='orders'] [data-metric='invocations']", "1");
            browser.click("button[data-logs='orders']");
            browser.waitFor(d -> d.findElement(By.id("fn-logs")).getText().contains("order 1"));
            lambda.invoke(r -> r.functionName("orders").payload(SdkBytes.fromUtf8String("{\"n\": 2}")));
            browser.waitFor(d -> d.findElement(By.id("fn-logs")).getText().contains("order 2"));
            browser.waitForText("[data-function='orders'] [data-metric='invocations']", "2");
            assertThat(browser.text("[data-function='orders'] [data-metric='average']")).endsWith("ms");
            assertThat(browser.attribute("button[data-logs='orders']", "aria-pressed")).isEqualTo("true");
            browser.script("document.querySelector('[data-function=orders]').scrollIntoView()");
            browser.screenshot("functions-logs");
        }
    }

    @Test
    void aMetricIsChartedAndAlarmsAndDashboardsAreShown() {
        open("functions");
        // the tab bar is moved along with the arrow keys
        browser.find("#tab-functions").sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT);
        browser.waitFor(d -> "true".equals(d.findElement(By.id("tab-metrics")).getAttribute("aria-selected")));
        try (CloudWatchClient cw = gureum.configure(CloudWatchClient.builder(), ALICE).build()) {
            java.time.Instant now = gureum.server().clock().instant();
            cw.putMetricData(r -> r.namespace("Shop").metricData(
                    d -> d.metricName("Orders").dimensions(x -> x.name("Store").value("north")).value(4.0)
                            .timestamp(now.minusSeconds(180)),
                    d -> d.metricName("Orders").dimensions(x -> x.name("Store").value("north")).value(9.0).timestamp(now)));
            cw.putMetricAlarm(r -> r.alarmName("orders-stopped").namespace("Shop").metricName("Orders")
                    .dimensions(x -> x.name("Store").value("north")).statistic(Statistic.SUM).period(60)
                    .evaluationPeriods(1).threshold(1.0).comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD));
            cw.setAlarmState(r -> r.alarmName("orders-stopped").stateValue(StateValue.ALARM).stateReason("no orders"));
            cw.putDashboard(r -> r.dashboardName("shop").dashboardBody("{\"start\":\"-PT1H\",\"widgets\":["
                    + "{\"type\":\"metric\",\"properties\":{\"title\":\"Orders north\",\"region\":\"us-east-1\","
                    + "\"stat\":\"Sum\",\"period\":60,\"metrics\":[[\"Shop\",\"Orders\",\"Store\",\"north\"]]}},"
                    + "{\"type\":\"text\",\"properties\":{\"markdown\":\"Orders of the north store\"}},"
                    + "{\"type\":\"log\",\"properties\":{\"title\":\"Errors\",\"query\":\"fields @message\"}}]}"));
        }
        browser.waitForText("tr[data-alarm='orders-stopped'] [data-state]", "ALARM");
        String metric = "{\"accountId\":\"" + ALICE + "\",\"region\":\"us-east-1\",\"namespace\":\"Shop\","
                + "\"name\":\"Orders\",\"dimensions\":[{\"name\":\"Store\",\"value\":\"north\"}]}";
        browser.waitFor(d -> {
            new org.openqa.selenium.support.ui.Select(d.findElement(By.id("cw-metric"))).selectByValue(metric);
            return true;
        });
        browser.waitFor(d -> {
            new org.openqa.selenium.support.ui.Select(d.findElement(By.id("cw-stat"))).selectByVisibleText("Sum");
            return true;
        });
        browser.waitFor(d -> d.findElement(By.id("cw-chart")).getText().contains("latest 9"));
        assertThat(browser.find("#cw-chart svg[role='img']").findElements(By.tagName("polyline"))).hasSize(1);
        assertThat(browser.text("#cw-chart figcaption")).contains("Shop Orders (Store=north)").contains("highest 9")
                .contains("lowest 4");

        String dashboard = "section[data-dashboard='shop']";
        browser.find(dashboard + " [data-widget='metric'] polyline");
        assertThat(browser.text(dashboard + " [data-widget='metric'] figcaption")).contains("Orders north").contains("latest 9");
        assertThat(browser.text(dashboard + " [data-widget='text']")).isEqualTo("Orders of the north store");
        assertThat(browser.text(dashboard + " [data-widget='log']")).contains("\"log\" widget (Errors)");
        browser.screenshot("cloudwatch");
    }

    @Test
    void aDashboardDrawsMetricMathEachViewAnnotationsAndAlarms() {
        open("metrics");
        try (CloudWatchClient cw = gureum.configure(CloudWatchClient.builder(), BOB).build()) {
            java.time.Instant now = gureum.server().clock().instant();
            cw.putMetricData(r -> r.namespace("Cafe").metricData(
                    d -> d.metricName("Cups").dimensions(x -> x.name("Store").value("east")).value(3.0)
                            .timestamp(now.minusSeconds(120)),
                    d -> d.metricName("Cups").dimensions(x -> x.name("Store").value("east")).value(5.0).timestamp(now),
                    d -> d.metricName("Cups").dimensions(x -> x.name("Store").value("west")).value(2.0).timestamp(now)));
            cw.putMetricAlarm(r -> r.alarmName("cups-low").namespace("Cafe").metricName("Cups")
                    .dimensions(x -> x.name("Store").value("east")).statistic(Statistic.SUM).period(60)
                    .evaluationPeriods(1).threshold(1.0).comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD));
            cw.putMetricAlarm(r -> r.alarmName("cups-high").namespace("Cafe").metricName("Cups")
                    .dimensions(x -> x.name("Store").value("west")).statistic(Statistic.SUM).period(60)
                    .evaluationPeriods(1).threshold(100.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            cw.setAlarmState(r -> r.alarmName("cups-low").stateValue(StateValue.ALARM).stateReason("too few cups"));
            cw.setAlarmState(r -> r.alarmName("cups-high").stateValue(StateValue.OK).stateReason("fine"));
            cw.putMetricAlarm(r -> r.alarmName("cups-new").namespace("Cafe").metricName("Cups").statistic(Statistic.SUM)
                    .period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD));
            String arn = "arn:aws:cloudwatch:us-east-1:" + BOB + ":alarm:";
            String stores = "[[\"Cafe\",\"Cups\",\"Store\",\"east\",{\"label\":\"East\"}],[\".\",\".\",\".\",\"west\",{\"label\":\"West\"}]]";
            String props = "\"region\":\"us-east-1\",\"stat\":\"Sum\",\"period\":60,\"metrics\":";
            cw.putDashboard(r -> r.dashboardName("cafe").dashboardBody("{\"start\":\"-PT1H\",\"widgets\":["
                    + "{\"type\":\"metric\",\"properties\":{\"title\":\"Cups stacked\",\"stacked\":true," + props
                    + "[[\"Cafe\",\"Cups\",\"Store\",\"east\",{\"label\":\"East\"}],[\".\",\".\",\".\",\"west\",{\"label\":\"West\",\"yAxis\":\"right\"}],"
                    + "[{\"expression\":\"m1 + m2\",\"label\":\"Both stores\"}]],"
                    + "\"yAxis\":{\"left\":{\"min\":0,\"max\":20,\"label\":\"Cups\"}},"
                    + "\"annotations\":{\"horizontal\":[{\"value\":10,\"label\":\"Target\"},"
                    + "[{\"value\":12,\"label\":\"Busy\"},{\"value\":16}]]}}},"
                    + "{\"type\":\"metric\",\"properties\":{\"title\":\"Cups today\",\"view\":\"singleValue\","
                    + "\"setPeriodToTimeRange\":true," + props + stores + "}},"
                    + "{\"type\":\"metric\",\"properties\":{\"title\":\"East gauge\",\"view\":\"gauge\","
                    + "\"yAxis\":{\"left\":{\"min\":0,\"max\":20}}," + props + "[[\"Cafe\",\"Cups\",\"Store\",\"east\"]]}},"
                    + "{\"type\":\"metric\",\"properties\":{\"title\":\"Latest cups\",\"view\":\"bar\"," + props + stores + "}},"
                    + "{\"type\":\"metric\",\"properties\":{\"title\":\"Share of cups\",\"view\":\"pie\","
                    + "\"setPeriodToTimeRange\":true," + props + stores + "}},"
                    + "{\"type\":\"alarm\",\"properties\":{\"title\":\"Cafe alarms\",\"sortBy\":\"stateUpdatedTimestamp\","
                    + "\"states\":[\"ALARM\",\"OK\"],\"alarms\":[\"" + arn + "cups-high\",\"" + arn + "cups-new\",\"" + arn + "cups-low\"]}},"
                    + "{\"type\":\"log\",\"properties\":{\"title\":\"Orders log\",\"query\":\"fields @message\"}}]}"));
        }
        String board = "section[data-dashboard='cafe'] ";
        String stacked = board + "[data-view='timeSeries'] figcaption";
        browser.waitFor(d -> d.findElement(By.cssSelector(stacked)).getText().contains("Both stores: latest 7"));
        assertThat(browser.text(stacked)).contains("Cups stacked — stacked").contains("East: latest 5")
                .contains("West (right axis): latest 2").contains("left axis: Cups").contains("Target at 10")
                .contains("Busy at 12 to 16");
        browser.find(board + "[data-view='timeSeries'] rect[data-annotation='Busy']");
        assertThat(browser.find(board + "[data-view='timeSeries'] svg").findElements(By.tagName("polygon"))).hasSize(3);
        // a horizontal line has no height, so WebDriver does not count it as displayed: it is looked for in the page
        assertThat(browser.driver.findElements(By.cssSelector(board + "[data-view='timeSeries'] line[data-annotation='Target']")))
                .hasSize(1);

        assertThat(browser.text(board + "[data-view='singleValue'] figcaption"))
                .contains("single values, over").contains("East 8").contains("West 2");
        assertThat(browser.text(board + "[data-view='singleValue'] [data-value='m1']")).isEqualTo("8");
        assertThat(browser.text(board + "[data-view='gauge'] figcaption")).contains("gauge from 0 to 20, latest value: Cups 5")
                .doesNotContain("no data");
        browser.find(board + "[data-view='gauge'] path[data-gauge='m1']");
        assertThat(browser.text(board + "[data-view='bar'] figcaption")).contains("bar chart, latest value: East 5; West 2");
        assertThat(browser.text(board + "[data-view='pie'] figcaption")).contains("East 8 (80%); West 2 (20%)");
        assertThat(browser.find(board + "[data-view='pie'] svg[role='img']").findElements(By.tagName("path"))).hasSize(2);

        // the alarm widget: ALARM first, as stateUpdatedTimestamp sorts, and none in INSUFFICIENT_DATA
        String alarms = board + "[data-widget='alarm'] tbody tr";
        browser.waitForText(board + "[data-widget='alarm'] tr[data-alarm-widget='cups-low'] [data-state]", "ALARM");
        assertThat(browser.driver.findElements(By.cssSelector(alarms))).extracting(e -> e.getAttribute("data-alarm-widget"))
                .containsExactly("cups-low", "cups-high");
        assertThat(browser.text(board + "[data-widget='log']")).contains("Orders log").contains("StartQuery");

        // the values table opens from the keyboard
        browser.waitFor(d -> {
            try {
                if (d.findElement(By.cssSelector(board + "[data-view='pie'] details")).getAttribute("open") != null) {
                    return true;
                }
                d.findElement(By.cssSelector(board + "[data-view='pie'] summary")).sendKeys(org.openqa.selenium.Keys.ENTER);
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
        assertThat(browser.text(board + "[data-view='pie'] details tr[data-series='m1']")).contains("East").contains("8");
        browser.script("document.querySelector(\"section[data-dashboard='cafe']\").scrollIntoView()");
        browser.screenshot("cloudwatch-dashboard");
    }

    @Test
    void underVerifiedSignaturesTheStorageActionsWorkWithTheAdminToken() throws Exception {
        try (dev.gureum.server.GureumServer strict = dev.gureum.server.GureumServer.builder().port(0)
                .services(Set.of("s3")).verifySignatures(true).credentials(ALICE, "secret").adminToken("sesame")
                .build().start();
             S3Client s3 = S3Client.builder().endpointOverride(strict.endpoint())
                     .region(software.amazon.awssdk.regions.Region.US_EAST_1).forcePathStyle(true)
                     .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                             software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(ALICE, "secret")))
                     .build()) {
            s3.createBucket(r -> r.bucket("signed-notes"));
            s3.putObject(r -> r.bucket("signed-notes").key("old.txt"), RequestBody.fromString("old"));
            browser.go("about:blank");
            browser.go(strict.endpoint().resolve("/_gureum/console#storage").toString());
            browser.find("#token-input").sendKeys("sesame");
            browser.click("#token-save");
            browser.click("a[data-bucket='signed-notes']");
            browser.find("tr[data-key='old.txt']");

            java.nio.file.Path file = java.nio.file.Files.createTempDirectory("console").resolve("new.txt");
            java.nio.file.Files.writeString(file, "fresh");
            browser.find("#st-file").sendKeys(file.toString());
            browser.click("#st-upload");
            browser.find("tr[data-key='new.txt']");
            assertThat(s3.getObjectAsBytes(r -> r.bucket("signed-notes").key("new.txt")).asUtf8String()).isEqualTo("fresh");
            // the download, fetched with the token as the page fetches it
            Object downloaded = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0], {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('gureum-admin-token')}})"
                    + ".then(r => r.text()).then(done);", browser.attribute("a[data-download='old.txt']", "href"));
            assertThat(downloaded).isEqualTo("old");

            browser.click("button[data-delete='old.txt']");
            browser.acceptConfirm();
            browser.waitUntilGone("tr[data-key='old.txt']");
            assertThat(s3.listObjectsV2(r -> r.bucket("signed-notes")).contents()).extracting(o -> o.key())
                    .containsExactly("new.txt");
        }
    }

    private static SdkBytes zip(String name, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return SdkBytes.fromByteArray(out.toByteArray());
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
