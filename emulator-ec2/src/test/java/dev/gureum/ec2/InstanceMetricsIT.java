package dev.gureum.ec2;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.spi.MetricSink.MetricDatum;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.ManualTimers;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.RecordingMetricSink;
import dev.gureum.core.testing.SdkClients;
import dev.gureum.ec2.domain.Ec2Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.MonitorInstancesResponse;
import software.amazon.awssdk.services.ec2.model.MonitoringState;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AWS/EC2 metrics of running instances, basic and detailed monitoring, and the modelled load. */
class InstanceMetricsIT {

    private static final String NS = "AWS/EC2";
    private static final String AMI = "ami-0c02fb55956c7d316";

    ManualTimers timers = new ManualTimers(new MutableClock(Instant.parse("2026-03-01T09:00:00Z")));
    RecordingMetricSink sink = new RecordingMetricSink();
    EmbeddedFrontEnd server;
    Ec2Client ec2;

    @BeforeEach
    void start() {
        server = new EmbeddedFrontEnd(timers, new Ec2Module(Ec2Settings.DEFAULTS.withBootTime(Duration.ofSeconds(5))))
                .bind(MetricSink.class, () -> sink);
        ec2 = SdkClients.withoutRetries(SdkClients.configure(Ec2Client.builder(), server.endpoint(), "test",
                Region.US_EAST_1)).build();
    }

    @AfterEach
    void stop() {
        ec2.close();
        server.close();
    }

    private String launch(String cpuLoad) {
        return ec2.runInstances(r -> {
            r.imageId(AMI).instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1);
            if (cpuLoad != null) {
                r.tagSpecifications(software.amazon.awssdk.services.ec2.model.TagSpecification.builder()
                        .resourceType("instance").tags(Tag.builder().key("gureum:cpu-load").value(cpuLoad).build())
                        .build());
            }
        }).instances().get(0).instanceId();
    }

    private MetricDatum last(String metric, String instanceId) {
        return sink.last(NS, metric, "InstanceId", instanceId);
    }

    @Test
    void basicMonitoringEveryFiveMinutesWithTheModelledLoad() {
        String busy = launch("90");
        String idle = launch(null);
        // running (after a 5-second boot), they put their status checks each minute, the load each fifth
        timers.advance(Duration.ofMinutes(4));
        assertThat(sink.data(NS, "CPUUtilization", "InstanceId", busy)).isEmpty();
        assertThat(sink.data(NS, "StatusCheckFailed", "InstanceId", busy)).hasSize(4);
        timers.advance(Duration.ofMinutes(1));
        MetricDatum cpu = last("CPUUtilization", busy);
        assertThat(cpu.value()).isEqualTo(90);
        assertThat(cpu.unit()).isEqualTo("Percent");
        assertThat(cpu.timestamp()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(cpu.account()).isEqualTo("000000000000");
        assertThat(cpu.region()).isEqualTo("us-east-1");
        assertThat(last("CPUUtilization", idle).value()).isEqualTo(0.5);
        // five minutes of traffic: (2,000 idle + 1,000 per percent of CPU) bytes in a minute
        assertThat(last("NetworkIn", busy).value()).isEqualTo(5 * (2_000 + 90_000));
        assertThat(last("NetworkOut", busy).value()).isEqualTo(5 * (1_000 + 90_000));
        assertThat(last("NetworkIn", busy).unit()).isEqualTo("Bytes");
        assertThat(last("NetworkPacketsIn", busy).value()).isEqualTo(5 * (2_000 + 90_000) / 500);
        assertThat(last("NetworkPacketsOut", busy).unit()).isEqualTo("Count");
        assertThat(last("NetworkIn", idle).value()).isEqualTo(5 * 2_500);
        assertThat(last("StatusCheckFailed", busy).value()).isZero();
        assertThat(last("StatusCheckFailed_Instance", busy).unit()).isEqualTo("Count");
        assertThat(sink.data(NS, "CPUUtilization", "InstanceType", "t3.micro")).isEmpty();

        // the load is the tag in force: a user or a test drives it with CreateTags
        ec2.createTags(r -> r.resources(busy).tags(Tag.builder().key("gureum:cpu-load").value("20").build()));
        timers.advance(Duration.ofMinutes(5));
        assertThat(sink.data(NS, "CPUUtilization", "InstanceId", busy)).extracting(MetricDatum::value)
                .containsExactly(90.0, 20.0);
    }

    @Test
    void detailedMonitoringEveryMinuteWithTheAggregates() {
        String id = launch("75");
        MonitorInstancesResponse on = ec2.monitorInstances(r -> r.instanceIds(id));
        assertThat(on.instanceMonitorings()).singleElement().satisfies(m -> {
            assertThat(m.instanceId()).isEqualTo(id);
            assertThat(m.monitoring().state()).isEqualTo(MonitoringState.PENDING);
        });
        assertThat(ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0)
                .monitoring().state()).isEqualTo(MonitoringState.ENABLED);
        timers.advance(Duration.ofMinutes(3));
        assertThat(sink.data(NS, "CPUUtilization", "InstanceId", id)).hasSize(3);
        MetricDatum last = last("CPUUtilization", id);
        assertThat(last.timestamp()).isEqualTo(Instant.parse("2026-03-01T09:02:00Z"));
        assertThat(last("NetworkIn", id).value()).isEqualTo(2_000 + 75_000);
        assertThat(sink.last(NS, "CPUUtilization", "InstanceType", "t3.micro").value()).isEqualTo(75);
        assertThat(sink.last(NS, "CPUUtilization", "ImageId", AMI).value()).isEqualTo(75);
        assertThat(sink.last(NS, "CPUUtilization").value()).isEqualTo(75);

        var off = ec2.unmonitorInstances(r -> r.instanceIds(id));
        assertThat(off.instanceMonitorings().get(0).monitoring().state()).isEqualTo(MonitoringState.DISABLING);
        assertThat(ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0)
                .monitoring().state()).isEqualTo(MonitoringState.DISABLED);
        sink.clear();
        timers.advance(Duration.ofMinutes(1));
        assertThat(sink.data(NS, "CPUUtilization", "InstanceId", id)).isEmpty();
        timers.advance(Duration.ofMinutes(1));
        assertThat(sink.data(NS, "CPUUtilization", "InstanceId", id)).hasSize(1);

        assertThatThrownBy(() -> ec2.monitorInstances(r -> r.instanceIds("i-0123456789abcdef0")))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.ec2.model.Ec2Exception.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound"));
    }

    @Test
    void detailedMonitoringAskedForAtLaunch() {
        String id = ec2.runInstances(r -> r.imageId(AMI).instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1)
                .monitoring(m -> m.enabled(true))).instances().get(0).instanceId();
        timers.advance(Duration.ofMinutes(2));
        assertThat(sink.data(NS, "CPUUtilization", "InstanceId", id)).hasSize(2);
    }

    @Test
    void aFailedStatusCheckAndStoppedInstances() {
        String id = launch(null);
        ec2.createTags(r -> r.resources(id).tags(Tag.builder().key("gureum:status-check").value("system").build()));
        timers.advance(Duration.ofMinutes(1));
        assertThat(last("StatusCheckFailed_System", id).value()).isEqualTo(1);
        assertThat(last("StatusCheckFailed_Instance", id).value()).isZero();
        assertThat(last("StatusCheckFailed", id).value()).isEqualTo(1);

        ec2.stopInstances(r -> r.instanceIds(id).force(true));
        timers.advance(Duration.ofMinutes(2));
        sink.clear();
        timers.advance(Duration.ofMinutes(10));
        assertThat(sink.all()).isEmpty();
    }
}
