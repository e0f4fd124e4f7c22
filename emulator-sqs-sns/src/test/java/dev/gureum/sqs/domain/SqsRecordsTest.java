package dev.gureum.sqs.domain;

import dev.gureum.core.testing.RecordsReplay;
import dev.gureum.core.spi.MessageAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every SQS record type is read back from the journal, and from a snapshot, as it was written. */
class SqsRecordsTest {

    @TempDir
    Path dir;

    private static final Instant AT = Instant.parse("2026-12-07T10:15:30.123456789Z");
    private static final String ARN = "arn:aws:sqs:us-east-1:000000000000:q";

    static List<Object> all() {
        SqsRecords.MessageRecord full = new SqsRecords.MessageRecord(ARN, "m-1", "body 구름",
                Map.of("s", MessageAttribute.string("v"), "b", new MessageAttribute("Binary.x", null, new byte[]{1, -2})),
                Map.of("AWSTraceHeader", MessageAttribute.string("Root=1")), "md5b", "md5a", "md5s", AT, "000000000000",
                "g", "d", "00000000000000000001", "arn:aws:sqs:us-east-1:000000000000:src", AT.plusSeconds(30), 2,
                AT.plusSeconds(1), "token", true, "d");
        SqsRecords.MessageRecord bare = new SqsRecords.MessageRecord(ARN, "m-2", "b", Map.of(), Map.of(), "m", null, null,
                AT, "s", null, null, null, null, AT, 0, null, null, false, null);
        return List.of(
                new SqsRecords.QueueRecord("000000000000", "us-east-1", "q", true, Map.of("VisibilityTimeout", "30"),
                        Map.of("team", "a"), List.of(new QueuePermission("l", List.of("1"), List.of("SendMessage"))),
                        new RedrivePolicy(ARN + "-dlq", 3), AT, AT.plusSeconds(5), 42L, AT),
                new SqsRecords.QueueRecord("000000000000", "eu-west-1", "r", false, Map.of(), Map.of(), List.of(), null,
                        AT, AT, 0L, null),
                new SqsRecords.QueueDeleted("000000000000", "us-east-1", "gone", AT),
                full, bare,
                new SqsRecords.MessageState(ARN, "m-1", "t", AT, 3, AT, true),
                new SqsRecords.MessageState(ARN, "m-2", null, AT, 0, null, false),
                new SqsRecords.MessageDeleted(ARN, "m-1"),
                new SqsRecords.MessageMoved(ARN + "-src", "m-0", bare),
                new SqsRecords.QueuePurged(ARN, AT),
                new SqsRecords.DeduplicationEntry(ARN, "g\u0000d", "m-1", "00000000000000000001", AT),
                new SqsRecords.DeduplicationEntry(ARN, "d", "m-3", null, AT),
                new SqsRecords.MoveTask(new MessageMoveTasks.Task("h", ARN, null, null, "COMPLETED", 1, 2, null, AT)),
                new SqsRecords.MoveTask(new MessageMoveTasks.Task("h2", ARN, ARN + "-d", 10, "FAILED", 0, 0, "x", AT)));
    }

    @Test
    void everyTypeReadsBackFromTheJournalAndFromASnapshot() {
        List<Object> written = all();
        assertThat(RecordsReplay.fromJournal(dir.resolve("journal"), SqsRecords.TYPES, written))
                .usingRecursiveComparison().isEqualTo(written);
        assertThat(RecordsReplay.fromSnapshot(dir.resolve("snapshot"), SqsRecords.TYPES, written))
                .usingRecursiveComparison().isEqualTo(written);
    }
}
