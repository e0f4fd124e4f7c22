package dev.gureum.sns.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private static List<Long> seconds(RetryPolicy p) {
        return p.delays().stream().map(Duration::toMillis).map(ms -> Math.round(ms / 1000.0)).toList();
    }

    @Test
    void awsDefaultIsThreeRetriesTwentySecondsApart() {
        assertThat(seconds(RetryPolicy.DEFAULT)).containsExactly(20L, 20L, 20L);
    }

    @Test
    void phasesComeInOrder() {
        RetryPolicy p = new RetryPolicy(1, 60, 10, 2, 2, 2, "linear");
        // 2 immediate, 2 at the minimum, 4 backing off from 1 s to 60 s, 2 at the maximum
        assertThat(seconds(p)).containsExactly(0L, 0L, 1L, 1L, 1L, 21L, 40L, 60L, 60L, 60L);
    }

    @Test
    void backoffFunctionsRiseFromMinimumToMaximum() {
        for (String f : new String[] {"linear", "arithmetic", "geometric", "exponential"}) {
            List<Long> delays = seconds(new RetryPolicy(2, 100, 6, 0, 0, 0, f));
            assertThat(delays).as(f).hasSize(6).isSorted().startsWith(2L).endsWith(100L);
        }
        // exponential stays low longest, linear rises evenly
        List<Long> exponential = seconds(new RetryPolicy(2, 100, 6, 0, 0, 0, "exponential"));
        List<Long> linear = seconds(new RetryPolicy(2, 100, 6, 0, 0, 0, "linear"));
        assertThat(exponential.get(2)).isLessThan(linear.get(2));
    }

    @Test
    void noRetriesMeansNoDelays() {
        assertThat(new RetryPolicy(1, 1, 0, 0, 0, 0, "linear").delays()).isEmpty();
    }
}
