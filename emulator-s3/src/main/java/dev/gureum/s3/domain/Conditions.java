package dev.gureum.s3.domain;

import java.time.Instant;

/**
 * The conditions of a conditional request: {@code If-Match}, {@code If-None-Match} (lists of ETags, or
 * {@code *}), {@code If-Modified-Since} and {@code If-Unmodified-Since}; any of them may be absent.
 * A copy's {@code x-amz-copy-source-if-*} conditions are the same four, on its source.
 */
public record Conditions(String ifMatch, String ifNoneMatch, Instant ifModifiedSince, Instant ifUnmodifiedSince) {

    /** No condition. */
    public static final Conditions NONE = new Conditions(null, null, null, null);

    /** Only an {@code If-Match}. */
    public static Conditions ifMatch(String etags) {
        return new Conditions(etags, null, null, null);
    }
}
