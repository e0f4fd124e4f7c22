package dev.gureum.autoscaling.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecurrenceTest {

    private static Instant next(String cron, String after, ZoneId zone) {
        return Recurrence.parse(cron).next(Instant.parse(after), zone);
    }

    @Test
    void theNextTimeOfACronExpression() {
        assertThat(next("0 9 * * *", "2026-12-07T18:26:00Z", ZoneOffset.UTC)).isEqualTo("2026-12-08T09:00:00Z");
        assertThat(next("*/15 * * * *", "2026-12-07T18:26:10Z", ZoneOffset.UTC)).isEqualTo("2026-12-07T18:30:00Z");
        // weekdays only: from a Saturday to Monday
        assertThat(next("30 8 * * MON-FRI", "2026-12-05T10:00:00Z", ZoneOffset.UTC))
                .isEqualTo("2026-12-07T08:30:00Z");
        assertThat(next("0 0 1 JAN *", "2026-12-07T00:00:00Z", ZoneOffset.UTC)).isEqualTo("2027-01-01T00:00:00Z");
        // both day fields: either matches
        assertThat(next("0 0 15 * 0", "2026-12-07T00:00:00Z", ZoneOffset.UTC)).isEqualTo("2026-12-13T00:00:00Z");
        // strictly after
        assertThat(next("0 9 * * *", "2026-12-08T09:00:00Z", ZoneOffset.UTC)).isEqualTo("2026-12-09T09:00:00Z");
    }

    @Test
    void aTimeZoneMovesTheTimes() {
        assertThat(next("0 9 * * *", "2026-12-07T00:00:00Z", ZoneId.of("Asia/Seoul")))
                .isEqualTo("2026-12-08T00:00:00Z");
        assertThat(next("0 9 * * *", "2026-07-01T00:00:00Z", ZoneId.of("America/New_York")))
                .isEqualTo("2026-07-01T13:00:00Z");
    }

    @Test
    void badExpressionsAreRefused() {
        assertThatThrownBy(() -> Recurrence.parse("0 9 * *")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recurrence.parse("61 9 * * *")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recurrence.parse("x 9 * * *")).isInstanceOf(IllegalArgumentException.class);
    }
}
