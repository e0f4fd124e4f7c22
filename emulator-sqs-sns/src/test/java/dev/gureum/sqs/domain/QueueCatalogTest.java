package dev.gureum.sqs.domain;

import dev.gureum.sqs.domain.SqsException.Reason;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The queue API's rules (names, redrive policies, tags, permissions) without any protocol. */
class QueueCatalogTest {

    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";

    private final QueueStore store = new QueueStore();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    /** Reads "target,count" as a document, so the domain's checks are tested apart from JSON. */
    private final QueueCatalog catalog = new QueueCatalog(store, clock, null, text -> {
        if (!text.contains(",")) {
            throw new SqsException(Reason.REDRIVE_POLICY_NOT_A_MAP);
        }
        String[] parts = text.split(",", -1);
        return new RedrivePolicy.Document(parts[0].isEmpty() ? null : parts[0], parts[1].isEmpty() ? null : parts[1]);
    });

    private static Reason reason(Runnable call) {
        try {
            call.run();
        } catch (SqsException e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    private SqsQueue create(String name, Map<String, String> attributes) {
        return catalog.create(ACCOUNT, REGION, name, attributes, Map.of());
    }

    @Test
    void queueNamesFollowTheirType() {
        QueueName.check("a-b_c", false);
        QueueName.check("q".repeat(75) + ".fifo", true);
        assertThatThrownBy(() -> QueueName.check("q".repeat(81), false)).isInstanceOfSatisfying(SqsException.class,
                e -> assertThat(e.details()).containsExactly("false"));
        assertThatThrownBy(() -> QueueName.check("q.fifo", false)).isInstanceOfSatisfying(SqsException.class,
                e -> assertThat(e.details()).containsExactly("true"));
        assertThat(reason(() -> QueueName.check("q", true))).isEqualTo(Reason.INVALID_QUEUE_NAME);
        assertThat(reason(() -> QueueName.check("q".repeat(76) + ".fifo", true))).isEqualTo(Reason.INVALID_QUEUE_NAME);
        assertThat(reason(() -> QueueName.check("with space", false))).isEqualTo(Reason.INVALID_QUEUE_NAME);
        assertThat(reason(() -> create("q.fifo", Map.of()))).isEqualTo(Reason.INVALID_QUEUE_NAME);
        assertThat(create("q.fifo", Map.of("FifoQueue", "true")).isFifo()).isTrue();
    }

    @Test
    void createIsIdempotentOnlyForTheSameAttributes() {
        SqsQueue first = create("same", Map.of("VisibilityTimeout", "30"));
        assertThat(create("same", Map.of())).isSameAs(first);
        // a default counts as given
        assertThat(create("same", Map.of("DelaySeconds", "0"))).isSameAs(first);
        assertThatThrownBy(() -> create("same", Map.of("DelaySeconds", "5"))).isInstanceOfSatisfying(
                SqsException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.QUEUE_NAME_EXISTS);
                    assertThat(e.details()).containsExactly("DelaySeconds");
                });
        store.remove(first, clock.instant());
        assertThat(reason(() -> create("same", Map.of()))).isEqualTo(Reason.QUEUE_DELETED_RECENTLY);
    }

    @Test
    void redrivePoliciesNeedAnExistingDeadLetterQueueOfTheSameTypeAndRegion() {
        SqsQueue dlq = create("dlq", Map.of());
        SqsQueue fifoDlq = create("dlq.fifo", Map.of("FifoQueue", "true"));
        SqsQueue elsewhere = catalog.create(ACCOUNT, "eu-west-1", "far", Map.of(), Map.of());
        assertThat(reason(() -> create("a", Map.of("RedrivePolicy", "{}")))).isEqualTo(Reason.REDRIVE_POLICY_NOT_A_MAP);
        assertThat(reason(() -> create("a", Map.of("RedrivePolicy", ",5"))))
                .isEqualTo(Reason.REDRIVE_POLICY_MEMBER_MISSING);
        assertThat(reason(() -> create("a", Map.of("RedrivePolicy", dlq.arn() + ",0"))))
                .isEqualTo(Reason.MAX_RECEIVE_COUNT_OUT_OF_RANGE);
        assertThat(reason(() -> create("a", Map.of("RedrivePolicy", dlq.arn() + "x,5"))))
                .isEqualTo(Reason.DEAD_LETTER_TARGET_NOT_FOUND);
        assertThat(reason(() -> create("a", Map.of("RedrivePolicy", fifoDlq.arn() + ",5"))))
                .isEqualTo(Reason.DEAD_LETTER_TARGET_OF_OTHER_TYPE);
        assertThat(reason(() -> create("a", Map.of("RedrivePolicy", elsewhere.arn() + ",5"))))
                .isEqualTo(Reason.DEAD_LETTER_TARGET_IN_OTHER_REGION);

        SqsQueue source = create("a", Map.of("RedrivePolicy", dlq.arn() + ",5"));
        assertThat(source.redrivePolicy()).isEqualTo(new RedrivePolicy(dlq.arn(), 5));
        assertThat(catalog.deadLetterSources(dlq)).containsExactly(source);
        assertThat(catalog.deadLetterSources(source)).isEmpty();
        // an empty policy removes it
        catalog.setAttributes(source, Map.of("RedrivePolicy", ""), REGION);
        assertThat(source.redrivePolicy()).isNull();
        assertThat(catalog.deadLetterSources(dlq)).isEmpty();
    }

