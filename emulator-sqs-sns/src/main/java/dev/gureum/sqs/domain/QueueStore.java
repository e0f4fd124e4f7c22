package dev.gureum.sqs.domain;

import dev.gureum.core.id.Arn;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.state.ScopedStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The queues of every account and region, and the names deleted recently (SQS makes you wait 60 s). */
public final class QueueStore implements SqsQueue.Resolver {

    /** The queues of one account in one region. */
    public static final class Queues {
        final Map<String, SqsQueue> byName = new ConcurrentSkipListMap<>();
        final Map<String, Instant> deleted = new ConcurrentHashMap<>();
    }

    private final ScopedStore<Queues> scopes = new ScopedStore<>(Queues::new);
    private volatile StateJournal journal;

    /** Where changes are made durable; until one is given, nowhere. */
    public void journal(StateJournal journal) {
        this.journal = journal;
    }

    @Override
    public CompletionStage<Void> append(Object record) {
        StateJournal j = journal;
        return j == null ? CompletableFuture.completedFuture(null) : j.append(record);
    }

    public SqsQueue get(String accountId, String region, String name) {
        return scopes.get(accountId, region).byName.get(name);
    }

    /** Adds the queue unless the name is taken; returns the queue holding the name. */
    public SqsQueue putIfAbsent(SqsQueue queue) {
        SqsQueue existing = scopes.get(queue.accountId(), queue.region()).byName.putIfAbsent(queue.name(), queue);
        return existing == null ? queue : existing;
    }

    /** Deletes the queue; the stage completes when the deletion is durable. */
    public CompletionStage<Void> remove(SqsQueue queue, Instant when) {
        CompletionStage<Void> durable;
        synchronized (queue) {
            removeQuietly(queue, when);
            durable = append(new SqsRecords.QueueDeleted(queue.accountId(), queue.region(), queue.name(), when));
        }
        queue.markDeleted();
        return durable;
    }

    private void removeQuietly(SqsQueue queue, Instant when) {
        Queues queues = scopes.get(queue.accountId(), queue.region());
        if (queues.byName.remove(queue.name(), queue)) {
            queues.deleted.put(queue.name(), when);
        }
    }

    /** Sets what a record of a deletion says: the queue gone, its name taken until a minute after. */
    void restore(SqsRecords.QueueDeleted deleted) {
        SqsQueue queue = get(deleted.accountId(), deleted.region(), deleted.name());
        if (queue != null) {
            removeQuietly(queue, deleted.at());
            queue.markDeleted();
        } else {
            scopes.get(deleted.accountId(), deleted.region()).deleted.put(deleted.name(), deleted.at());
        }
    }

    /** Every queue's records, and the names deleted within the last minute. */
    void records(List<Object> out, Instant now) {
        scopes.forEach((scope, queues) -> {
            queues.byName.values().forEach(q -> q.records(out));
            queues.deleted.forEach((name, at) -> {
                if (at.plusSeconds(60).isAfter(now)) {
                    out.add(new SqsRecords.QueueDeleted(scope.accountId(), scope.region(), name, at));
                }
            });
        });
    }

    /** When a queue of that name was deleted, if within the last minute. */
    public Instant deletedAt(String accountId, String region, String name, Instant now) {
        Queues queues = scopes.get(accountId, region);
        Instant at = queues.deleted.get(name);
        if (at != null && at.plusSeconds(60).isBefore(now)) {
            queues.deleted.remove(name);
            return null;
        }
        return at;
    }

    /** Every queue of every account and region. */
    public void forEach(java.util.function.Consumer<SqsQueue> action) {
        scopes.forEach((scope, queues) -> queues.byName.values().forEach(action));
    }

    /** Queues of one account and region, in name order. */
    public List<SqsQueue> list(String accountId, String region) {
        return new ArrayList<>(scopes.get(accountId, region).byName.values());
    }

    /** The queues whose RedrivePolicy names this one as their dead-letter queue, in name order. */
    public List<SqsQueue> deadLetterSources(SqsQueue target) {
        List<SqsQueue> sources = new ArrayList<>();
        for (SqsQueue q : list(target.accountId(), target.region())) {
            RedrivePolicy policy = q.redrivePolicy();
            if (policy != null && policy.deadLetterTargetArn().equals(target.arn())) {
                sources.add(q);
            }
        }
        return sources;
    }

    @Override
    public SqsQueue byArn(String arn) {
        try {
            Arn parsed = Arn.parse(arn);
            if (!parsed.service().equals("sqs")) {
                return null;
            }
            return get(parsed.accountId(), parsed.region(), parsed.resource());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public void clear() {
        scopes.forEach((scope, queues) -> queues.byName.values().forEach(SqsQueue::markDeleted));
        scopes.clear();
    }

}
