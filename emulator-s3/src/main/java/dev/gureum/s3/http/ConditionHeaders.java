package dev.gureum.s3.http;

import dev.gureum.s3.domain.Conditions;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The conditions of a request, from its {@code If-*} headers or a copy's {@code x-amz-copy-source-if-*}. */
final class ConditionHeaders {

    private ConditionHeaders() {
    }

    /** If-Match, If-None-Match, If-Modified-Since and If-Unmodified-Since. */
    static Conditions of(S3Request request) {
        return new Conditions(request.header("If-Match"), request.header("If-None-Match"),
                date(request.header("If-Modified-Since")), date(request.header("If-Unmodified-Since")));
    }

    /** The conditions of CopyObject and UploadPartCopy on their source. */
    static Conditions copySource(S3Request request) {
        return new Conditions(request.header("x-amz-copy-source-if-match"),
                request.header("x-amz-copy-source-if-none-match"),
                date(request.header("x-amz-copy-source-if-modified-since")),
                date(request.header("x-amz-copy-source-if-unmodified-since")));
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
