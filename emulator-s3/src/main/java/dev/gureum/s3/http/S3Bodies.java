package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.s3.protocol.AwsChunkedInputStream;
import dev.gureum.s3.protocol.S3Error;

import java.io.InputStream;
import java.util.Locale;

/** How a request body is framed: plain, or {@code aws-chunked} with signatures and trailers. */
final class S3Bodies {

    private S3Bodies() {
    }

    static boolean isAwsChunked(S3Request request) {
        String sha = request.header("x-amz-content-sha256");
        String encoding = request.header("Content-Encoding");
        return sha != null && sha.startsWith("STREAMING-")
                || encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked");
    }

    /** The body with any aws-chunked framing removed. */
    static InputStream decoded(S3Request request) {
        InputStream raw = request.bodyStream();
        if (isAwsChunked(request)) {
            return new AwsChunkedInputStream(raw);
        }
        return raw;
    }

    /** The declared length of the decoded body, or -1 when unknown. */
    static long declaredLength(S3Request request) {
        String decoded = request.header("x-amz-decoded-content-length");
        String length = isAwsChunked(request) ? decoded : request.header("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Invalid content length: " + length);
        }
    }
}
