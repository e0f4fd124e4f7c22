package dev.gureum.monitoring.alarms;

import java.time.Instant;
import java.util.Objects;

/**
 * One item of an alarm's history ({@code DescribeAlarmHistory}), kept after the alarm is deleted, as AWS keeps it.
 *
 * @param id orders items of one account and region; later items have larger ids
 * @param itemType {@code ConfigurationUpdate}, {@code StateUpdate} or {@code Action}
 * @param data the JSON AWS writes as {@code HistoryData}
 */
public record AlarmHistoryItem(String account, String region, long id, String alarmName, String alarmType,
                               Instant timestamp, String itemType, String summary, String data) {

    public AlarmHistoryItem {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(alarmName, "alarmName");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(itemType, "itemType");
    }
}
