package dev.gureum.sns.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TopicTest {

    @Test
    void fifoTopicsRememberDeduplicationIdsForFiveMinutes() {
        Topic topic = new Topic("arn:aws:sns:us-east-1:000000000000:t.fifo", "t.fifo", "000000000000", "us-east-1", true);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(topic.duplicateOf("d1", t0)).isNull();
        String seq = topic.nextSequenceNumber();
        topic.remember("d1", new Topic.Published("m1", seq, t0));
        assertThat(topic.duplicateOf("d1", t0.plus(Duration.ofMinutes(4)))).isEqualTo(new Topic.Published("m1", seq, t0));
        assertThat(topic.duplicateOf("d1", t0.plus(Duration.ofMinutes(5)))).isNull();
    }

    @Test
    void sequenceNumbersAreTwentyDigitsAndIncrease() {
        Topic topic = new Topic("arn:aws:sns:us-east-1:000000000000:t.fifo", "t.fifo", "000000000000", "us-east-1", true);
        String first = topic.nextSequenceNumber();
        String second = topic.nextSequenceNumber();
        assertThat(first).hasSize(20).matches("\\d+");
        assertThat(second.compareTo(first)).isPositive();
    }
}
