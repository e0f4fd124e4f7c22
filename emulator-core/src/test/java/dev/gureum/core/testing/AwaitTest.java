package dev.gureum.core.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwaitTest {

    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger checks = new AtomicInteger();
        Await.until(Duration.ofSeconds(5), () -> checks.incrementAndGet() == 3, "the third check");
        assertThat(checks).hasValue(3);
    }

    @Test
    void failsNamingWhatItWaitedForWhenTheLimitPasses() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Await.until(Duration.ofMillis(100), () -> false, "a miracle"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Timed out waiting for a miracle (100 ms)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    @Test
    void aConditionThatThrowsEndsTheWait() {
        IOException broken = new IOException("disk gone");
        assertThatThrownBy(() -> Await.until(() -> {
            throw broken;
        }, "a file")).isInstanceOf(AssertionError.class).hasMessage("Failed while waiting for a file").hasCause(broken);
        assertThatThrownBy(() -> Await.until(() -> {
            throw new IllegalStateException("no");
        }, "a state")).isInstanceOf(IllegalStateException.class).hasMessage("no");
    }

    @Test
    void aMutableClockMovesOnlyByHand() {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        clock.advanceSeconds(90);
        clock.advance(Duration.ofMinutes(1));
        assertThat(clock.instant()).isEqualTo(java.time.Instant.parse("2026-01-01T00:02:30Z"));
        clock.set(java.time.Instant.EPOCH);
        assertThat(clock.millis()).isZero();
    }
}
