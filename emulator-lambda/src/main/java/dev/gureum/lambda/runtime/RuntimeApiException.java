package dev.gureum.lambda.runtime;

/** A Runtime API call that cannot be served: its status and AWS's error document. */
public final class RuntimeApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorType;

    RuntimeApiException(int status, String errorType, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorType = errorType;
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }
}
