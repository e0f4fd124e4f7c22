package dev.gureum.monitoring.metrics;

/** A request the metrics service refuses, with AWS's message; the protocol maps the reason to AWS's code. */
public final class MetricException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why, as AWS's error codes tell it apart. */
    public enum Reason {
        /** {@code InvalidParameterValue} */
        INVALID_VALUE,
        /** {@code InvalidParameterCombination} */
        INVALID_COMBINATION,
        /** {@code MissingParameter} */
        MISSING,
        /** {@code InvalidNextToken} */
        INVALID_NEXT_TOKEN,
        /** {@code ValidationError}: what GetMetricData refuses */
        VALIDATION
    }

    private final Reason reason;

    public MetricException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static MetricException invalid(String message) {
        return new MetricException(Reason.INVALID_VALUE, message);
    }

    static MetricException invalidValue(Object value, String parameter) {
        return invalid("The value " + value + " for parameter " + parameter + " is invalid.");
    }

    /** {@code MissingParameter} for the protocol's own checks of nested members. */
    public static MetricException missingParameter(String parameter) {
        return missing(parameter);
    }

    static MetricException missing(String parameter) {
        return new MetricException(Reason.MISSING, "The parameter " + parameter + " is required.");
    }

    /** {@code ValidationError}, also for the checks of metric math. */
    public static MetricException validation(String message) {
        return new MetricException(Reason.VALIDATION, message);
    }

    static MetricException combination(String message) {
        return new MetricException(Reason.INVALID_COMBINATION, message);
    }
}
