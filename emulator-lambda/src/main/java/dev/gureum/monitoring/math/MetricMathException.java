package dev.gureum.monitoring.math;

/**
 * A metric math expression that cannot be parsed or evaluated. The message is the reason alone
 * ({@code Unknown function: FOO at position 1}); {@link #messageFor(String)} words it as CloudWatch
 * does for the query it belongs to ({@code Error in expression 'e1': ...}). Every reason is a client
 * error (CloudWatch's {@code ValidationError}); the reason tells them apart for tests and logs.
 */
public final class MetricMathException extends RuntimeException {

    /** Why an expression was refused. */
    public enum Reason {
        /** The text is not an expression: a stray character, a missing parenthesis, a misplaced word. */
        SYNTAX,
        /** An upper-case name that is no metric math function or keyword. */
        UNKNOWN_FUNCTION,
        /** A function called with a wrong number or kind of arguments. */
        INVALID_ARGUMENTS,
        /** An id that names no query of the request. */
        UNKNOWN_ID,
        /** Expressions that depend on their own results, directly or through others. */
        CIRCULAR_REFERENCE,
        /** A function of CloudWatch that Gureum does not emulate (Contributor Insights, anomaly detection...). */
        UNSUPPORTED,
        /** The expression's result is a number, not a time series or an array of time series. */
        SCALAR_RESULT
    }

    private final Reason reason;
    private final int position;
    private final String queryId;

    /**
     * @param position where in the expression the problem is, counted from 1; 0 when it concerns the
     *                 whole expression
     */
    public MetricMathException(Reason reason, String message, int position) {
        this(reason, position > 0 ? message + " at position " + position : message, position, null);
    }

    private MetricMathException(Reason reason, String message, int position, String queryId) {
        super(message);
        this.reason = reason;
        this.position = position;
        this.queryId = queryId;
    }

    public MetricMathException(Reason reason, String message) {
        this(reason, message, 0);
    }

    public Reason reason() {
        return reason;
    }

    /** Where in the expression the problem is, counted from 1; 0 when it concerns the whole expression. */
    public int position() {
        return position;
    }

    /** This problem, as found in the expression of the query with this id. */
    public MetricMathException inQuery(String id) {
        return new MetricMathException(reason, getMessage(), position, id);
    }

    /** The id of the query whose expression has the problem, when known (see {@link #inQuery}); else {@code null}. */
    public String queryId() {
        return queryId;
    }

    /**
     * The message for the client: {@link #messageFor} the query when it is known, the reason alone
     * otherwise.
     */
    public String clientMessage() {
        return queryId == null ? getMessage() : messageFor(queryId);
    }

    /** The message CloudWatch gives for this problem in the query with this id. */
    public String messageFor(String queryId) {
        return "Error in expression '" + queryId + "': " + getMessage();
    }
}