    @Test
    void maxReceiveCountIsAnIntegerFromOneToAThousand() {
        assertThat(RedrivePolicy.of(new RedrivePolicy.Document("arn", "1000")).maxReceiveCount()).isEqualTo(1000);
        assertThatThrownBy(() -> RedrivePolicy.of(new RedrivePolicy.Document("arn", "five")))
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MAX_RECEIVE_COUNT_INVALID);
                    assertThat(e.details()).containsExactly("five");
                });
        assertThat(reason(() -> RedrivePolicy.of(new RedrivePolicy.Document("arn", "1001"))))
                .isEqualTo(Reason.MAX_RECEIVE_COUNT_OUT_OF_RANGE);
        assertThatThrownBy(() -> RedrivePolicy.of(new RedrivePolicy.Document("arn", null)))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.details()).containsExactly("maxReceiveCount"));
    }

    @Test
    void tagsAreLimitedInNumberAndLength() {
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        SqsQueue queue = catalog.create(ACCOUNT, REGION, "tagged", Map.of(), fifty);
        assertThatThrownBy(() -> QueueCatalog.tag(queue, Map.of("one-more", "v")))
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_TAGS);
                    assertThat(e.details()).containsExactly("tagged");
                });
        // replacing a value adds no tag
        QueueCatalog.tag(queue, Map.of("k1", "changed"));
        assertThat(queue.tags()).containsEntry("k1", "changed").hasSize(50);
        Map<String, String> fiftyOne = new HashMap<>(fifty);
        fiftyOne.put("k50", "v");
        assertThatThrownBy(() -> QueueTags.check(fiftyOne)).isInstanceOfSatisfying(SqsException.class,
                e -> assertThat(e.details()).isEmpty());
        assertThat(reason(() -> QueueTags.check(Map.of("", "v")))).isEqualTo(Reason.INVALID_TAG);
        assertThat(reason(() -> QueueTags.check(Map.of("k".repeat(129), "v")))).isEqualTo(Reason.INVALID_TAG);
        assertThat(reason(() -> QueueTags.check(Map.of("k", "v".repeat(257))))).isEqualTo(Reason.INVALID_TAG);
        assertThat(reason(() -> QueueCatalog.tag(queue, Map.of()))).isEqualTo(Reason.PARAMETER_MISSING);
        assertThat(reason(() -> QueueCatalog.untag(queue, List.of()))).isEqualTo(Reason.PARAMETER_MISSING);
        QueueCatalog.untag(queue, List.of("k1", "k2"));
        assertThat(queue.tags()).hasSize(48).doesNotContainKey("k1");
    }

    @Test
    void permissionsHaveOneLabelEachAndNameAccountsAndActions() {
        SqsQueue queue = create("shared", Map.of());
        assertThat(reason(() -> QueuePermission.of("bad label", List.of("1"), List.of("SendMessage"))))
                .isEqualTo(Reason.PERMISSION_LABEL_INVALID);
        assertThatThrownBy(() -> QueuePermission.of("l", List.of(), List.of("SendMessage")))
                .isInstanceOfSatisfying(SqsException.class, e -> assertThat(e.details()).containsExactly("AWSAccountIds"));
        assertThatThrownBy(() -> QueuePermission.of("l", List.of("1"), List.of()))
                .isInstanceOfSatisfying(SqsException.class, e -> assertThat(e.details()).containsExactly("Actions"));
        QueuePermission grant = QueuePermission.of("l", List.of("111111111111"), List.of("SendMessage"));
        queue.addPermission(grant);
        assertThat(reason(() -> queue.addPermission(grant))).isEqualTo(Reason.PERMISSION_LABEL_EXISTS);
        assertThat(queue.permissions()).containsExactly(Map.entry("l", grant));
        queue.removePermission("l");
        assertThat(reason(() -> queue.removePermission("l"))).isEqualTo(Reason.PERMISSION_LABEL_NOT_FOUND);
    }

    @Test
    void getQueueAttributesRefusesUnknownNames() {
        SqsQueue queue = create("attrs", Map.of("DelaySeconds", "5"));
        assertThat(QueueCatalog.attributes(queue, List.of("DelaySeconds", "QueueArn")))
                .containsOnlyKeys("DelaySeconds", "QueueArn").containsEntry("DelaySeconds", "5");
        assertThat(QueueCatalog.attributes(queue, List.of("All"))).containsKeys("VisibilityTimeout",
                "SqsManagedSseEnabled", "ApproximateNumberOfMessages");
        assertThat(reason(() -> QueueCatalog.attributes(queue, List.of("Nope")))).isEqualTo(Reason.UNKNOWN_QUEUE_ATTRIBUTE);
    }

    @Test
    void messageMoveTasksStartOnDeadLetterQueuesOnly() {
        MessageMoveTasks tasks = new MessageMoveTasks(store, clock);
        SqsQueue dlq = create("moves-dlq", Map.of());
        SqsQueue source = create("moves", Map.of("RedrivePolicy", dlq.arn() + ",3"));
        assertThat(reason(() -> tasks.start(source, null, null))).isEqualTo(Reason.NOT_A_DEAD_LETTER_QUEUE);
        assertThatThrownBy(() -> tasks.start(dlq, null, 501)).isInstanceOfSatisfying(SqsException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.MOVE_RATE_OUT_OF_RANGE);
            assertThat(e.details()).containsExactly("501");
        });
        assertThat(tasks.start(dlq, null, 500).toCompletableFuture().join().status()).isEqualTo("COMPLETED");
        assertThat(tasks.list(dlq.arn(), 10)).hasSize(1);
        assertThat(reason(() -> tasks.list(dlq.arn(), 11))).isEqualTo(Reason.MOVE_TASK_LIST_LIMIT_OUT_OF_RANGE);
        assertThat(reason(() -> QueueCatalog.checkListLimit(0))).isEqualTo(Reason.LIST_LIMIT_OUT_OF_RANGE);
        QueueCatalog.checkListLimit(null);
        QueueCatalog.checkListLimit(1000);
    }
}
