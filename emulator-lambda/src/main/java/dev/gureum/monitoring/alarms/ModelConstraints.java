package dev.gureum.monitoring.alarms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The constraints of the API model on a request's members (lengths, ranges, enumerations, list sizes), collected
 * and reported at once as AWS reports them: {@code ValidationError} "2 validation errors detected: Value '0' at
 * 'evaluationPeriods' failed to satisfy constraint: Member must have value greater than or equal to 1; ...".
 * Members are named as AWS names them, in lower camel case.
 */
public final class ModelConstraints {

    private final List<String> messages = new ArrayList<>();

    public void length(String member, String value, int min, int max) {
        if (value != null && (value.length() < min || value.length() > max)) {
            add("Value '" + value + "' at '" + member + "' failed to satisfy constraint: Member must have length "
                    + (value.length() < min ? "greater than or equal to " + min : "less than or equal to " + max));
        }
    }

    public void atLeast(String member, Integer value, int min) {
        if (value != null && value < min) {
            add("Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        }
    }

    public void atMost(String member, Integer value, int max) {
        if (value != null && value > max) {
            add("Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
    }

    public void oneOf(String member, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add("Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
        }
    }

    public void listSize(String member, List<?> values, int max) {
        if (values.size() > max) {
            add("Value '" + values + "' at '" + member
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
    }

    public void add(String message) {
        messages.add(message);
    }

    /** @throws AlarmRefusal ({@code ValidationError}) when a constraint is broken */
    public void check() {
        if (!messages.isEmpty()) {
            throw new AlarmRefusal(AlarmRefusal.Reason.VALIDATION, messages.size() + " validation error"
                    + (messages.size() == 1 ? "" : "s") + " detected: " + String.join("; ", messages));
        }
    }
}
