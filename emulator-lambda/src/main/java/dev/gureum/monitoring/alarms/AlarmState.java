package dev.gureum.monitoring.alarms;

/** The three states of a CloudWatch alarm, with their wire names. */
public enum AlarmState {
    OK, ALARM, INSUFFICIENT_DATA;

    /** The state named {@code value} as AWS spells it, or {@code null}. */
    public static AlarmState of(String value) {
        for (AlarmState s : values()) {
            if (s.name().equals(value)) {
                return s;
            }
        }
        return null;
    }
}
