package dev.gureum.s3.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What S3 checks in lifecycle, logging and Object Lock configurations beyond their shape: unique rule
 * IDs, positive periods, dates at midnight GMT, a logging target that exists and has the same owner.
 */
public final class ConfigurationRules {

    private ConfigurationRules() {
    }

    /**
     * A period or date of a lifecycle action, as the document gives it.
     *
     * @param action      {@code Expiration}, {@code NoncurrentVersionExpiration}, {@code AbortIncompleteMultipartUpload}...
     * @param daysElement the element holding the days ({@code Days}, {@code NoncurrentDays}...)
     * @param days        its text, {@code null} when absent
     * @param date        the {@code Date}, {@code null} when absent
     */
    public record LifecycleTiming(String action, String daysElement, String days, String date) {
    }

    /** A lifecycle rule: its ID ({@code null} when none) and the timings of its actions. */
    public record LifecycleRuleTimings(String id, List<LifecycleTiming> timings) {
        public LifecycleRuleTimings {
            timings = List.copyOf(timings);
        }
    }

    /** Rule IDs are unique; expirations have positive days or a date at midnight GMT, never both. */
    public static void checkLifecycle(Bucket bucket, List<LifecycleRuleTimings> rules) {
        Set<String> ids = new HashSet<>();
        for (LifecycleRuleTimings rule : rules) {
            if (rule.id() != null && !ids.add(rule.id())) {
                throw new BucketRefusal(BucketRefusal.Reason.DUPLICATE_RULE_ID, bucket.name(), rule.id(),
                        "Duplicate rule ID");
            }
            for (LifecycleTiming timing : rule.timings()) {
                checkTiming(bucket, timing);
            }
        }
    }

    private static void checkTiming(Bucket bucket, LifecycleTiming timing) {
        if (timing.days() != null && timing.date() != null) {
            throw malformed(bucket);
        }
        if (timing.days() != null) {
            long days;
            try {
                days = Long.parseLong(timing.days().trim());
            } catch (NumberFormatException e) {
                throw malformed(bucket);
            }
            // a transition may happen on day 0; expirations and aborts take at least a day
            if (days < 0 || days == 0 && !timing.action().contains("Transition")) {
                throw new BucketRefusal(BucketRefusal.Reason.NON_POSITIVE_DAYS, bucket.name(),
                        timing.daysElement() + "/" + timing.action(), "Days not positive");
            }
        }
        if (timing.date() != null) {
            Instant date;
            try {
                date = Instant.parse(timing.date().trim());
            } catch (DateTimeParseException e) {
                throw malformed(bucket);
            }
            if (date.atOffset(ZoneOffset.UTC).toLocalTime().toNanoOfDay() != 0) {
                throw new BucketRefusal(BucketRefusal.Reason.DATE_NOT_MIDNIGHT, bucket.name(), timing.date(),
                        "Date not at midnight");
            }
        }
    }

    /**
     * A logging target: an existing bucket of the same owner.
     *
     * @param target the target bucket, {@code null} when no bucket has its name
     */
    public static void checkLoggingTarget(Bucket bucket, String targetName, Bucket target) {
        if (target == null) {
            throw new BucketRefusal(BucketRefusal.Reason.LOGGING_TARGET_MISSING, bucket.name(), targetName,
                    "No logging target");
        }
        if (!target.ownerAccount().equals(bucket.ownerAccount())) {
            throw new BucketRefusal(BucketRefusal.Reason.LOGGING_TARGET_OTHER_OWNER, bucket.name(), targetName,
                    "Logging target of another owner");
        }
    }

    /**
     * An Object Lock configuration: {@code ObjectLockEnabled} is {@code Enabled}; a default retention names
     * a mode S3 knows and exactly one of a positive number of days or years.
     *
     * @param hasRule whether the document has a {@code Rule}
     */
    public static void checkObjectLock(Bucket bucket, String enabled, boolean hasRule, String mode, String days,
                                       String years) {
        if (!"Enabled".equals(enabled)) {
            throw malformed(bucket);
        }
        if (!hasRule) {
            return;
        }
        if (!"GOVERNANCE".equals(mode) && !"COMPLIANCE".equals(mode) || (days == null) == (years == null)) {
            throw malformed(bucket);
        }
        long period;
        try {
            period = Long.parseLong((days != null ? days : years).trim());
        } catch (NumberFormatException e) {
            throw malformed(bucket);
        }
        if (period <= 0) {
            throw new BucketRefusal(BucketRefusal.Reason.INVALID_RETENTION_PERIOD, bucket.name(),
                    "Retention period not positive");
        }
    }

    private static BucketRefusal malformed(Bucket bucket) {
        return new BucketRefusal(BucketRefusal.Reason.MALFORMED_CONFIGURATION, bucket.name(), "Malformed configuration");
    }
}
