package dev.gureum.ec2.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A stretch of running time at one rate. Linux and Windows instances are billed per second, with a
 * minimum of 60 seconds each time they start; a period that only changes the rate (a Reserved Instance
 * starting to apply) continues the running time and has no minimum of its own.
 *
 * @param end                {@code null} while the period lasts
 * @param reservedInstancesId the Reserved Instance that applies, for {@link PurchaseOption#RESERVED}
 */
public record BillingPeriod(Instant start, Instant end, PurchaseOption purchaseOption, double ratePerHour,
                            boolean minimumApplies, String reservedInstancesId) {

    public static final long MINIMUM_SECONDS = 60;

    public BillingPeriod closedAt(Instant when) {
        return new BillingPeriod(start, when.isBefore(start) ? start : when, purchaseOption, ratePerHour,
                minimumApplies, reservedInstancesId);
    }

    public boolean isOpen() {
        return end == null;
    }

    /** Seconds of running time up to {@code now} (or the period's end). */
    public double seconds(Instant now) {
        Instant until = end != null ? end : now;
        return Math.max(0, Duration.between(start, until).toMillis() / 1000.0);
    }

    /** Seconds billed: running time, at least the minimum once the period started an instance. */
    public double billedSeconds(Instant now) {
        double s = seconds(now);
        return minimumApplies ? Math.max(MINIMUM_SECONDS, s) : s;
    }

    public double cost(Instant now) {
        return billedSeconds(now) * ratePerHour / 3600.0;
    }
}
