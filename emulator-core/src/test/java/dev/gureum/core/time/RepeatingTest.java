package dev.gureum.core.time;

import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepeatingTest {

    @Test
    void runsAtEachMultipleOfItsPeriodUntilCancelled() {
        ServerClock clock = new ServerClock(new MutableClock(Instant.parse("2026-03-01T23:58:30Z")));
        try {
            List<Instant> minutes = new ArrayList<>();
            List<Instant> days = new ArrayList<>();
            Timers.Timer everyMinute = clock.timers().every(Duration.ofMinutes(1), at -> {
                minutes.add(at);
                if (minutes.size() == 2) {
                    throw new IllegalStateException("one failing run does not stop the next");
                }
            });
            clock.timers().every(Duration.ofDays(1), days::add);

            clock.advance(Duration.ofMinutes(3));
            assertThat(minutes).containsExactly(Instant.parse("2026-03-01T23:59:00Z"),
                    Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-02T00:01:00Z"));
            assertThat(days).containsExactly(Instant.parse("2026-03-02T00:00:00Z"));

            assertThat(everyMinute.cancel()).isTrue();
            clock.advance(Duration.ofMinutes(3));
            assertThat(minutes).hasSize(3);
            assertThat(everyMinute.cancel()).isFalse();
            assertThatThrownBy(() -> clock.timers().every(Duration.ZERO, at -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            clock.close();
        }
    }
}
