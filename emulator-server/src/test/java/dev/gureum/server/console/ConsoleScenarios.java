package dev.gureum.server.console;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's main scenarios, run in every browser the console must work in ({@link ConsoleChromiumIT},
 * {@link ConsoleFirefoxIT}): the page loads from Gureum alone, each view draws, changes made with the AWS SDK appear
 * without a reload, a click opens details, the tab bar answers the arrow keys, and the page raises no JavaScript
 * error. Each test leaves a picture in {@code target/console-screenshots/<browser>/}.
 */
abstract class ConsoleScenarios {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.services(Set.of("ec2", "sqs", "sns", "s3", "lambda", "logs",
            "autoscaling", "cloudwatch", "elb")));

    private static final String AMI = "ami-0c02fb55956c7d316";
    private static final String ALICE = "111122223333";
    private static final String BOB = "444455556666";
    /** Where each view draws what it shows. */
    private static final Map<String, String> VIEWS = Map.of("datacenter", "#dc-body", "scaling", "#sc-groups",
            "messaging", "#ms-queues", "storage", "#st-body", "functions", "#fn-body", "metrics", "#cw-alarms",
            "bill", "#bill-body", "requests", "#rq-body", "clockview", "#ck-reading");
    private static final String ARROW_LEFT = "\uE012";
    private static final String ARROW_RIGHT = "\uE014";
    private static final String ESCAPE = "\uE00C";
    /** The text of the error that {@link #anErrorOfThePageIsSeen} raises on purpose. */
    private static final String PROBE = "gureum-probe-error";

    static ConsolePage page;
    private int errorsBefore;

    /** Where this browser's pictures go. */
    abstract String pictures();

    @BeforeEach
    void countErrors() {
        errorsBefore = page.errors().size();
    }

    @AfterEach
    void noJavaScriptErrors(TestInfo test) {
        List<String> all = page.errors();
        assertThat(all.subList(errorsBefore, all.size()).stream().filter(e -> !e.contains(PROBE)))
                .as("the page's errors in %s during %s", page.name(), test.getDisplayName()).isEmpty();
    }

    @AfterAll
    static void closePage() {
        if (page != null) {
            page.close();
            page = null;
        }
    }

    private void open(String view) {
        page.go("about:blank");
        page.go(gureum.endpoint().resolve("/_gureum/console#" + view).toString());
        page.waitForText("#live", "live");
        // a mark that a reload would wipe out
        page.script("window.gureumNotReloaded = true");
    }

    private void notReloaded() {
        assertThat(page.script("return window.gureumNotReloaded === true")).isEqualTo(true);
    }

    private void picture(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target/console-screenshots", pictures()));
            Files.write(dir.resolve(name + ".png"), page.png());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void thePageComesFromGureumAloneAndEachViewDraws() {
        open("datacenter");
        String origin = (String) page.script("return location.origin");
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) page.script("return [location.href,"
                + " ...performance.getEntriesByType('resource').map(e => e.name),"
                + " ...[...document.querySelectorAll('[src], [href]')].map(e => e.src || e.href)]");
        assertThat(loaded).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(origin + "/"));
        assertThat(loaded).anySatisfy(url -> assertThat(url).endsWith("/console.js"))
                .anySatisfy(url -> assertThat(url).endsWith("/console.css"));

        @SuppressWarnings("unchecked")
        List<String> tabs = (List<String>) page.script("return [...document.querySelectorAll('[role=tab]')].map(t => t.dataset.view)");
        assertThat(tabs).containsExactlyInAnyOrderElementsOf(VIEWS.keySet());
        for (String view : tabs) {
            page.click("#tab-" + (view.equals("clockview") ? "clock" : view));
            page.waitUntil("return document.getElementById(arguments[0]).getClientRects().length > 0"
                    + " && document.querySelectorAll('main > section:not([hidden])').length === 1"
                    + " && location.hash === '#' + arguments[0]", view);
            page.waitUntil("return document.querySelector(arguments[0]).childElementCount > 0", VIEWS.get(view));
            assertThat(page.script("return document.getElementById('error').hidden")).as(view).isEqualTo(true);
        }
        notReloaded();
        picture("clock");
    }

    @Test
    void theLastOfTabsChosenInQuickSuccessionIsDrawn() {
        open("datacenter");
        // once the page is idle, one tab starts a drawing, and another is chosen before its fetches answer
        page.script("return new Promise(done => { const go = () => {"
                + " if (state.busy) { setTimeout(go, 5); return; }"
                + " document.getElementById('tab-scaling').click(); document.getElementById('tab-requests').click();"
                + " done(state.busy && state.view === 'requests'); }; go(); })");
        page.waitUntil("return document.getElementById('rq-body').childElementCount > 0");
        assertThat(page.script("return document.getElementById('error').hidden")).isEqualTo(true);
        assertThat(page.text("#rq-body")).isNotEmpty();
    }

    @Test
    void aQueuesMessageCountRisesWithoutAReload() {
        open("messaging");
        try (SqsClient sqs = gureum.configure(SqsClient.builder(), ALICE).build()) {
            String url = sqs.createQueue(r -> r.queueName("parcels")).queueUrl();
            String count = "tr[data-queue='parcels'] td[data-count='visible']";
            page.waitForText(count, "0");
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("one"));
            page.waitForText(count, "1");
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("two"));
            page.waitForText(count, "2");
            page.click("button[data-peek='parcels']");
            page.waitForTextContaining("#ms-peek", "two");
        }
        notReloaded();
        picture("messaging");
    }

    @Test
    void anInstanceAppearsOnAHostItsDetailsOpenAndItIsTerminated() {
        open("datacenter");
        String id;
        try (Ec2Client ec2 = gureum.configure(Ec2Client.builder(), BOB).build()) {
            id = ec2.runInstances(r -> r.imageId(AMI).instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1))
                    .instances().get(0).instanceId();
        }
        String vm = ".vm[data-instance='" + id + "']";
        page.shown(vm);
        assertThat(page.cssValue(vm, "background-color"))
                .isEqualTo(page.cssValue("#dc-legend i[data-account='" + BOB + "']", "background-color"));
        page.click(vm);
        page.waitForTextContaining("#dc-details", id);
        assertThat(page.text("#dc-details")).contains("t3.micro").contains(BOB).contains("per hour");
        page.press(vm, ESCAPE);
        page.waitUntil("return document.getElementById('dc-details').hidden");

        page.click(vm);
        page.shown("#terminate");
        picture("datacenter");
        page.click("#terminate");
        page.acceptConfirm();
        page.waitUntilGone(vm);
        try (Ec2Client ec2 = gureum.configure(Ec2Client.builder(), BOB).build()) {
            assertThat(ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0)
                    .state().nameAsString()).isIn("shutting-down", "terminated");
        }
        notReloaded();
    }

    @Test
    void theTabBarMovesWithTheArrowKeys() {
        open("datacenter");
        // and each tab has its access key, which the browser's own combination presses
        assertThat(page.script("return [...document.querySelectorAll('[role=tab]')].map(t => t.accessKey).sort().join('')"))
                .isEqualTo("123456789");
        page.press("#tab-datacenter", ARROW_RIGHT);
        page.waitUntil("return document.activeElement.id === 'tab-scaling'"
                + " && document.getElementById('tab-scaling').getAttribute('aria-selected') === 'true'"
                + " && !document.getElementById('scaling').hidden && document.getElementById('datacenter').hidden");
        page.press("#tab-scaling", ARROW_LEFT);
        page.waitUntil("return document.activeElement.id === 'tab-datacenter' && location.hash === '#datacenter'");
        // around the end: from the first tab to the last
        page.press("#tab-datacenter", ARROW_LEFT);
        page.waitUntil("return document.activeElement.id === 'tab-clock' && !document.getElementById('clockview').hidden");
        assertThat(page.script("return [...document.querySelectorAll('[role=tab]')].filter(t => t.tabIndex === 0).map(t => t.id)"))
                .isEqualTo(List.of("tab-clock"));
        notReloaded();
    }

    @Test
    void objectsAreBrowsedByPrefixAndAMetricIsCharted() {
        try (S3Client s3 = gureum.configure(S3Client.builder().forcePathStyle(true), ALICE).build()) {
            s3.createBucket(r -> r.bucket("parcel-labels"));
            s3.putObject(r -> r.bucket("parcel-labels").key("2024/label-1.txt"), RequestBody.fromString("label"));
        }
        open("storage");
        page.click("a[data-bucket='parcel-labels']");
        page.click("a[data-prefix='2024/']");
        page.waitForTextContaining("tr[data-key='2024/label-1.txt']", "label-1.txt");
        picture("storage");

        try (CloudWatchClient cw = gureum.configure(CloudWatchClient.builder(), ALICE).build()) {
            java.time.Instant now = gureum.server().clock().instant();
            cw.putMetricData(r -> r.namespace("Parcels").metricData(
                    d -> d.metricName("Sent").dimensions(x -> x.name("Depot").value("east")).value(3.0)
                            .timestamp(now.minusSeconds(120)),
                    d -> d.metricName("Sent").dimensions(x -> x.name("Depot").value("east")).value(7.0).timestamp(now)));
        }
        page.click("#tab-metrics");
        page.choose("#cw-metric", "{\"accountId\":\"" + ALICE + "\",\"region\":\"us-east-1\",\"namespace\":\"Parcels\","
                + "\"name\":\"Sent\",\"dimensions\":[{\"name\":\"Depot\",\"value\":\"east\"}]}");
        page.waitForTextContaining("#cw-chart figcaption", "latest 7");
        // the line is drawn through both points, two minutes apart: it has an extent on the page
        page.waitUntil("const l = document.querySelector('#cw-chart svg[role=img] polyline');"
                + " return l !== null && l.points.numberOfItems === 2 && l.getBoundingClientRect().width > 0");
        notReloaded();
        picture("cloudwatch");
    }

    @Test
    void anErrorOfThePageIsSeen() {
        open("clockview");
        page.script("setTimeout(() => { throw new Error('" + PROBE + "'); })");
        page.waitUntil("the error reported", () -> page.errors().stream().anyMatch(e -> e.contains(PROBE)));
    }
}
