package dev.gureum.s3.select;

/**
 * A refusal of S3 Select, with the error code S3 answers it with ({@code ParseUnexpectedToken},
 * {@code CastFailed}, {@code MissingHeaders}...): all of them are the caller's fault (400).
 */
public final class SelectException extends RuntimeException {

    private final String code;

    public SelectException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** S3's error code. */
    public String code() {
        return code;
    }

    static SelectException unexpectedToken(String token) {
        return new SelectException("ParseUnexpectedToken",
                "The SQL expression contains an unexpected token" + (token == null ? "." : ": " + token));
    }

    static SelectException castFailed() {
        return new SelectException("CastFailed",
                "Attempt to convert from one data type to another using CAST failed in the SQL expression.");
    }

    static SelectException invalidArguments(String function) {
        return new SelectException("EvaluatorInvalidArguments",
                "Incorrect number of arguments in the function call in the SQL expression: " + function);
    }

    static SelectException argumentType(String function) {
        return new SelectException("IncorrectSqlFunctionArgumentType",
                "Incorrect type of arguments in function call in the SQL expression: " + function);
    }
}
