package dev.gureum.monitoring.alarms;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A composite alarm: in {@code ALARM} while its rule over other alarms' states is true. Its actions can be
 * suppressed by another alarm ({@code ActionsSuppressor}).
 *
 * @param actionsSuppressedBy {@code WaitPeriod}, {@code ExtensionPeriod}, {@code Alarm}, or {@code null}
 */
public record CompositeAlarm(String account, String region, String name, String arn, String description,
                             boolean actionsEnabled, List<String> okActions, List<String> alarmActions,
                             List<String> insufficientDataActions, String rule, String actionsSuppressor,
                             Integer actionsSuppressorWaitPeriod, Integer actionsSuppressorExtensionPeriod,
                             Map<String, String> tags, Instant configurationUpdated, AlarmStatus status,
                             String actionsSuppressedBy, String actionsSuppressedReason) implements Alarm {

    public CompositeAlarm {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rule, "rule");
        okActions = List.copyOf(okActions);
        alarmActions = List.copyOf(alarmActions);
        insufficientDataActions = List.copyOf(insufficientDataActions);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    @Override
    public String type() {
        return "CompositeAlarm";
    }

    @Override
    public CompositeAlarm withStatus(AlarmStatus newStatus) {
        return new CompositeAlarm(account, region, name, arn, description, actionsEnabled, okActions, alarmActions,
                insufficientDataActions, rule, actionsSuppressor, actionsSuppressorWaitPeriod,
                actionsSuppressorExtensionPeriod, tags, configurationUpdated, newStatus, actionsSuppressedBy,
                actionsSuppressedReason);
    }

    @Override
    public CompositeAlarm withActionsEnabled(boolean enabled) {
        return new CompositeAlarm(account, region, name, arn, description, enabled, okActions, alarmActions,
                insufficientDataActions, rule, actionsSuppressor, actionsSuppressorWaitPeriod,
                actionsSuppressorExtensionPeriod, tags, configurationUpdated, status, actionsSuppressedBy,
                actionsSuppressedReason);
    }

    @Override
    public CompositeAlarm withTags(Map<String, String> newTags) {
        return new CompositeAlarm(account, region, name, arn, description, actionsEnabled, okActions, alarmActions,
                insufficientDataActions, rule, actionsSuppressor, actionsSuppressorWaitPeriod,
                actionsSuppressorExtensionPeriod, newTags, configurationUpdated, status, actionsSuppressedBy,
                actionsSuppressedReason);
    }

    /** The same alarm with its actions suppressed ({@code by} one of AWS's three words) or not ({@code null}). */
    public CompositeAlarm withSuppression(String by, String reason) {
        return new CompositeAlarm(account, region, name, arn, description, actionsEnabled, okActions, alarmActions,
                insufficientDataActions, rule, actionsSuppressor, actionsSuppressorWaitPeriod,
                actionsSuppressorExtensionPeriod, tags, configurationUpdated, status, by, reason);
    }
}
