package dev.gureum.sqs.domain;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Ids;
import dev.gureum.sqs.protocol.SqsError;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A queue and its messages, with SQS's delivery semantics: visibility timeouts, delays, retention,
 * dead-letter moves, FIFO ordering per message group with deduplication, and long polls that wait
 * without a thread. All state changes happen under the queue's monitor; futures of waiting receivers
 * are completed outside it.
 */
public final class SqsQueue {

    /** Resolves a dead-letter queue ARN to its queue. */
    public interface Resolver {
        SqsQueue byArn(String arn);
    }

    private record Timed(Instant at, SqsMessage message, long generation) {
    }

    private record Dedup(String messageId, String sequenceNumber, Instant expires) {
    }

    private record Attempt(List<SqsMessage.Received> received, Instant expires) {
    }

    private static final class Waiter {
        final ReceiveRequest request;
        final CompletableFuture<List<SqsMessage.Received>> future = new CompletableFuture<>();
        ScheduledFuture<?> timeout;

        Waiter(ReceiveRequest request) {
            this.request = request;
        }
    }

    /** FIFO deduplication lasts five minutes. */
    private static final Duration DEDUPLICATION_INTERVAL = Duration.ofMinutes(5);

    private final String name;
    private final String accountId;
    private final String region;
    private final String arn;
    private final boolean fifo;
    private final Instant created;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Resolver resolver;

    private final Map<String, String> attributes;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Map<String, String> permissions = new LinkedHashMap<>();
    private Instant lastModified;
    private Instant lastPurge;
    private RedrivePolicy redrivePolicy;

    private final Map<String, SqsMessage> messages = new LinkedHashMap<>();
    private final ArrayDeque<SqsMessage> ready = new ArrayDeque<>();
    private final PriorityQueue<Timed> pending = new PriorityQueue<>((a, b) -> a.at.compareTo(b.at));
    private final LinkedHashMap<String, ArrayDeque<SqsMessage>> groups = new LinkedHashMap<>();
    private final Map<String, Dedup> deduplication = new HashMap<>();
    private final Map<String, Attempt> attempts = new HashMap<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private ScheduledFuture<?> wakeup;
    private Instant wakeupAt;
    private long sequence;
    private boolean deletedQueue;

    public SqsQueue(String name, String accountId, String region, boolean fifo, Map<String, String> attributes,
                    Map<String, String> tags, Clock clock, ScheduledExecutorService scheduler, Resolver resolver) {
        this.name = name;
        this.accountId = accountId;
        this.region = region;
        this.arn = "arn:" + dev.gureum.core.id.Arn.partitionOf(region) + ":sqs:" + region + ":" + accountId + ":" + name;
        this.fifo = fifo;
        this.clock = clock;
        this.scheduler = scheduler;
        this.resolver = resolver;
        this.created = clock.instant();
        this.lastModified = created;
        this.attributes = QueueAttributes.defaults(fifo);
        this.attributes.putAll(attributes);
        this.tags.putAll(tags);
        this.sequence = created.toEpochMilli() * 1_000_000L;
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

    // ---- attributes and tags ------------------------------------------------------------------

    public synchronized Map<String, String> settableAttributes() {
        return new LinkedHashMap<>(attributes);
    }

    public synchronized String attribute(String name) {
        return attributes.get(name);
    }

    private int intAttribute(String name) {
        return Integer.parseInt(attributes.get(name));
    }

    /** The parsed RedrivePolicy attribute, set with it. */
    public synchronized void redrivePolicy(RedrivePolicy policy) {
        this.redrivePolicy = policy;
    }

    public synchronized RedrivePolicy redrivePolicy() {
        return redrivePolicy;
    }

    public synchronized void setAttributes(Map<String, String> changes) {
        for (Map.Entry<String, String> e : changes.entrySet()) {
            if (e.getValue().isEmpty() && (e.getKey().equals(QueueAttributes.REDRIVE_POLICY)
                    || e.getKey().equals(QueueAttributes.POLICY) || e.getKey().equals(QueueAttributes.REDRIVE_ALLOW_POLICY))) {
                attributes.remove(e.getKey());
            } else {
                attributes.put(e.getKey(), e.getValue());
            }
        }
        lastModified = clock.instant();
    }

    /** Every attribute, computed ones included, as GetQueueAttributes({@code All}) reports them. */
    public synchronized Map<String, String> allAttributes() {
        Instant now = clock.instant();
        int visible = 0;
        int notVisible = 0;
        int delayed = 0;
        long retention = intAttribute(QueueAttributes.MESSAGE_RETENTION_PERIOD);
        for (SqsMessage m : messages.values()) {
            if (m.sent().plusSeconds(retention).isBefore(now)) {
                continue;
            }
            if (m.inFlight && m.visibleAt.isAfter(now)) {
                notVisible++;
            } else if (!m.inFlight && m.visibleAt.isAfter(now)) {
                delayed++;
            } else {
                visible++;
            }
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("QueueArn", arn);
        all.put("ApproximateNumberOfMessages", String.valueOf(visible));
        all.put("ApproximateNumberOfMessagesNotVisible", String.valueOf(notVisible));
        all.put("ApproximateNumberOfMessagesDelayed", String.valueOf(delayed));
        all.put("CreatedTimestamp", String.valueOf(created.getEpochSecond()));
        all.put("LastModifiedTimestamp", String.valueOf(lastModified.getEpochSecond()));
        all.putAll(attributes);
        return all;
    }

    public synchronized Map<String, String> tags() {
        return new LinkedHashMap<>(tags);
    }

    public synchronized void tag(Map<String, String> newTags) {
        tags.putAll(newTags);
    }

    public synchronized void untag(List<String> keys) {
        keys.forEach(tags::remove);
    }

    /** Permissions granted with AddPermission, by label, each a JSON policy statement. */
    public synchronized Map<String, String> permissions() {
        return new LinkedHashMap<>(permissions);
    }

    public synchronized void addPermission(String label, String statement) {
        if (permissions.containsKey(label)) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + label
                    + " for parameter Label is invalid. Reason: Already exists.");
        }
        permissions.put(label, statement);
    }

