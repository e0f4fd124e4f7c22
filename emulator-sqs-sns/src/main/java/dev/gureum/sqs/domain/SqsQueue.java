package dev.gureum.sqs.domain;

import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;
import dev.gureum.core.time.Timers;
import dev.gureum.sqs.domain.SqsException.Reason;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A queue and its messages, with SQS's delivery semantics. It coordinates its parts: the messages
 * ({@link MessageStore}), FIFO message groups ({@link FifoGroups}) and deduplication ({@link Deduplication}),
 * the timers of delays and visibility timeouts ({@link MessageTimers}), dead-letter moves
 * ({@link DeadLetterMoves}) and long polls ({@link WaitingReceivers}). All state changes happen under the
 * queue's monitor; futures of waiting receivers are completed, and moved messages handed to their
 * dead-letter queue, outside it.
 */
public final class SqsQueue {

    /** Resolves a dead-letter queue ARN to its queue, and keeps the queues' changes. */
    public interface Resolver {
        SqsQueue byArn(String arn);

        /** Makes a change durable; the stage completes when it is (at once when nothing is kept). */
        default CompletionStage<Void> append(Object record) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * The outcome of a send: ids, the digests of what was sent, and when the message is durable
     * ({@code null} for the send a FIFO queue remembers for deduplication).
     */
    public record Sent(String messageId, String sequenceNumber, String md5OfBody, String md5OfAttributes,
                       String md5OfSystemAttributes, CompletionStage<Void> durable) {

        Sent durable(CompletionStage<Void> stage) {
            return new Sent(messageId, sequenceNumber, md5OfBody, md5OfAttributes, md5OfSystemAttributes, stage);
        }
    }

    private final String name;
    private final String accountId;
    private final String region;
    private final String arn;
    private final boolean fifo;
    final Clock clock;
    private final Resolver resolver;
    final QueueSettings settings;

    final MessageStore store = new MessageStore();
    private final FifoGroups groups = new FifoGroups();
    final Deduplication deduplication = new Deduplication();
    final MessageTimers timers = new MessageTimers();
    private final WaitingReceivers waiters;
    long sequence;
    Instant lastPurge;
    private boolean deletedQueue;
    private CompletionStage<Void> lastChange = CompletableFuture.completedFuture(null);

    public SqsQueue(String name, String accountId, String region, boolean fifo, Map<String, String> attributes,
                    Map<String, String> tags, Clock clock, Timers scheduler, Resolver resolver) {
        this(name, accountId, region, fifo, attributes, tags, clock.instant(), clock, scheduler, resolver);
    }

    /** A queue created at {@code created} (one read back from its records). */
    SqsQueue(String name, String accountId, String region, boolean fifo, Map<String, String> attributes,
             Map<String, String> tags, Instant created, Clock clock, Timers scheduler,
             Resolver resolver) {
        this.name = name;
        this.accountId = accountId;
        this.region = region;
        this.arn = Arn.of("sqs", region, accountId, name).toString();
        this.fifo = fifo;
        this.clock = clock;
        this.resolver = resolver;
        this.waiters = new WaitingReceivers(scheduler);
        this.settings = new QueueSettings(fifo, attributes, tags, created);
        this.sequence = settings.created().toEpochMilli() * 1_000_000L;
    }

