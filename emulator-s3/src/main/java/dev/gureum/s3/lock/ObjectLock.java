package dev.gureum.s3.lock;

import dev.gureum.s3.domain.S3Object;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Object Lock as S3 enforces it on object versions. A version's retention (a mode and a date until
 * which it is kept) and its legal hold are kept with its stored headers, under the names S3 answers
 * them with on GET and HEAD, so they are returned, copied with the version's record and kept across
 * restarts as any stored header is.
 *
 * <ul>
 *   <li>While a version is retained or held, deleting it by version id is refused; a delete without
 *       version id only adds a delete marker, which S3 allows.</li>
 *   <li>{@code GOVERNANCE} retention may be shortened or removed, and its version deleted, by a caller
 *       who sends {@code x-amz-bypass-governance-retention: true} and may
 *       {@code s3:BypassGovernanceRetention}; {@code COMPLIANCE} retention can only be extended, and its
 *       mode never changed, until its date has passed.</li>
 *   <li>A legal hold protects its version until it is turned off, whatever the retention.</li>
 * </ul>
 */
public final class ObjectLock {

    public static final String MODE = "x-amz-object-lock-mode";
    public static final String RETAIN_UNTIL = "x-amz-object-lock-retain-until-date";
    public static final String LEGAL_HOLD = "x-amz-object-lock-legal-hold";

    /** The retain-until date as S3 writes it: ISO 8601 in UTC with milliseconds. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The retention modes. */
    public enum Mode { GOVERNANCE, COMPLIANCE }

    /** A version's retention: kept in {@code mode} until {@code until}. */
    public record Retention(Mode mode, Instant until) {

        /** Whether it still protects its version at {@code now}. */
        public boolean activeAt(Instant now) {
            return until.isAfter(now);
        }
    }

    /** A bucket's default retention: what a new version gets when its write names none. */
    public record DefaultRetention(Mode mode, int days, int years) {

        /** The retention of a version written at {@code now}: whole days (a year is 365 days) from then. */
        public Retention from(Instant now) {
            long length = days > 0 ? days : 365L * years;
            return new Retention(mode, now.plus(java.time.Duration.ofDays(length)));
        }
    }

    private ObjectLock() {
    }

    /** @throws LockRefusal {@code UNKNOWN_MODE} */
    public static Mode mode(String text) {
        try {
            return Mode.valueOf(text.trim());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new LockRefusal(LockRefusal.Reason.UNKNOWN_MODE, text);
        }
    }

    /** An ISO 8601 date ({@code 2030-01-01T00:00:00Z}, with or without fractions or an offset). */
    public static Instant date(String text) {
        try {
            return java.time.OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new LockRefusal(LockRefusal.Reason.DATE_UNREADABLE, text);
        }
    }

    public static String format(Instant date) {
        return DATE.format(date);
    }

    /** {@code ON} or {@code OFF}. @throws LockRefusal {@code UNKNOWN_LEGAL_HOLD} */
    public static boolean legalHold(String text) {
        String status = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (!status.equals("ON") && !status.equals("OFF")) {
            throw new LockRefusal(LockRefusal.Reason.UNKNOWN_LEGAL_HOLD, text);
        }
        return status.equals("ON");
    }

    /** The version's retention, or {@code null}. */
    public static Retention retention(S3Object version) {
        String mode = version.headers().get(MODE);
        String until = version.headers().get(RETAIN_UNTIL);
        return mode == null || until == null ? null : new Retention(Mode.valueOf(mode), Instant.parse(until));
    }

    /** Whether the version's legal hold is on. */
    public static boolean legalHold(S3Object version) {
        return "ON".equals(version.headers().get(LEGAL_HOLD));
    }

    /** Whether the version has ever had a legal hold set (on or off). */
    public static boolean hasLegalHold(S3Object version) {
        return version.headers().containsKey(LEGAL_HOLD);
    }

