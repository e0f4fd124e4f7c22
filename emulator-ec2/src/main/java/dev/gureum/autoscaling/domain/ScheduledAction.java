package dev.gureum.autoscaling.domain;

import java.time.Instant;

/**
 * A scheduled action of a group: sizes to set once at {@code startTime}, or on each time of {@code recurrence} (a
 * cron expression in UTC or {@code timeZone}) between {@code startTime} and {@code endTime}.
 *
 * @param nextRun when it runs next, as {@code DescribeScheduledActions} shows in {@code StartTime}
 */
public record ScheduledAction(String arn, String account, String region, String groupName, String name,
                              Instant startTime, Instant endTime, String recurrence, Integer minSize, Integer maxSize,
                              Integer desiredCapacity, String timeZone, Instant nextRun)
        implements AutoScalingStore.Extension {

    static String key(String account, String region, String groupName, String name) {
        return "scheduled|" + AutoScalingStore.key(account, region, groupName) + "|" + name;
    }

    @Override
    public String key() {
        return key(account, region, groupName, name);
    }

    ScheduledAction withNextRun(Instant next) {
        return new ScheduledAction(arn, account, region, groupName, name, startTime, endTime, recurrence, minSize,
                maxSize, desiredCapacity, timeZone, next);
    }
}
