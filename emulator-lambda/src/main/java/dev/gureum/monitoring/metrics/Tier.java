package dev.gureum.monitoring.metrics;

import java.time.Duration;

/**
 * The resolutions CloudWatch keeps data at, and for how long: 1-second data for 3 hours, 1-minute data for
 * 15 days, 5-minute data for 63 days and 1-hour data for 455 days (15 months). Every value goes into the
 * bucket of each tier it is young enough for (the 1-second tier only for high-resolution data), so a
 * coarser tier is the roll-up of the finer one without a pass over the data.
 */
public enum Tier {
    SECOND(1, Duration.ofHours(3)),
    MINUTE(60, Duration.ofDays(15)),
    FIVE_MINUTES(300, Duration.ofDays(63)),
    HOUR(3600, Duration.ofDays(455));

    private final int seconds;
    private final long retentionSeconds;

    Tier(int seconds, Duration retention) {
        this.seconds = seconds;
        this.retentionSeconds = retention.toSeconds();
    }

    public int seconds() {
        return seconds;
    }

    public long retentionSeconds() {
        return retentionSeconds;
    }

    /** The start of the bucket {@code epochSecond} falls into. */
    long bucketStart(long epochSecond) {
        return Math.floorDiv(epochSecond, seconds) * seconds;
    }

    /** The tier of a resolution in seconds, or {@code null}. */
    public static Tier ofSeconds(int seconds) {
        for (Tier t : values()) {
            if (t.seconds == seconds) {
                return t;
            }
        }
        return null;
    }

    /**
     * The tier a query reads, as CloudWatch answers by the age of its start: periods under a minute from
     * 1-second data; then 1-minute data for the last 15 days, 5-minute data up to 63 days back, hourly data
     * beyond. Where a coarser tier holds the same answer (the period is a multiple of its resolution and the
     * start falls on one of its buckets), that tier is read: fewer buckets to merge.
     */
    static Tier forQuery(long startAgeSeconds, long start, int period) {
        if (period < 60) {
            return SECOND;
        }
        Tier finest = HOUR;
        for (Tier t : new Tier[] {MINUTE, FIVE_MINUTES}) {
            if (startAgeSeconds <= t.retentionSeconds) {
                finest = t;
                break;
            }
        }
        Tier chosen = finest;
        for (Tier t : values()) {
            if (t.ordinal() > finest.ordinal() && period % t.seconds == 0 && start % t.seconds == 0) {
                chosen = t;
            }
        }
        return chosen;
    }
}
