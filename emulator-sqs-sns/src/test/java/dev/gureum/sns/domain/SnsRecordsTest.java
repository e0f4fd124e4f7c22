package dev.gureum.sns.domain;

import dev.gureum.core.testing.RecordsReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every SNS record type is read back from the journal, and from a snapshot, as it was written. */
class SnsRecordsTest {

    @TempDir
    Path dir;

    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:t";

    static List<Object> all() {
        return List.of(
                new SnsRecords.TopicRecord(TOPIC, "t", "000000000000", "us-east-1", false,
                        Map.of("DisplayName", "T", "Policy", "{}"), Map.of("team", "a"), "{\"Name\":\"p\"}", 2),
                new SnsRecords.TopicRecord(TOPIC + ".fifo", "t.fifo", "000000000000", "us-east-1", true, Map.of(),
                        Map.of(), null, 0),
                new SnsRecords.TopicDeleted(TOPIC),
                new SnsRecords.SubscriptionRecord(TOPIC + ":s1", TOPIC, "000000000000",
                        "arn:aws:iam::000000000000:root", "EMAIL", "a@example.com", "abc", false, false, false,
                        Map.of("FilterPolicy", "{\"a\":[\"b\"]}")),
                new SnsRecords.SubscriptionRecord(TOPIC + ":s2", TOPIC, "000000000000", null, "SQS",
                        "arn:aws:sqs:us-east-1:000000000000:q", null, true, true, true, Map.of()),
                new SnsRecords.SubscriptionDeleted(TOPIC + ":s1"),
                new SnsRecords.ApplicationRecord("arn:aws:sns:us-east-1:000000000000:app/GCM/a", "a", "GCM",
                        Map.of("PlatformCredential", "k")),
                new SnsRecords.ApplicationDeleted("arn:aws:sns:us-east-1:000000000000:app/GCM/a"),
                new SnsRecords.EndpointRecord("arn:aws:sns:us-east-1:000000000000:endpoint/GCM/a/1",
                        "arn:aws:sns:us-east-1:000000000000:app/GCM/a", Map.of("Token", "t", "Enabled", "true")),
                new SnsRecords.EndpointDeleted("arn:aws:sns:us-east-1:000000000000:endpoint/GCM/a/1"),
                new SnsRecords.SmsRecord("000000000000", "us-east-1", Map.of("DefaultSMSType", "Promotional"),
                        List.of("+15555550100"), Map.of("+15555550101", "Verified")));
    }

    @Test
    void everyTypeReadsBackFromTheJournalAndFromASnapshot() {
        List<Object> written = all();
        assertThat(RecordsReplay.fromJournal(dir.resolve("journal"), SnsRecords.TYPES, written)).isEqualTo(written);
        assertThat(RecordsReplay.fromSnapshot(dir.resolve("snapshot"), SnsRecords.TYPES, written)).isEqualTo(written);
    }
}
