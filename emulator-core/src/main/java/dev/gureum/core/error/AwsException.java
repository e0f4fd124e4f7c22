package dev.gureum.core.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An error answered to the client: an {@link AwsError} with a message, rendered by the protocol of
 * the service that raised it. Extra fields (for example S3's {@code BucketName}) travel in
 * {@link #details()} and are rendered where the protocol has room for them.
 */
public class AwsException extends RuntimeException {

    private final AwsError error;
    private final Map<String, String> details = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public AwsException(AwsError error, String message) {
        super(message, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
    }

    public AwsException(AwsError error, String message, Throwable cause) {
        super(message, cause, false, false);
        this.error = Objects.requireNonNull(error, "error");
    }

    public AwsError error() {
        return error;
    }

    public String code() {
        return error.code();
    }

    public int status() {
        return error.status();
    }

    /** Adds an extra element to the error body (XML protocols) or field (JSON protocols). */
    public AwsException detail(String name, String value) {
        if (value != null) {
            details.put(name, value);
        }
        return this;
    }

    /** Adds a response header sent with the error (for example {@code x-amz-delete-marker}). */
    public AwsException header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    public Map<String, String> details() {
        return details;
    }

    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return error.code() + " (" + error.status() + "): " + getMessage();
    }
}
