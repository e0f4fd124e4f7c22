package dev.gureum.sqs.domain;

import dev.gureum.sqs.domain.MessageRules.AttributeInput;
import dev.gureum.sqs.domain.SqsException.Reason;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQS's send rules, as the domain enforces them without any protocol. */
class OutgoingMessageTest {

    private static SqsQueue queue(String name, Map<String, String> attributes) {
        return new SqsQueue(name, "000000000000", "us-east-1", name.endsWith(".fifo"), attributes, Map.of(),
                Clock.systemUTC(), null, arn -> null);
    }

    private static OutgoingMessage send(SqsQueue queue, String body, Map<String, AttributeInput> attributes,
                                        Map<String, AttributeInput> system, Integer delay, String group, String dedup) {
        return OutgoingMessage.of(queue, new OutgoingMessage.Given(body, attributes, system, delay, group, dedup));
    }

    private static Reason reason(Runnable send) {
        try {
            send.run();
        } catch (SqsException e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void fifoNeedsContentBasedDeduplicationOrAnExplicitId() {
        SqsQueue fifo = queue("q.fifo", Map.of());
        assertThat(reason(() -> send(fifo, "a", Map.of(), Map.of(), null, "g", null)))
                .isEqualTo(Reason.DEDUPLICATION_ID_REQUIRED);
        assertThat(send(fifo, "a", Map.of(), Map.of(), null, "g", "d").deduplicationId()).isEqualTo("d");
        SqsQueue contentBased = queue("c.fifo", Map.of(QueueAttributes.CONTENT_BASED_DEDUPLICATION, "true"));
        assertThat(send(contentBased, "a", Map.of(), Map.of(), null, "g", null).deduplicationId())
                .isEqualTo(Deduplication.contentBasedId("a")).hasSize(64);
        assertThat(reason(() -> send(fifo, "a", Map.of(), Map.of(), null, null, "d")))
                .isEqualTo(Reason.GROUP_ID_REQUIRED);
    }

    @Test
    void perMessageDelayIsForStandardQueuesWithinFifteenMinutes() {
        assertThat(reason(() -> send(queue("q.fifo", Map.of()), "a", Map.of(), Map.of(), 5, "g", "d")))
                .isEqualTo(Reason.DELAY_NOT_ALLOWED_ON_FIFO);
        SqsQueue standard = queue("q", Map.of());
        assertThat(reason(() -> send(standard, "a", Map.of(), Map.of(), 901, null, null)))
                .isEqualTo(Reason.DELAY_OUT_OF_RANGE);
        assertThat(send(standard, "a", Map.of(), Map.of(), 900, null, null).delaySeconds()).isEqualTo(900);
        assertThat(reason(() -> send(standard, "a", Map.of(), Map.of(), null, null, "d")))
                .isEqualTo(Reason.DEDUPLICATION_ID_NOT_ALLOWED);
    }

    @Test
    void sizeCountsBodyAndAttributesAgainstTheQueueMaximum() {
        SqsQueue small = queue("q", Map.of(QueueAttributes.MAXIMUM_MESSAGE_SIZE, "1024"));
        Map<String, AttributeInput> attribute = Map.of("k", new AttributeInput("String", "v", () -> null));
        // 1 + 6 + 1 bytes of attribute: a body of 1016 fits, one more byte does not
        assertThat(send(small, "x".repeat(1016), attribute, Map.of(), null, null, null).size())
                .isEqualTo(1024);
        assertThat(reason(() -> send(small, "x".repeat(1017), attribute, Map.of(), null, null, null)))
                .isEqualTo(Reason.MESSAGE_TOO_LONG);
    }

    @Test
    void attributesAreLimitedInNumberNameAndType() {
        SqsQueue standard = queue("q", Map.of());
        Map<String, AttributeInput> eleven = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("a" + i, new AttributeInput("String", "v", () -> null));
        }
        assertThat(reason(() -> send(standard, "a", eleven, Map.of(), null, null, null)))
                .isEqualTo(Reason.TOO_MANY_MESSAGE_ATTRIBUTES);
        assertThat(reason(() -> send(standard, "a",
                Map.of("aws.x", new AttributeInput("String", "v", () -> null)), Map.of(), null, null, null)))
                .isEqualTo(Reason.INVALID_ATTRIBUTE_NAME);
        assertThat(reason(() -> send(standard, "a",
                Map.of("n", new AttributeInput("Number", "ten", () -> null)), Map.of(), null, null, null)))
                .isEqualTo(Reason.ATTRIBUTE_NOT_A_NUMBER);
        assertThat(reason(() -> send(standard, "\u0001", Map.of(), Map.of(), null, null, null)))
                .isEqualTo(Reason.INVALID_CHARACTER);
        assertThatThrownBy(() -> send(standard, "a", Map.of(), Map.of("Other",
                new AttributeInput("String", "v", () -> null)), null, null, null))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SYSTEM_ATTRIBUTE_NAME));
    }
}
