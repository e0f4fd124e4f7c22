package dev.gureum.sqs.domain;

import dev.gureum.core.time.Timers;
import dev.gureum.sqs.domain.SqsException.Reason;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queue API's rules over the {@link QueueStore}: creating a queue (name, attributes, redrive policy,
 * tags, the minute a deleted name stays taken), changing its attributes, tags and permissions, and the
 * dead-letter relations between queues.
 */
public final class QueueCatalog {

    private final QueueStore store;
    private final Clock clock;
    private final Timers scheduler;
    private final RedrivePolicy.Reader redrivePolicies;

    /** @param redrivePolicies reads a {@code RedrivePolicy}'s JSON text */
    public QueueCatalog(QueueStore store, Clock clock, Timers scheduler,
                        RedrivePolicy.Reader redrivePolicies) {
        this.store = store;
        this.clock = clock;
        this.scheduler = scheduler;
        this.redrivePolicies = redrivePolicies;
    }

    /**
     * CreateQueue: the new queue, or the existing one of that name when the attributes given match its own
     * (or their defaults).
     */
    public SqsQueue create(String accountId, String region, String name, Map<String, String> attributes,
                           Map<String, String> tags) {
        boolean fifo = "true".equals(attributes.get(QueueAttributes.FIFO_QUEUE));
        QueueName.check(name, fifo);
        QueueAttributes.validate(attributes, fifo, true);
        RedrivePolicy redrive = redrivePolicy(attributes.get(QueueAttributes.REDRIVE_POLICY), fifo, region);
        QueueTags.check(tags);
        Instant now = clock.instant();
        if (store.deletedAt(accountId, region, name, now) != null) {
            throw new SqsException(Reason.QUEUE_DELETED_RECENTLY);
        }
        SqsQueue created = new SqsQueue(name, accountId, region, fifo, attributes, tags, clock, scheduler, store);
        created.redrivePolicy(redrive);
        SqsQueue holder = store.putIfAbsent(created);
        if (holder != created) {
            Map<String, String> existing = holder.settableAttributes();
            Map<String, String> defaults = QueueAttributes.defaults(holder.isFifo());
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                String current = existing.getOrDefault(e.getKey(), defaults.get(e.getKey()));
                if (!e.getValue().equals(current)) {
                    throw new SqsException(Reason.QUEUE_NAME_EXISTS, e.getKey());
                }
            }
        }
        return holder;
    }

    /**
     * Checks a RedrivePolicy: well-formed, and its dead-letter queue exists, is of the same type and in
     * the same region.
     *
     * @return the policy, {@code null} for none (no text, or empty text)
     */
    private RedrivePolicy redrivePolicy(String json, boolean fifo, String region) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        RedrivePolicy policy = RedrivePolicy.of(redrivePolicies.read(json));
        SqsQueue target = store.byArn(policy.deadLetterTargetArn());
        if (target == null) {
            throw new SqsException(Reason.DEAD_LETTER_TARGET_NOT_FOUND);
        }
        if (target.isFifo() != fifo) {
            throw new SqsException(Reason.DEAD_LETTER_TARGET_OF_OTHER_TYPE);
        }
        if (!target.region().equals(region)) {
            throw new SqsException(Reason.DEAD_LETTER_TARGET_IN_OTHER_REGION);
        }
        return policy;
    }

    /** SetQueueAttributes; an empty RedrivePolicy removes the policy. */
    public void setAttributes(SqsQueue queue, Map<String, String> attributes, String callerRegion) {
        QueueAttributes.validate(attributes, queue.isFifo(), false);
        if (attributes.containsKey(QueueAttributes.REDRIVE_POLICY)) {
            queue.redrivePolicy(redrivePolicy(attributes.get(QueueAttributes.REDRIVE_POLICY), queue.isFifo(),
                    callerRegion));
        }
        queue.setAttributes(attributes);
        queue.signal();
    }

    /**
     * GetQueueAttributes: the attributes named ({@code All} for every one) that the queue has.
     *
     * @throws SqsException {@code UNKNOWN_QUEUE_ATTRIBUTE} for a name SQS does not know
     */
    public static Map<String, String> attributes(SqsQueue queue, List<String> names) {
        for (String n : names) {
            if (!n.equals("All") && !QueueAttributes.isKnown(n)) {
                throw new SqsException(Reason.UNKNOWN_QUEUE_ATTRIBUTE, n);
            }
        }
        boolean everything = names.contains("All");
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : queue.allAttributes().entrySet()) {
            if (everything || names.contains(e.getKey())) {
                result.put(e.getKey(), e.getValue());
            }
        }
        return result;
    }

    /** TagQueue: at least one tag, each well-formed, at most 50 on the queue afterwards. */
    public static void tag(SqsQueue queue, Map<String, String> tags) {
        if (tags.isEmpty()) {
            throw new SqsException(Reason.PARAMETER_MISSING, "Tags");
        }
        QueueTags.check(tags);
        synchronized (queue) {
            QueueTags.checkTotal(queue.name(), queue.tags(), tags);
            queue.tag(tags);
        }
    }

    /** UntagQueue: at least one key. */
    public static void untag(SqsQueue queue, List<String> keys) {
        if (keys.isEmpty()) {
            throw new SqsException(Reason.PARAMETER_MISSING, "TagKeys");
        }
        queue.untag(keys);
    }

    /** The queues whose RedrivePolicy names this one as their dead-letter queue, in name order. */
    public List<SqsQueue> deadLetterSources(SqsQueue target) {
        return store.deadLetterSources(target);
    }

    /** Checks ListQueues' page size, when given. */
    public static void checkListLimit(Integer maxResults) {
        if (maxResults != null && (maxResults < 1 || maxResults > 1000)) {
            throw new SqsException(Reason.LIST_LIMIT_OUT_OF_RANGE, maxResults);
        }
    }
}
