package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Error;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Conditional requests (RFC 9110 as S3 applies it): If-Match, If-None-Match, If-(Un)Modified-Since. */
final class Preconditions {

    private Preconditions() {
    }

    static AwsException failed(String condition) {
        return new AwsException(S3Error.PRECONDITION_FAILED, "At least one of the pre-conditions you specified did not hold")
                .detail("Condition", condition);
    }

    static boolean etagMatches(String header, String etag) {
        if (etag == null) {
            return false;
        }
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals("\"" + etag + "\"") || c.equals(etag) || c.equals("W/\"" + etag + "\"")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks a GET/HEAD's conditions: throws 412 when If-Match or If-Unmodified-Since fails;
     * answers {@code true} when the client's copy is current (304).
     */
    static boolean checkRead(S3Request request, S3Object object) {
        String ifMatch = request.header("If-Match");
        String ifNoneMatch = request.header("If-None-Match");
        Instant modifiedSince = date(request.header("If-Modified-Since"));
        Instant unmodifiedSince = date(request.header("If-Unmodified-Since"));
        Instant lastModified = object.lastModified().truncatedTo(ChronoUnit.SECONDS);
        if (ifMatch != null) {
            if (!etagMatches(ifMatch, object.etag())) {
                throw failed("If-Match");
            }
        } else if (unmodifiedSince != null && lastModified.isAfter(unmodifiedSince)) {
            throw failed("If-Unmodified-Since");
        }
        if (ifNoneMatch != null) {
            return etagMatches(ifNoneMatch, object.etag());
        }
        return modifiedSince != null && !lastModified.isAfter(modifiedSince);
    }

    /** A PUT's conditions: {@code If-None-Match: *} (create only) and {@code If-Match} (replace only that version). */
    static void checkWrite(S3Request request, S3Object current) {
        String ifNoneMatch = request.header("If-None-Match");
        boolean exists = current != null && !current.deleteMarker();
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw new AwsException(S3Error.NOT_IMPLEMENTED,
                        "A header you provided implies functionality that is not implemented").detail("Header", "If-None-Match");
            }
            if (exists) {
                throw failed("If-None-Match");
            }
        }
        String ifMatch = request.header("If-Match");
        if (ifMatch != null) {
            if (!exists) {
                throw new AwsException(S3Error.NO_SUCH_KEY, "The specified key does not exist.").detail("Key", request.key());
            }
            if (!etagMatches(ifMatch, current.etag())) {
                throw failed("If-Match");
            }
        }
    }

    /** Copy-source conditions of CopyObject and UploadPartCopy. */
    static void checkCopySource(S3Request request, S3Object source) {
        String ifMatch = request.header("x-amz-copy-source-if-match");
        String ifNoneMatch = request.header("x-amz-copy-source-if-none-match");
        Instant modifiedSince = date(request.header("x-amz-copy-source-if-modified-since"));
        Instant unmodifiedSince = date(request.header("x-amz-copy-source-if-unmodified-since"));
        Instant lastModified = source.lastModified().truncatedTo(ChronoUnit.SECONDS);
        if (ifMatch != null && !etagMatches(ifMatch, source.etag())) {
            throw failed("x-amz-copy-source-If-Match");
        }
        if (ifNoneMatch != null && etagMatches(ifNoneMatch, source.etag())) {
            throw failed("x-amz-copy-source-If-None-Match");
        }
        if (unmodifiedSince != null && ifMatch == null && lastModified.isAfter(unmodifiedSince)) {
            throw failed("x-amz-copy-source-If-Unmodified-Since");
        }
        if (modifiedSince != null && ifNoneMatch == null && !lastModified.isAfter(modifiedSince)) {
            throw failed("x-amz-copy-source-If-Modified-Since");
        }
    }

    /** An HTTP date; one that cannot be read is ignored, as S3 ignores it. */
    static Instant date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
