package dev.gureum.monitoring.dashboards;

import java.util.List;

/** A dashboard request refused, with AWS's message and, for a body, its validation messages. */
public final class DashboardException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** {@code InvalidParameterInput}: the body or the name does not pass validation */
        INVALID_INPUT,
        /** {@code InvalidParameterValue} */
        INVALID_VALUE,
        /** {@code ResourceNotFound} */
        NOT_FOUND
    }

    private final Reason reason;
    private final List<DashboardRules.ValidationMessage> messages;

    public DashboardException(Reason reason, String message, List<DashboardRules.ValidationMessage> messages) {
        super(message, null, false, false);
        this.reason = reason;
        this.messages = List.copyOf(messages);
    }

    public Reason reason() {
        return reason;
    }

    public List<DashboardRules.ValidationMessage> messages() {
        return messages;
    }
}