    public synchronized void removePermission(String label) {
        if (permissions.remove(label) == null) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + label
                    + " for parameter Label is invalid. Reason: can't find label on existing policy.");
        }
    }

    // ---- sending -------------------------------------------------------------------------------

    /** The outcome of a send: the message id and, for FIFO queues, the sequence number. */
    public record Sent(String messageId, String sequenceNumber) {
    }

    /**
     * Enqueues a message built by {@code factory} (given the id, sequence number and arrival time),
     * unless a FIFO queue has seen its deduplication id within five minutes.
     */
    public Sent send(Integer delaySeconds, String groupId, String deduplicationId, MessageFactory factory) {
        List<Runnable> completions;
        Sent sent;
        synchronized (this) {
            checkNotDeleted();
            Instant now = clock.instant();
            String sequenceNumber = null;
            if (fifo) {
                purgeDeduplication(now);
                String key = "messageGroup".equals(attributes.get(QueueAttributes.DEDUPLICATION_SCOPE))
                        ? groupId + "\u0000" + deduplicationId : deduplicationId;
                Dedup seen = deduplication.get(key);
                if (seen != null && seen.expires.isAfter(now)) {
                    return new Sent(seen.messageId, seen.sequenceNumber);
                }
                sequenceNumber = String.format("%020d", ++sequence);
                String id = Ids.uuid();
                deduplication.put(key, new Dedup(id, sequenceNumber, now.plus(DEDUPLICATION_INTERVAL)));
                sent = new Sent(id, sequenceNumber);
            } else {
                sent = new Sent(Ids.uuid(), null);
            }
            int delay = delaySeconds != null ? delaySeconds : intAttribute(QueueAttributes.DELAY_SECONDS);
            SqsMessage message = factory.create(sent.messageId, sequenceNumber, now, now.plusSeconds(delay));
            enqueue(message, now);
            completions = serveWaiters(now);
        }
        completions.forEach(Runnable::run);
        return sent;
    }

    /** Builds the message once the queue has given it an id and a time. */
    @FunctionalInterface
    public interface MessageFactory {
        SqsMessage create(String messageId, String sequenceNumber, Instant sent, Instant visibleAt);
    }

    /** Takes in a message moved from another queue (dead-letter moves, redrive). */
    void accept(SqsMessage original, String sourceArn) {
        List<Runnable> completions;
        synchronized (this) {
            if (deletedQueue) {
                return;
            }
            Instant now = clock.instant();
            String sequenceNumber = fifo ? String.format("%020d", ++sequence) : null;
            enqueue(original.copyFor(sequenceNumber, sourceArn, now), now);
            completions = serveWaiters(now);
        }
        completions.forEach(Runnable::run);
    }

    private void enqueue(SqsMessage message, Instant now) {
        messages.put(message.messageId(), message);
        if (fifo) {
            groups.computeIfAbsent(message.groupId(), g -> new ArrayDeque<>()).addLast(message);
            if (message.visibleAt.isAfter(now)) {
                pending.add(new Timed(message.visibleAt, message, message.generation));
            }
        } else if (message.visibleAt.isAfter(now)) {
            pending.add(new Timed(message.visibleAt, message, message.generation));
        } else {
            ready.addLast(message);
        }
    }

    private void purgeDeduplication(Instant now) {
        if (deduplication.size() > 1024 || attempts.size() > 1024) {
            deduplication.values().removeIf(d -> d.expires.isBefore(now));
            attempts.values().removeIf(a -> a.expires.isBefore(now));
        }
    }

    // ---- receiving -----------------------------------------------------------------------------

    /**
     * Receives up to {@code maxMessages}; when none is available and the request may wait, the future
     * completes when messages arrive or the wait ends (with none).
     */
    public CompletableFuture<List<SqsMessage.Received>> receive(ReceiveRequest request) {
        List<SqsMessage.Received> received;
        List<Moved> moved = new ArrayList<>();
        Waiter waiter = null;
        synchronized (this) {
            checkNotDeleted();
            Instant now = clock.instant();
            if (fifo && request.attemptId() != null) {
                Attempt attempt = attempts.get(request.attemptId());
                if (attempt != null && attempt.expires.isAfter(now) && stillInFlight(attempt.received, now)) {
                    return CompletableFuture.completedFuture(attempt.received);
                }
            }
            received = collect(request, now, moved);
            if (received.isEmpty() && !request.waitTime().isZero()) {
                waiter = new Waiter(request);
                waiters.addLast(waiter);
                scheduleWakeup(now);
            } else if (fifo && request.attemptId() != null) {
                attempts.put(request.attemptId(), new Attempt(received, now.plus(DEDUPLICATION_INTERVAL)));
            }
        }
        moveToDeadLetterQueue(moved);
        if (waiter == null) {
            return CompletableFuture.completedFuture(received);
        }
        Waiter w = waiter;
        w.timeout = scheduler.schedule(() -> expireWaiter(w), request.waitTime().toMillis(), TimeUnit.MILLISECONDS);
        return w.future;
    }

    private boolean stillInFlight(List<SqsMessage.Received> received, Instant now) {
        for (SqsMessage.Received r : received) {
            SqsMessage m = r.message();
            if (m.deleted || !m.inFlight || !m.visibleAt.isAfter(now)) {
                return false;
            }
        }
        return true;
    }

    private void expireWaiter(Waiter waiter) {
        boolean removed;
        synchronized (this) {
            removed = waiters.remove(waiter);
        }
        if (removed) {
            waiter.future.complete(List.of());
        }
    }

    /** A message that reached its maxReceiveCount, on its way to the dead-letter queue. */
    private record Moved(SqsMessage message, String deadLetterArn) {
    }

    private List<SqsMessage.Received> collect(ReceiveRequest request, Instant now, List<Moved> moved) {
        promote(now);
        int visibility = request.visibilityTimeout() != null ? request.visibilityTimeout()
                : intAttribute(QueueAttributes.VISIBILITY_TIMEOUT);
        long retention = intAttribute(QueueAttributes.MESSAGE_RETENTION_PERIOD);
        RedrivePolicy redrive = redrivePolicy;
        List<SqsMessage.Received> out = new ArrayList<>();
        if (fifo) {
            Iterator<Map.Entry<String, ArrayDeque<SqsMessage>>> it = groups.entrySet().iterator();
            while (it.hasNext() && out.size() < request.maxMessages()) {
                ArrayDeque<SqsMessage> group = it.next().getValue();
                // a group's messages go out in order, and none while an earlier one is in flight or delayed
                for (SqsMessage candidate : group) {
                    if (out.size() >= request.maxMessages()) {
                        break;
                    }
                    if (candidate.deleted) {
                        continue;
                    }
                    if (expired(candidate, retention, now)) {
                        remove(candidate);
                        continue;
                    }
                    if (candidate.inFlight || candidate.visibleAt.isAfter(now)) {
                        break;
                    }
                    if (redrive != null && candidate.receiveCount >= redrive.maxReceiveCount()) {
                        remove(candidate);
                        moved.add(new Moved(candidate, redrive.deadLetterTargetArn()));
                        continue;
                    }
                    out.add(deliver(candidate, now, visibility));
                }
                group.removeIf(c -> c.deleted);
                if (group.isEmpty()) {
                    it.remove();
                }
            }
            return out;
        }
        while (out.size() < request.maxMessages()) {
            SqsMessage m = ready.pollFirst();
            if (m == null) {
                break;
            }
            if (m.deleted || m.inFlight) {
                continue;
            }
            if (expired(m, retention, now)) {
                remove(m);
                continue;
            }
            if (redrive != null && m.receiveCount >= redrive.maxReceiveCount()) {
                remove(m);
                moved.add(new Moved(m, redrive.deadLetterTargetArn()));
                continue;
            }
            out.add(deliver(m, now, visibility));
        }
        return out;
    }

    private static boolean expired(SqsMessage m, long retentionSeconds, Instant now) {
        return !m.sent().plusSeconds(retentionSeconds).isAfter(now);
    }

    private SqsMessage.Received deliver(SqsMessage m, Instant now, int visibility) {
        m.receiveCount++;
        if (m.firstReceived == null) {
            m.firstReceived = now;
        }
        m.inFlight = true;
        m.visibleAt = now.plusSeconds(visibility);
        m.generation++;
        m.receiptToken = Ids.token(24);
        if (visibility == 0) {
            makeVisible(m);
        } else {
            pending.add(new Timed(m.visibleAt, m, m.generation));
        }
        return new SqsMessage.Received(m, receiptHandle(m), m.receiveCount, m.firstReceived);
    }

    private void makeVisible(SqsMessage m) {
        m.inFlight = false;
        if (!fifo) {
            ready.addLast(m);
        }
    }

    /** Moves messages whose delay or visibility timeout has passed back to the visible set. */
    private void promote(Instant now) {
        while (!pending.isEmpty() && !pending.peek().at.isAfter(now)) {
            Timed t = pending.poll();
            SqsMessage m = t.message;
            if (m.deleted || m.generation != t.generation) {
                continue;
            }
            makeVisible(m);
        }
    }

    private void remove(SqsMessage m) {
        m.deleted = true;
        messages.remove(m.messageId());
    }

    private void moveToDeadLetterQueue(List<Moved> moved) {
        for (Moved mv : moved) {
            SqsQueue dlq = resolver.byArn(mv.deadLetterArn);
            if (dlq != null) {
                dlq.accept(mv.message, arn);
            }
        }
    }

    // ---- after receiving -----------------------------------------------------------------------

    private String receiptHandle(SqsMessage m) {
        String raw = arn + "\n" + m.messageId() + "\n" + m.receiptToken;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private SqsMessage byReceiptHandle(String handle) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(handle), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            raw = "";
        }
        String[] parts = raw.split("\n", -1);
        if (parts.length != 3 || !parts[0].equals(arn)) {
            throw new AwsException(SqsError.RECEIPT_HANDLE_IS_INVALID, "The input receipt handle \"" + handle
                    + "\" is not a valid receipt handle.");
        }
        SqsMessage m = messages.get(parts[1]);
        if (m != null && fifo && (!parts[2].equals(m.receiptToken) || !m.inFlight || !m.visibleAt.isAfter(clock.instant()))) {
            // FIFO receipts expire with their visibility timeout or the next receive
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + handle
                    + " for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.");
        }
        return m;
    }

    /** Deletes the message a receipt handle names; an old handle of a standard queue message still deletes it. */
    public void delete(String receiptHandle) {
        synchronized (this) {
            checkNotDeleted();
            SqsMessage m = byReceiptHandle(receiptHandle);
            if (m == null) {
                return;
            }
            remove(m);
            if (fifo) {
                ArrayDeque<SqsMessage> group = groups.get(m.groupId());
                if (group != null) {
                    group.remove(m);
                    if (group.isEmpty()) {
                        groups.remove(m.groupId());
                    }
                }
            }
        }
        signal();
    }

    public void changeVisibility(String receiptHandle, int visibilityTimeout) {
        synchronized (this) {
            checkNotDeleted();
            SqsMessage m = byReceiptHandle(receiptHandle);
            Instant now = clock.instant();
            if (m == null || !m.inFlight || !m.visibleAt.isAfter(now)) {
                throw new AwsException(SqsError.MESSAGE_NOT_INFLIGHT, "Message does not exist or is not available for "
                        + "visibility timeout change.");
            }
            // the whole visibility may not exceed 12 hours from the first receive
            if (m.firstReceived != null && now.plusSeconds(visibilityTimeout)
                    .isAfter(m.firstReceived.plus(Duration.ofHours(12)))) {
                throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + visibilityTimeout
                        + " for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message "
                        + "is beyond the limit [43200 seconds]");
            }
            m.generation++;
            m.visibleAt = now.plusSeconds(visibilityTimeout);
            if (visibilityTimeout == 0) {
                makeVisible(m);
            } else {
                pending.add(new Timed(m.visibleAt, m, m.generation));
            }
        }
        signal();
    }

    // ---- purge, delete, redrive ---------------------------------------------------------------

    public synchronized void purge() {
        checkNotDeleted();
        Instant now = clock.instant();
        if (lastPurge != null && lastPurge.plusSeconds(60).isAfter(now)) {
            throw new AwsException(SqsError.PURGE_QUEUE_IN_PROGRESS, "Only one PurgeQueue operation on " + name
                    + " is allowed every 60 seconds.");
        }
        lastPurge = now;
        messages.values().forEach(m -> m.deleted = true);
        messages.clear();
        ready.clear();
        pending.clear();
        groups.clear();
    }

    /** Marks the queue deleted and ends its long polls with no messages. */
    public void markDeleted() {
        List<Waiter> ended;
        synchronized (this) {
            deletedQueue = true;
            ended = new ArrayList<>(waiters);
            waiters.clear();
            if (wakeup != null) {
                wakeup.cancel(false);
            }
        }
        ended.forEach(w -> {
            if (w.timeout != null) {
                w.timeout.cancel(false);
            }
            w.future.complete(List.of());
        });
    }

    private void checkNotDeleted() {
        if (deletedQueue) {
            throw new AwsException(SqsError.QUEUE_DOES_NOT_EXIST, "The specified queue does not exist.");
        }
    }

    /** Takes every message out of this queue (a dead-letter queue) for a redrive; returns them with their source. */
    synchronized List<SqsMessage> drain(int max) {
        Instant now = clock.instant();
        promote(now);
        List<SqsMessage> out = new ArrayList<>();
        for (SqsMessage m : new ArrayList<>(messages.values())) {
            if (out.size() >= max) {
                break;
            }
            if (m.inFlight && m.visibleAt.isAfter(now)) {
                continue;
            }
            remove(m);
            if (fifo) {
                ArrayDeque<SqsMessage> group = groups.get(m.groupId());
                if (group != null) {
                    group.remove(m);
                    if (group.isEmpty()) {
                        groups.remove(m.groupId());
                    }
                }
            }
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
        List<Moved> moved = new ArrayList<>();
        Iterator<Waiter> it = waiters.iterator();
        while (it.hasNext()) {
            Waiter w = it.next();
            List<SqsMessage.Received> got = collect(w.request, now, moved);
            if (got.isEmpty()) {
                break;
            }
            it.remove();
            if (fifo && w.request.attemptId() != null) {
                attempts.put(w.request.attemptId(), new Attempt(got, now.plus(DEDUPLICATION_INTERVAL)));
            }
            completions.add(() -> {
                if (w.timeout != null) {
                    w.timeout.cancel(false);
                }
                if (!w.future.complete(got)) {
                    // the wait ended just before: the messages become visible again after their timeout
                    return;
                }
            });
        }
        if (!moved.isEmpty()) {
            completions.add(() -> moveToDeadLetterQueue(moved));
        }
        scheduleWakeup(now);
        return completions;
    }

    /** With receivers waiting, wakes up when the next delayed or invisible message becomes visible. */
    private void scheduleWakeup(Instant now) {
        if (waiters.isEmpty() || pending.isEmpty()) {
            return;
        }
        Instant next = pending.peek().at;
        if (wakeup != null && !wakeup.isDone() && wakeupAt != null && !wakeupAt.isAfter(next)) {
            return;
        }
        if (wakeup != null) {
            wakeup.cancel(false);
        }
        wakeupAt = next;
        long delay = Math.max(0, Duration.between(now, next).toMillis());
        wakeup = scheduler.schedule(this::wakeUp, delay, TimeUnit.MILLISECONDS);
    }

    /** The scheduled wakeup: it is no longer pending, so serving the waiters may schedule the next one. */
    private void wakeUp() {
        synchronized (this) {
            wakeupAt = null;
        }
        signal();
    }

    /** Number of receivers waiting on this queue (for tests and diagnostics). */
    public synchronized int waitingReceivers() {
        return waiters.size();
    }
}
