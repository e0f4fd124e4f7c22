package dev.gureum.ec2.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ServedRequestsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void eachRequestCostsFiftyMillisecondsOfOneVcpuAndEachMibTenMore() {
        ServedRequests served = new ServedRequests();
        for (int i = 0; i < 600; i++) {
            served.record("i-1", 0);
        }
        // 30 s of CPU in a minute: half of one vCPU, a quarter of two
        assertThat(served.utilization("i-1", 1, MINUTE).getAsDouble()).isEqualTo(50.5);
        for (int i = 0; i < 600; i++) {
            served.record("i-1", 0);
        }
        assertThat(served.utilization("i-1", 2, MINUTE).getAsDouble()).isEqualTo(25.5);
        served.record("i-1", 600L << 20);
        // 50 ms + 6 s over a minute of one vCPU
        assertThat(served.utilization("i-1", 1, MINUTE).getAsDouble()).isCloseTo(0.5 + 100 * 6.05 / 60, within(1e-9));
    }

    @Test
    void withoutRequestsAnInstanceIdlesAndNothingIsAboveAHundredPercent() {
        ServedRequests served = new ServedRequests();
        assertThat(served.utilization("i-1", 1, MINUTE).getAsDouble()).isEqualTo(InstanceMetrics.IDLE_CPU);
        for (int i = 0; i < 5000; i++) {
            served.record("i-1", 100);
        }
        assertThat(served.utilization("i-1", 1, MINUTE).getAsDouble()).isEqualTo(100);
        // what was read is not read again
        assertThat(served.utilization("i-1", 1, MINUTE).getAsDouble()).isEqualTo(InstanceMetrics.IDLE_CPU);
    }

    @Test
    void instancesNoLongerRunningAreForgotten() {
        ServedRequests served = new ServedRequests();
        served.record("i-1", 0);
        served.record("i-2", 0);
        served.retainOnly(Set.of("i-2"));
        assertThat(served.utilization("i-1", 1, MINUTE).getAsDouble()).isEqualTo(InstanceMetrics.IDLE_CPU);
        assertThat(served.utilization("i-2", 1, MINUTE).getAsDouble()).isGreaterThan(InstanceMetrics.IDLE_CPU);
    }
}