    public String name() {
        return name;
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    public String arn() {
        return arn;
    }

    public boolean isFifo() {
        return fifo;
    }

    // ---- attributes, tags and permissions ------------------------------------------------------

    public synchronized Map<String, String> settableAttributes() {
        return settings.attributes();
    }

    public synchronized String attribute(String name) {
        return settings.attribute(name);
    }

    synchronized int maximumMessageSize() {
        return settings.intAttribute(QueueAttributes.MAXIMUM_MESSAGE_SIZE);
    }

    /** Checks that a batch of messages fits the queue's maximum message size together. */
    public void checkBatch(List<OutgoingMessage> messages) {
        MessageRules.checkBatchSize(messages, maximumMessageSize());
    }

    /** The parsed RedrivePolicy attribute, set with it. */
    public synchronized void redrivePolicy(RedrivePolicy policy) {
        settings.redrivePolicy(policy);
    }

    public synchronized RedrivePolicy redrivePolicy() {
        return settings.redrivePolicy();
    }

    public synchronized void setAttributes(Map<String, String> changes) {
        settings.setAttributes(changes, clock.instant());
    }

    /** Every attribute, computed ones included, as GetQueueAttributes({@code All}) reports them. */
    public synchronized Map<String, String> allAttributes() {
        MessageStore.Counts counts = store.counts(clock.instant(),
                settings.intAttribute(QueueAttributes.MESSAGE_RETENTION_PERIOD));
        Map<String, String> all = new LinkedHashMap<>();
        all.put("QueueArn", arn);
        all.put("ApproximateNumberOfMessages", String.valueOf(counts.visible()));
        all.put("ApproximateNumberOfMessagesNotVisible", String.valueOf(counts.notVisible()));
        all.put("ApproximateNumberOfMessagesDelayed", String.valueOf(counts.delayed()));
        all.put("CreatedTimestamp", String.valueOf(settings.created().getEpochSecond()));
        all.put("LastModifiedTimestamp", String.valueOf(settings.lastModified().getEpochSecond()));
        all.putAll(settings.attributes());
        return all;
    }

    public synchronized Map<String, String> tags() {
        return settings.tags();
    }

    public synchronized void tag(Map<String, String> newTags) {
        settings.tag(newTags);
    }

    public synchronized void untag(List<String> keys) {
        settings.untag(keys);
    }

    /** Permissions granted with AddPermission, by label, in the order they were added. */
    public synchronized Map<String, QueuePermission> permissions() {
        return settings.permissions();
    }

    public synchronized void addPermission(QueuePermission permission) {
        settings.addPermission(permission);
    }

    public synchronized void removePermission(String label) {
        settings.removePermission(label);
    }

    // ---- sending -------------------------------------------------------------------------------

    /** Enqueues a checked message, unless a FIFO queue has seen its deduplication id within five minutes. */
    public Sent send(OutgoingMessage o, String senderId) {
        String md5Body = MessageMd5.ofBody(o.body());
        String md5Attributes = MessageMd5.ofAttributes(o.attributes());
        String md5System = MessageMd5.ofAttributes(o.systemAttributes());
        List<Runnable> completions;
        Sent sent;
        synchronized (this) {
            checkNotDeleted();
            Instant now = clock.instant();
            String sequenceNumber = null;
            String key;
            if (fifo) {
                key = Deduplication.key(settings.attribute(QueueAttributes.DEDUPLICATION_SCOPE), o.groupId(),
                        o.deduplicationId());
                Sent seen = deduplication.duplicateOf(key, now);
                if (seen != null) {
                    // the first send's ids; the digests are of this request, as SQS reports them
                    return new Sent(seen.messageId(), seen.sequenceNumber(), md5Body, md5Attributes, md5System,
                            lastChange);
                }
                sequenceNumber = String.format("%020d", ++sequence);
                sent = new Sent(Ids.uuid(), sequenceNumber, md5Body, md5Attributes, md5System, null);
                deduplication.remember(key, sent, now);
            } else {
                key = null;
                sent = new Sent(Ids.uuid(), null, md5Body, md5Attributes, md5System, null);
            }
            int delay = o.delaySeconds() != null ? o.delaySeconds()
                    : settings.intAttribute(QueueAttributes.DELAY_SECONDS);
            SqsMessage message = new SqsMessage(sent.messageId(), o.body(), o.attributes(), o.systemAttributes(), md5Body,
                    md5Attributes, md5System, now, senderId, o.groupId(), o.deduplicationId(), sequenceNumber, null,
                    now.plusSeconds(delay));
            enqueue(message, now);
            // the message, with its place in the deduplication window, is one record; a waiting receive's follows it
            sent = sent.durable(record(SqsRecords.message(arn, message, key)));
            completions = serveWaiters(now);
        }
        completions.forEach(Runnable::run);
        return sent;
    }

    /**
     * Takes in a message moved from the queue {@code fromArn} (dead-letter moves, redrive); {@code sourceArn}
     * is the dead-letter source it reports.
     */
    void accept(SqsMessage original, String fromArn, String sourceArn) {
        List<Runnable> completions;
        synchronized (this) {
            if (deletedQueue) {
                return;
            }
            Instant now = clock.instant();
            String sequenceNumber = fifo ? String.format("%020d", ++sequence) : null;
            SqsMessage copy = original.copyFor(sequenceNumber, sourceArn, now);
            enqueue(copy, now);
            // leaving one queue and arriving in the other is one record
            record(new SqsRecords.MessageMoved(fromArn, original.messageId(), SqsRecords.message(arn, copy, null)));
            completions = serveWaiters(now);
        }
        completions.forEach(Runnable::run);
    }

    void enqueue(SqsMessage message, Instant now) {
        store.add(message);
        if (fifo) {
            groups.add(message);
        }
        if (message.visibleAt.isAfter(now)) {
            timers.schedule(message);
        } else if (!fifo) {
            store.ready(message);
        }
    }

    // ---- receiving -----------------------------------------------------------------------------

    /**
     * Receives up to {@code maxMessages}; when none is available and the request may wait, the future
     * completes when messages arrive or the wait ends (with none).
     */
    public CompletableFuture<List<SqsMessage.Received>> receive(ReceiveRequest request) {
        List<SqsMessage.Received> received;
        DeadLetterMoves moved = new DeadLetterMoves();
        WaitingReceivers.Waiter waiter = null;
        CompletionStage<Void> durable;
        synchronized (this) {
            checkNotDeleted();
            Instant now = clock.instant();
            if (fifo && request.attemptId() != null) {
                List<SqsMessage.Received> replay = deduplication.replay(request.attemptId(), now);
                if (replay != null) {
                    return CompletableFuture.completedFuture(replay);
                }
            }
            received = collect(request, now, moved);
            if (received.isEmpty() && !request.waitTime().isZero()) {
                waiter = waiters.park(request);
                waiters.scheduleWakeup(now, timers.next(), this::wakeUp);
            } else if (fifo && request.attemptId() != null) {
                deduplication.rememberAttempt(request.attemptId(), received, now);
            }
            durable = lastChange;
        }
        moved.deliver(resolver, arn);
        if (waiter == null) {
            List<SqsMessage.Received> answer = received;
            return received.isEmpty() ? CompletableFuture.completedFuture(received)
                    : durable.thenApply(done -> answer).toCompletableFuture();
        }
        WaitingReceivers.Waiter w = waiter;
        waiters.startTimeout(w, () -> expireWaiter(w));
        return w.future;
    }

    private void expireWaiter(WaitingReceivers.Waiter waiter) {
        boolean removed;
        synchronized (this) {
            removed = waiters.remove(waiter);
        }
        if (removed) {
            waiter.complete(List.of());
        }
    }

    private List<SqsMessage.Received> collect(ReceiveRequest request, Instant now, DeadLetterMoves moved) {
        timers.due(now, this::makeVisible);
        int visibility = request.visibilityTimeout() != null ? request.visibilityTimeout()
                : settings.intAttribute(QueueAttributes.VISIBILITY_TIMEOUT);
        long retention = settings.intAttribute(QueueAttributes.MESSAGE_RETENTION_PERIOD);
        RedrivePolicy redrive = settings.redrivePolicy();
        List<SqsMessage.Received> out = new ArrayList<>();
        // received with no visibility timeout: visible again once this receive is over, so that one
        // receive never returns a message twice
        List<SqsMessage> visibleAgain = new ArrayList<>();
        try {
            collect(request, now, visibility, retention, redrive, out, visibleAgain, moved);
        } finally {
            visibleAgain.forEach(this::makeVisible);
        }
        return out;
    }

    private void collect(ReceiveRequest request, Instant now, int visibility, long retention, RedrivePolicy redrive,
                         List<SqsMessage.Received> out, List<SqsMessage> visibleAgain, DeadLetterMoves moved) {
        if (fifo) {
            // a group's messages go out in order, and none while an earlier one is in flight or delayed
            groups.offer(() -> out.size() >= request.maxMessages(), candidate -> {
                if (MessageTimers.expired(candidate, retention, now)) {
                    store.remove(candidate);
                    return true;
                }
                if (candidate.inFlight || candidate.visibleAt.isAfter(now)) {
                    return false;
                }
                take(candidate, now, visibility, redrive, out, visibleAgain, moved);
                return true;
            });
            return;
        }
        while (out.size() < request.maxMessages()) {
            SqsMessage m = store.nextReady();
            if (m == null) {
                break;
            }
            if (m.deleted || m.inFlight) {
                continue;
            }
            if (MessageTimers.expired(m, retention, now)) {
                store.remove(m);
                continue;
            }
            take(m, now, visibility, redrive, out, visibleAgain, moved);
        }
    }

    /** Delivers a visible message, or moves it to the dead-letter queue if it was received often enough. */
    private void take(SqsMessage m, Instant now, int visibility, RedrivePolicy redrive,
                      List<SqsMessage.Received> out, List<SqsMessage> visibleAgain, DeadLetterMoves moved) {
        if (DeadLetterMoves.due(m, redrive)) {
            store.remove(m);
            moved.add(m, redrive);
            return;
        }
        m.receiveCount++;
        if (m.firstReceived == null) {
            m.firstReceived = now;
        }
        m.inFlight = true;
        m.visibleAt = now.plusSeconds(visibility);
        m.generation++;
        m.receiptToken = Ids.token(24);
        if (visibility == 0) {
            visibleAgain.add(m);
        } else {
            timers.schedule(m);
        }
        record(SqsRecords.state(arn, m));
        out.add(new SqsMessage.Received(m, MessageStore.receiptHandle(arn, m), m.receiveCount, m.firstReceived));
    }

    void makeVisible(SqsMessage m) {
        m.inFlight = false;
        if (!fifo) {
            store.ready(m);
        }
    }

    // ---- after receiving -----------------------------------------------------------------------

    private SqsMessage byReceiptHandle(String handle) {
        String[] parts = MessageStore.parseReceiptHandle(arn, handle);
        if (parts == null) {
            throw new SqsException(Reason.RECEIPT_HANDLE_INVALID, handle);
        }
        SqsMessage m = store.get(parts[1]);
        if (m != null && fifo && (!parts[2].equals(m.receiptToken) || !m.inFlight || !m.visibleAt.isAfter(clock.instant()))) {
            // FIFO receipts expire with their visibility timeout or the next receive
            throw new SqsException(Reason.RECEIPT_HANDLE_EXPIRED, handle);
        }
        return m;
    }

    /** Deletes the message a receipt handle names; an old handle of a standard queue message still deletes it. */
    public CompletionStage<Void> delete(String receiptHandle) {
        CompletionStage<Void> durable;
        synchronized (this) {
            checkNotDeleted();
            SqsMessage m = byReceiptHandle(receiptHandle);
            if (m == null) {
                return lastChange;
            }
            remove(m);
            durable = record(new SqsRecords.MessageDeleted(arn, m.messageId()));
        }
        signal();
        return durable;
    }

    public CompletionStage<Void> changeVisibility(String receiptHandle, int visibilityTimeout) {
        CompletionStage<Void> durable;
        synchronized (this) {
            checkNotDeleted();
            SqsMessage m = byReceiptHandle(receiptHandle);
            Instant now = clock.instant();
            if (m == null || !m.inFlight || !m.visibleAt.isAfter(now)) {
                throw new SqsException(Reason.MESSAGE_NOT_IN_FLIGHT);
            }
            // the whole visibility may not exceed 12 hours from the first receive
            if (m.firstReceived != null && now.plusSeconds(visibilityTimeout)
                    .isAfter(m.firstReceived.plus(Duration.ofHours(12)))) {
                throw new SqsException(Reason.VISIBILITY_TIMEOUT_BEYOND_LIMIT, visibilityTimeout);
            }
            m.generation++;
            m.visibleAt = now.plusSeconds(visibilityTimeout);
            if (visibilityTimeout == 0) {
                makeVisible(m);
            } else {
                timers.schedule(m);
            }
            durable = record(SqsRecords.state(arn, m));
        }
        signal();
        return durable;
    }

    void remove(SqsMessage m) {
        store.remove(m);
        if (fifo) {
            groups.remove(m);
        }
    }

    // ---- purge, delete, redrive ---------------------------------------------------------------

    public synchronized CompletionStage<Void> purge() {
        checkNotDeleted();
        Instant now = clock.instant();
        if (lastPurge != null && lastPurge.plusSeconds(60).isAfter(now)) {
            throw new SqsException(Reason.PURGE_IN_PROGRESS, name);
        }
        clearMessages(now);
        return record(new SqsRecords.QueuePurged(arn, now));
    }

    synchronized void clearMessages(Instant purgedAt) {
        lastPurge = purgedAt;
        store.clear();
        timers.clear();
        groups.clear();
    }

    /** Marks the queue deleted and ends its long polls with no messages. */
    public void markDeleted() {
        List<WaitingReceivers.Waiter> ended;
        synchronized (this) {
            deletedQueue = true;
            ended = waiters.removeAll();
        }
        ended.forEach(w -> w.complete(List.of()));
    }

    private void checkNotDeleted() {
        if (deletedQueue) {
            throw new SqsException(Reason.QUEUE_DOES_NOT_EXIST);
        }
    }

    /** Takes every message out of this queue (a dead-letter queue) for a redrive; returns them with their source. */
    synchronized List<SqsMessage> drain(int max) {
        Instant now = clock.instant();
        timers.due(now, this::makeVisible);
        List<SqsMessage> out = new ArrayList<>();
        for (SqsMessage m : store.all()) {
            if (out.size() >= max) {
                break;
            }
            if (m.inFlight && m.visibleAt.isAfter(now)) {
                continue;
            }
            remove(m);
            out.add(m);
        }
        return out;
    }

    synchronized int approximateVisible() {
        return Integer.parseInt(allAttributes().get("ApproximateNumberOfMessages"));
    }

    // ---- long polls ----------------------------------------------------------------------------

    /** Serves waiting receivers if messages became available. */
    public void signal() {
        List<Runnable> completions;
        synchronized (this) {
            if (waiters.isEmpty()) {
                return;
            }
            completions = serveWaiters(clock.instant());
        }
        completions.forEach(Runnable::run);
    }

    private List<Runnable> serveWaiters(Instant now) {
        if (waiters.isEmpty()) {
            return List.of();
        }
        List<Runnable> completions = new ArrayList<>();
        DeadLetterMoves moved = new DeadLetterMoves();
        Iterator<WaitingReceivers.Waiter> it = waiters.iterator();
        while (it.hasNext()) {
            WaitingReceivers.Waiter w = it.next();
            List<SqsMessage.Received> got = collect(w.request, now, moved);
            if (got.isEmpty()) {
                break;
            }
            it.remove();
            if (fifo && w.request.attemptId() != null) {
                deduplication.rememberAttempt(w.request.attemptId(), got, now);
            }
            CompletionStage<Void> durable = lastChange;
            completions.add(() -> durable.thenRun(() -> w.complete(got)));
        }
        if (!moved.isEmpty()) {
            completions.add(() -> moved.deliver(resolver, arn));
        }
        waiters.scheduleWakeup(now, timers.next(), this::wakeUp);
        return completions;
    }

    /** The scheduled wakeup: it is no longer pending, so serving the waiters may schedule the next one. */
    private void wakeUp() {
        synchronized (this) {
            waiters.wokeUp();
        }
        signal();
    }

    /** Number of receivers waiting on this queue (for tests and diagnostics). */
    public synchronized int waitingReceivers() {
        return waiters.size();
    }

    // ---- durability: the records of changes, and the state read back from them ----------------

    /** Makes a change made under the monitor durable; callers hold the monitor, so records keep its order. */
    private CompletionStage<Void> record(Object record) {
        lastChange = resolver.append(record);
        return lastChange;
    }

    /** Makes the queue's configuration durable (after it was created or changed). */
    public synchronized CompletionStage<Void> saveSettings() {
        return deletedQueue ? lastChange : record(settingsRecord());
    }

    synchronized SqsRecords.QueueRecord settingsRecord() {
        return new SqsRecords.QueueRecord(accountId, region, name, fifo, settings.attributes(), settings.tags(),
                List.copyOf(settings.permissions().values()), settings.redrivePolicy(), settings.created(),
                settings.lastModified(), sequence, lastPurge);
    }

    /** The queue as records: its configuration, its messages in arrival order, its deduplication window. */
    synchronized void records(List<Object> out) {
        out.add(settingsRecord());
        for (SqsMessage m : store.all()) {
            out.add(SqsRecords.message(arn, m, null));
        }
        deduplication.entries(clock.instant(), (key, sent, expires) -> out.add(new SqsRecords.DeduplicationEntry(arn,
                key, sent.messageId(), sent.sequenceNumber(), expires)));
    }
}
