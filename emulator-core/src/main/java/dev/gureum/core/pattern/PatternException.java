package dev.gureum.core.pattern;

/**
 * A pattern AWS would refuse. The reason says which rule it breaks; the message is the one AWS
 * answers under the pattern's dialect (SNS shows it after {@code FilterPolicy: }, Lambda answers one
 * message for every refusal).
 */
public final class PatternException extends Exception {

    public enum Reason {
        /** Not JSON at all. */
        MALFORMED_JSON,
        /** JSON, but not an object. */
        NOT_AN_OBJECT,
        /** Longer than the dialect allows. */
        TOO_LARGE,
        /** More top-level keys than the dialect allows. */
        TOO_MANY_KEYS,
        /** More combinations of values than the dialect allows. */
        TOO_COMPLEX,
        /** Nested properties where the dialect only has flat keys (SNS's message-attributes scope). */
        NESTED_KEYS,
        /** A value, operator or operand the language does not accept. */
        INVALID_MATCH
    }

    private final Reason reason;

    PatternException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    static PatternException invalid(String message) {
        return new PatternException(Reason.INVALID_MATCH, message);
    }

    public Reason reason() {
        return reason;
    }
}