    /**
     * The lock settings of a write: the retention and legal hold it names, else the bucket's default
     * retention, as stored headers.
     *
     * @param lockEnabled      whether the bucket has Object Lock
     * @param defaultRetention the bucket's default retention, or {@code null}
     * @param mode             the write's mode, or {@code null}
     * @param until            the write's retain-until date, or {@code null}
     * @param legalHold        the write's legal hold status, or {@code null}
     * @throws LockRefusal for settings S3 refuses
     */
    public static Map<String, String> forWrite(boolean lockEnabled, DefaultRetention defaultRetention, String mode,
                                               String until, String legalHold, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (mode == null && until == null && legalHold == null) {
            if (lockEnabled && defaultRetention != null) {
                put(headers, defaultRetention.from(now));
            }
            return headers;
        }
        if (!lockEnabled) {
            throw new LockRefusal(LockRefusal.Reason.BUCKET_WITHOUT_LOCK);
        }
        if ((mode == null) != (until == null)) {
            throw new LockRefusal(LockRefusal.Reason.MODE_AND_DATE_TOGETHER);
        }
        if (mode != null) {
            Retention retention = new Retention(mode(mode), date(until));
            if (!retention.activeAt(now)) {
                throw new LockRefusal(LockRefusal.Reason.DATE_IN_PAST, until);
            }
            put(headers, retention);
        } else if (defaultRetention != null) {
            put(headers, defaultRetention.from(now));
        }
        if (legalHold != null) {
            headers.put(LEGAL_HOLD, legalHold(legalHold) ? "ON" : "OFF");
        }
        return headers;
    }

    private static void put(Map<String, String> headers, Retention retention) {
        headers.put(MODE, retention.mode().name());
        headers.put(RETAIN_UNTIL, format(retention.until()));
    }

    /**
     * Whether the version may be deleted for good (by version id) now.
     *
     * @param bypassGovernance whether the caller asked to bypass governance retention and may
     * @throws LockRefusal {@code PROTECTED}
     */
    public static void checkDelete(S3Object version, Instant now, boolean bypassGovernance) {
        if (version.deleteMarker()) {
            return;
        }
        if (legalHold(version)) {
            throw new LockRefusal(LockRefusal.Reason.PROTECTED);
        }
        Retention retention = retention(version);
        if (retention != null && retention.activeAt(now)
                && (retention.mode() == Mode.COMPLIANCE || !bypassGovernance)) {
            throw new LockRefusal(LockRefusal.Reason.PROTECTED);
        }
    }

    /** Whether the version is under retention or legal hold now (so its bytes cannot go). */
    public static boolean protectedAt(S3Object version, Instant now) {
        if (legalHold(version)) {
            return true;
        }
        Retention retention = retention(version);
        return retention != null && retention.activeAt(now);
    }

    /**
     * Whether a version's retention may become {@code next} ({@code null} removes it): extending it is
     * always allowed; shortening or removing it, or changing its mode, only where governance may be
     * bypassed and never under an active compliance retention.
     *
     * @throws LockRefusal {@code PROTECTED}, or {@code DATE_IN_PAST} for a new date that has passed
     */
    public static void checkRetentionChange(S3Object version, Retention next, Instant now, boolean bypassGovernance) {
        if (next != null && !next.activeAt(now)) {
            throw new LockRefusal(LockRefusal.Reason.DATE_IN_PAST, format(next.until()));
        }
        Retention current = retention(version);
        if (current == null || !current.activeAt(now)) {
            return;
        }
        boolean extends_ = next != null && next.mode() == current.mode() && !next.until().isBefore(current.until());
        if (extends_) {
            return;
        }
        // anything else alters the lock: a governance retention gives way only to the bypass (turning it into
        // a compliance one included), a compliance retention never
        if (current.mode() == Mode.COMPLIANCE || !bypassGovernance) {
            throw new LockRefusal(LockRefusal.Reason.PROTECTED);
        }
    }

    /** The version's stored headers with its retention set to {@code retention} ({@code null} removes it). */
    public static Map<String, String> withRetention(Map<String, String> headers, Retention retention) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        changed.remove(MODE);
        changed.remove(RETAIN_UNTIL);
        if (retention != null) {
            put(changed, retention);
        }
        return changed;
    }

    /** The version's stored headers with its legal hold set. */
    public static Map<String, String> withLegalHold(Map<String, String> headers, boolean on) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        changed.put(LEGAL_HOLD, on ? "ON" : "OFF");
        return changed;
    }

    /** The stored headers without any lock setting (a copy's source's do not carry over). */
    public static Map<String, String> withoutLock(Map<String, String> headers) {
        if (!headers.containsKey(MODE) && !headers.containsKey(LEGAL_HOLD)) {
            return headers;
        }
        Map<String, String> changed = new LinkedHashMap<>(headers);
        changed.remove(MODE);
        changed.remove(RETAIN_UNTIL);
        changed.remove(LEGAL_HOLD);
        return changed;
    }
}
