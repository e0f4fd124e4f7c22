package dev.gureum.ec2.domain;

import dev.gureum.core.testing.ManualTimers;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.RecordingMetricSink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceMetricsTest {

    @Test
    void theCpuLoadTagIsAPercentageWithinBounds() {
        assertThat(InstanceMetrics.cpuLoad("90")).isEqualTo(90);
        assertThat(InstanceMetrics.cpuLoad(" 12.5% ")).isEqualTo(12.5);
        assertThat(InstanceMetrics.cpuLoad("250")).isEqualTo(100);
        assertThat(InstanceMetrics.cpuLoad("-3")).isZero();
        assertThat(InstanceMetrics.cpuLoad("busy")).isEqualTo(InstanceMetrics.IDLE_CPU);
        assertThat(InstanceMetrics.cpuLoad(null)).isEqualTo(InstanceMetrics.IDLE_CPU);
    }

    @Test
    void instancesOfAnAutoScalingGroupAlsoPutPerGroup() {
        ManualTimers timers = new ManualTimers(new MutableClock(Instant.parse("2026-03-01T09:00:00Z")));
        Ec2World world = new Ec2World(timers.clock(), Ec2Settings.DEFAULTS.withBootTime(Duration.ofSeconds(5)));
        RecordingMetricSink sink = new RecordingMetricSink();
        InstanceMetrics.start(sink, timers, world);
        LaunchSpec spec = new LaunchSpec("ami-0c02fb55956c7d316", "t3.micro", 1, 1, null, List.of(), List.of(), null,
                null, null, null, null, null, Map.of("instance", Map.of("aws:autoscaling:groupName", "web",
                InstanceMetrics.CPU_LOAD_TAG, "60")), null, "token", false, false, null, false, false);
        String id = world.apply("000000000000", "us-east-1",
                scope -> world.launcher().run(scope, spec, timers.clock().instant()).instances().get(0).id());
        timers.advance(Duration.ofMinutes(5));
        assertThat(sink.last(InstanceMetrics.NAMESPACE, "CPUUtilization", "AutoScalingGroupName", "web").value())
                .isEqualTo(60);
        assertThat(sink.last(InstanceMetrics.NAMESPACE, "CPUUtilization", "InstanceId", id).value()).isEqualTo(60);
    }
}
