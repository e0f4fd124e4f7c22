package dev.gureum.server;

import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.RecordsReplay;
import dev.gureum.core.time.ServerClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClockStateTest {

    private static final List<Object> OFFSETS = List.of(new ClockState.Offset(Duration.ofHours(3).plusNanos(5)),
            new ClockState.Offset(Duration.ZERO));

    @Test
    void offsetsRoundTripThroughTheJournal(@TempDir Path dir) {
        assertThat(RecordsReplay.fromJournal(dir, ClockState.TYPES, OFFSETS)).isEqualTo(OFFSETS);
    }

    @Test
    void theSnapshotHoldsWhereTheClockStandsAndRestoresIt(@TempDir Path dir) {
        MutableClock base = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
        try (ServerClock clock = new ServerClock(base)) {
            ClockState state = new ClockState(clock);
            assertThat((Iterable<Object>) state.records()).isEmpty();
            clock.advance(Duration.ofMinutes(90));
            assertThat((Iterable<Object>) state.records()).containsExactly(new ClockState.Offset(Duration.ofMinutes(90)));

            try (ServerClock restarted = new ServerClock(base)) {
                new ClockState(restarted).apply(new ClockState.Offset(Duration.ofMinutes(90)));
                assertThat(restarted.instant()).isEqualTo(clock.instant());
                new ClockState(restarted).clear();
                assertThat(restarted.instant()).isEqualTo(base.instant());
            }
        }
    }
}
