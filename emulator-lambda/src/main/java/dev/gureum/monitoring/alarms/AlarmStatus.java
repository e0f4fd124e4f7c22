package dev.gureum.monitoring.alarms;

import java.time.Instant;
import java.util.Objects;

/**
 * An alarm's state as {@code DescribeAlarms} shows it.
 *
 * @param updated when the state or its reason last changed ({@code StateUpdatedTimestamp})
 * @param transitioned when the state value last changed ({@code StateTransitionedTimestamp})
 */
public record AlarmStatus(AlarmState value, String reason, String reasonData, Instant updated, Instant transitioned) {

    /** What AWS answers for an alarm not evaluated yet. */
    public static final String INITIAL_REASON = "Unchecked: Initial alarm creation";

    public AlarmStatus {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(transitioned, "transitioned");
    }

    public static AlarmStatus initial(Instant now) {
        return new AlarmStatus(AlarmState.INSUFFICIENT_DATA, INITIAL_REASON, null, now, now);
    }
}
