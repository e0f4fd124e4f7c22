package dev.gureum.monitoring.alarms;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A metric alarm or a composite alarm: what both have. */
public sealed interface Alarm permits MetricAlarm, CompositeAlarm {

    String account();

    String region();

    String name();

    String arn();

    String description();

    boolean actionsEnabled();

    List<String> okActions();

    List<String> alarmActions();

    List<String> insufficientDataActions();

    Map<String, String> tags();

    Instant configurationUpdated();

    AlarmStatus status();

    Alarm withStatus(AlarmStatus status);

    Alarm withActionsEnabled(boolean enabled);

    Alarm withTags(Map<String, String> tags);

    /** {@code MetricAlarm} or {@code CompositeAlarm}, as {@code AlarmTypes} and history items name them. */
    String type();

    /** The actions of a transition into {@code state}. */
    default List<String> actionsFor(AlarmState state) {
        return switch (state) {
            case OK -> okActions();
            case ALARM -> alarmActions();
            case INSUFFICIENT_DATA -> insufficientDataActions();
        };
    }
}
