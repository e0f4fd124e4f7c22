package dev.gureum.s3.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Conditional requests as S3 applies RFC 9110 to reads, writes and the source of copies. */
public final class Preconditions {

    private Preconditions() {
    }

    private static ObjectRefusal failed(String condition) {
        return new ObjectRefusal(ObjectRefusal.Reason.PRECONDITION_FAILED, null, null, condition);
    }

    private static ObjectRefusal sourceFailed(String condition) {
        return new ObjectRefusal(ObjectRefusal.Reason.COPY_SOURCE_PRECONDITION_FAILED, null, null, condition);
    }

    /** Whether a list of entity tags ({@code If-Match}, {@code If-None-Match}) names the ETag, or is {@code *}. */
    public static boolean etagMatches(String etags, String etag) {
        if (etag == null) {
            return false;
        }
        for (String candidate : etags.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals("\"" + etag + "\"") || c.equals(etag) || c.equals("W/\"" + etag + "\"")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A GET or HEAD's conditions on the version it reads.
     *
     * @return {@code true} when the client's copy is current (S3 answers 304 Not Modified)
     * @throws ObjectRefusal {@code PRECONDITION_FAILED} when If-Match or If-Unmodified-Since fails
     */
    public static boolean notModified(Conditions conditions, S3Object object) {
        Instant lastModified = object.lastModified().truncatedTo(ChronoUnit.SECONDS);
        if (conditions.ifMatch() != null) {
            if (!etagMatches(conditions.ifMatch(), object.etag())) {
                throw failed("If-Match");
            }
        } else if (conditions.ifUnmodifiedSince() != null && lastModified.isAfter(conditions.ifUnmodifiedSince())) {
            throw failed("If-Unmodified-Since");
        }
        if (conditions.ifNoneMatch() != null) {
            return etagMatches(conditions.ifNoneMatch(), object.etag());
        }
        return conditions.ifModifiedSince() != null && !lastModified.isAfter(conditions.ifModifiedSince());
    }

    /**
     * A write's conditions on the key's current version: {@code If-None-Match: *} creates only,
     * {@code If-Match} replaces only that version.
     *
     * @param current the current version, a delete marker, or {@code null}
     */
    public static void checkWrite(Conditions conditions, String key, S3Object current) {
        boolean exists = current != null && !current.deleteMarker();
        if (conditions.ifNoneMatch() != null) {
            if (!conditions.ifNoneMatch().trim().equals("*")) {
                throw new ObjectRefusal(ObjectRefusal.Reason.CONDITION_NOT_IMPLEMENTED, key, null, "If-None-Match");
            }
            if (exists) {
                throw failed("If-None-Match");
            }
        }
        if (conditions.ifMatch() != null) {
            if (!exists) {
                throw new ObjectRefusal(ObjectRefusal.Reason.NO_SUCH_KEY, key, null, null);
            }
            if (!etagMatches(conditions.ifMatch(), current.etag())) {
                throw failed("If-Match");
            }
        }
    }

    /**
     * The conditions of CopyObject and UploadPartCopy on their source. A matching If-Match overrides a
     * failing If-Unmodified-Since, and a failing If-None-Match wins over If-Modified-Since, as S3 documents.
     */
    public static void checkCopySource(Conditions conditions, S3Object source) {
        Instant lastModified = source.lastModified().truncatedTo(ChronoUnit.SECONDS);
        if (conditions.ifMatch() != null && !etagMatches(conditions.ifMatch(), source.etag())) {
            throw sourceFailed("If-Match");
        }
        if (conditions.ifNoneMatch() != null && etagMatches(conditions.ifNoneMatch(), source.etag())) {
            throw sourceFailed("If-None-Match");
        }
        if (conditions.ifUnmodifiedSince() != null && conditions.ifMatch() == null
                && lastModified.isAfter(conditions.ifUnmodifiedSince())) {
            throw sourceFailed("If-Unmodified-Since");
        }
        if (conditions.ifModifiedSince() != null && conditions.ifNoneMatch() == null
                && !lastModified.isAfter(conditions.ifModifiedSince())) {
            throw sourceFailed("If-Modified-Since");
        }
    }
}
