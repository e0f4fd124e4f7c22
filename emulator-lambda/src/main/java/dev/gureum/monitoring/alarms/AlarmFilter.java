package dev.gureum.monitoring.alarms;

import java.util.List;
import java.util.Set;

/**
 * {@code DescribeAlarms}' filters. Without {@code types}, only metric alarms are listed, as on AWS;
 * {@code childrenOf} and {@code parentsOf} list both kinds.
 */
public record AlarmFilter(List<String> names, String namePrefix, Set<String> types, String childrenOf,
                          String parentsOf, AlarmState state, String actionPrefix) {

    public AlarmFilter {
        names = List.copyOf(names);
        types = Set.copyOf(types);
    }

    /** Whether an alarm of {@code type} ({@code MetricAlarm}, {@code CompositeAlarm}) is listed. */
    boolean lists(String type) {
        if (childrenOf != null || parentsOf != null) {
            return true;
        }
        return types.isEmpty() ? type.equals("MetricAlarm") : types.contains(type);
    }
}
