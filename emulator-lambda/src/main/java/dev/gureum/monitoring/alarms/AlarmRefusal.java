package dev.gureum.monitoring.alarms;

/** A request about alarms that CloudWatch refuses, with the reason its error code follows from. */
public final class AlarmRefusal extends RuntimeException {

    /** Why; one AWS error each. */
    public enum Reason {
        /** A member breaks a constraint of the API model ({@code ValidationError}). */
        VALIDATION,
        INVALID_PARAMETER_VALUE,
        INVALID_PARAMETER_COMBINATION,
        MISSING_PARAMETER,
        LIMIT_EXCEEDED,
        /** An alarm named in SetAlarmState, DeleteAlarms... does not exist ({@code ResourceNotFound}). */
        ALARM_NOT_FOUND,
        /** A resource named by ARN in the tagging operations does not exist ({@code ResourceNotFoundException}). */
        RESOURCE_NOT_FOUND,
        INVALID_FORMAT,
        INVALID_NEXT_TOKEN
    }

    private final Reason reason;

    public AlarmRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
