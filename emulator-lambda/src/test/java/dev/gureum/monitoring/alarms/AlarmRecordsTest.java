package dev.gureum.monitoring.alarms;

import dev.gureum.core.testing.RecordsReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CloudWatch alarm records written and read back, from a journal and from a snapshot. */
class AlarmRecordsTest {

    @TempDir
    Path dir;

    static final Instant T = Instant.parse("2026-12-07T12:00:00Z");

    static List<Object> records() {
        MetricStat stat = new MetricStat("AWS/SQS", "NumberOfMessagesSent",
                List.of(new MetricStat.Dimension("QueueName", "work")), 60, "Sum", "Count");
        MetricAlarm single = new MetricAlarm("123456789012", "eu-west-1", "depth", "arn:depth", "deep ☁", true,
                List.of("arn:ok"), List.of("arn:a1", "arn:a2"), List.of(), "AWS/SQS", "ApproximateNumberOfMessagesVisible",
                stat.dimensions(), "Average", null, 60, "Count", 3, 2, 100.5,
                ComparisonOperator.GREATER_THAN_THRESHOLD, TreatMissingData.NOT_BREACHING, null, List.of(), null,
                Map.of("team", "ops"), T, new AlarmStatus(AlarmState.ALARM, "reason", "{\"a\":1}", T, T.minusSeconds(5)));
        MetricAlarm math = new MetricAlarm("123456789012", "eu-west-1", "math", "arn:math", null, false, List.of(),
                List.of(), List.of("arn:i"), null, null, List.of(), null, null, null, null, 1, null, null,
                ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD, null, "ignore",
                List.of(new AlarmQuery("m1", stat, null, "sent", false, null, null),
                        new AlarmQuery("ad1", null, "ANOMALY_DETECTION_BAND(m1, 2)", null, true, 60, "123456789012")),
                "ad1", Map.of(), T, AlarmStatus.initial(T));
        CompositeAlarm composite = new CompositeAlarm("123456789012", "eu-west-1", "both", "arn:both", "d", true,
                List.of(), List.of("arn:topic"), List.of(), "ALARM(depth) AND ALARM(math)", "arn:depth", 60, 120,
                Map.of("k", "v"), T, AlarmStatus.initial(T), "WaitPeriod", "waiting");
        return List.of(single, math, composite, new AlarmRecords.AlarmDeleted("123456789012", "eu-west-1", "old"),
                new AlarmHistoryItem("123456789012", "eu-west-1", 7, "depth", "MetricAlarm", T, "StateUpdate",
                        "Alarm updated from OK to ALARM", "{\"version\":\"1.0\"}"));
    }

    @Test
    void everyRecordTypeReadsBackFromAJournal() {
        assertThat(RecordsReplay.fromJournal(dir, AlarmRecords.TYPES, records())).isEqualTo(records());
    }

    @Test
    void everyRecordTypeReadsBackFromASnapshot() {
        assertThat(RecordsReplay.fromSnapshot(dir, AlarmRecords.TYPES, records())).isEqualTo(records());
    }
}
