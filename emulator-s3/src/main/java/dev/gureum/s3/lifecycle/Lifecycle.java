package dev.gureum.s3.lifecycle;

import dev.gureum.s3.domain.MultipartUpload;
import dev.gureum.s3.domain.S3Object;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a bucket's lifecycle rules do to one key at one moment. S3 runs lifecycle once a day: an action
 * is due at the midnight (UTC) that follows the moment its days have passed ("the object's creation
 * time plus the days of the rule, rounded up to the next midnight UTC"), so an object written at 10:30
 * with a 3-day expiration expires at midnight after 10:30 three days later. Noncurrent versions count
 * from the moment they became noncurrent (when the version after them was written), uploads from their
 * start.
 */
public final class Lifecycle {

    private static final long DAY_SECONDS = 86_400;

    private Lifecycle() {
    }

    /** The midnight UTC at or after {@code start} plus {@code days}. */
    public static Instant dueAt(Instant start, int days) {
        Instant end = start.plus(Duration.ofDays(days));
        long seconds = end.getEpochSecond();
        long midnight = Math.floorDiv(seconds, DAY_SECONDS) * DAY_SECONDS;
        if (midnight == seconds && end.getNano() == 0) {
            return end;
        }
        return Instant.ofEpochSecond(midnight + DAY_SECONDS);
    }

    /** When a current version expires, and by which rule ({@code x-amz-expiration}). */
    public record Expiry(Instant date, String ruleId) {
    }

    /** The earliest expiration of a current version by the enabled rules, or {@code null}. */
    public static Expiry expiry(List<LifecycleRule> rules, S3Object current) {
        Expiry earliest = null;
        for (LifecycleRule rule : rules) {
            if (!rule.enabled() || !rule.filter().matches(current)) {
                continue;
            }
            Instant date = rule.expirationDate() != null ? rule.expirationDate()
                    : rule.expirationDays() != null ? dueAt(current.lastModified(), rule.expirationDays()) : null;
            if (date != null && (earliest == null || date.isBefore(earliest.date()))) {
                earliest = new Expiry(date, rule.id());
            }
        }
        return earliest;
    }

    /** One thing lifecycle does to a key. */
    public sealed interface Action {
        /** The current version expires: a delete marker hides it (versioned), or it is deleted (unversioned). */
        record ExpireCurrent(String versionId) implements Action { }

        /** A version (noncurrent, or a lone delete marker) is deleted for good. */
        record DeleteVersion(String versionId) implements Action { }

        /** A version moves to another storage class. */
        record Transition(String versionId, String storageClass) implements Action { }
    }

    /**
     * What the rules do at {@code now} to a key whose versions are {@code versions}, newest first.
     */
    public static List<Action> actions(List<LifecycleRule> rules, List<S3Object> versions, Instant now) {
        List<Action> actions = new ArrayList<>();
        if (versions.isEmpty()) {
            return actions;
        }
        S3Object current = versions.get(0);
        if (current.deleteMarker()) {
            if (versions.size() == 1 && rules.stream().anyMatch(r -> r.enabled() && r.expiredObjectDeleteMarker()
                    && r.filter().matches(current))) {
                actions.add(new Action.DeleteVersion(current.versionId()));
            }
        } else {
            Expiry expiry = expiry(rules, current);
            if (expiry != null && !expiry.date().isAfter(now)) {
                actions.add(new Action.ExpireCurrent(current.versionId()));
            } else {
                String storageClass = transition(rules, current, now);
                if (storageClass != null) {
                    actions.add(new Action.Transition(current.versionId(), storageClass));
                }
            }
        }
        for (int i = 1; i < versions.size(); i++) {
            S3Object version = versions.get(i);
            // how many noncurrent versions are newer than this one, and since when it is noncurrent
            int newer = i - 1;
            Instant noncurrentSince = versions.get(i - 1).lastModified();
            Action action = noncurrent(rules, version, newer, noncurrentSince, now);
            if (action != null) {
                actions.add(action);
            }
        }
        return actions;
    }

    private static String transition(List<LifecycleRule> rules, S3Object current, Instant now) {
        Instant latest = null;
        String target = null;
        for (LifecycleRule rule : rules) {
            if (!rule.enabled() || !rule.filter().matches(current)) {
                continue;
            }
            for (LifecycleRule.Transition t : rule.transitions()) {
                Instant due = t.date() != null ? t.date() : t.days() != null ? dueAt(current.lastModified(), t.days())
                        : null;
                if (due != null && !due.isAfter(now) && (latest == null || due.isAfter(latest))) {
                    latest = due;
                    target = t.storageClass();
                }
            }
        }
        return target == null || target.equals(current.storageClass()) ? null : target;
    }

    private static Action noncurrent(List<LifecycleRule> rules, S3Object version, int newer, Instant since,
                                     Instant now) {
        Instant latest = null;
        String target = null;
        for (LifecycleRule rule : rules) {
            if (!rule.enabled() || !rule.filter().matches(version)) {
                continue;
            }
            if (rule.noncurrentDays() != null && !dueAt(since, rule.noncurrentDays()).isAfter(now)
                    && (rule.newerNoncurrentVersions() == null || newer >= rule.newerNoncurrentVersions())) {
                return new Action.DeleteVersion(version.versionId());
            }
            if (version.deleteMarker()) {
                continue;
            }
            for (LifecycleRule.NoncurrentTransition t : rule.noncurrentTransitions()) {
                Instant due = dueAt(since, t.noncurrentDays());
                if (!due.isAfter(now) && (t.newerNoncurrentVersions() == null || newer >= t.newerNoncurrentVersions())
                        && (latest == null || due.isAfter(latest))) {
                    latest = due;
                    target = t.storageClass();
                }
            }
        }
        return target == null || target.equals(version.storageClass()) ? null
                : new Action.Transition(version.versionId(), target);
    }

    /** Whether an incomplete upload is to be aborted at {@code now}. */
    public static boolean abortDue(List<LifecycleRule> rules, MultipartUpload upload, Instant now) {
        for (LifecycleRule rule : rules) {
            if (rule.enabled() && rule.abortDays() != null && rule.filter().matchesKey(upload.key())
                    && !dueAt(upload.initiated(), rule.abortDays()).isAfter(now)) {
                return true;
            }
        }
        return false;
    }
}
