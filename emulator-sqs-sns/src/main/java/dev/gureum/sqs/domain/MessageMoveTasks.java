package dev.gureum.sqs.domain;


import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Redrive of dead-letter queues: a task moves the messages of a dead-letter queue back to the queue
 * each came from (or to a chosen destination). Moves happen at once; tasks are remembered for listing.
 */
public final class MessageMoveTasks {

    /** A task as ListMessageMoveTasks reports it. */
    public record Task(String handle, String sourceArn, String destinationArn, Integer maxPerSecond, String status,
                       long moved, long toMove, String failureReason, Instant started) {
    }

    private final Map<String, List<Task>> bySource = new ConcurrentHashMap<>();
    private final QueueStore queues;
    private final Clock clock;

    public MessageMoveTasks(QueueStore queues, Clock clock) {
        this.queues = queues;
        this.clock = clock;
    }

    /**
     * StartMessageMoveTask: the source must be a dead-letter queue; the rate, when given, is 1 to 500
     * messages a second. The stage completes when the moves and the task are durable.
     */
    public CompletionStage<Task> start(SqsQueue source, String destinationArn, Integer maxPerSecond) {
        if (queues.deadLetterSources(source).isEmpty()) {
            throw new SqsException(SqsException.Reason.NOT_A_DEAD_LETTER_QUEUE);
        }
        if (maxPerSecond != null && (maxPerSecond < 1 || maxPerSecond > 500)) {
            throw new SqsException(SqsException.Reason.MOVE_RATE_OUT_OF_RANGE, maxPerSecond);
        }
        for (Task t : bySource.getOrDefault(source.arn(), List.of())) {
            if (t.status().equals("RUNNING")) {
                throw new SqsException(SqsException.Reason.MOVE_TASK_ALREADY_RUNNING);
            }
        }
        SqsQueue destination = null;
        if (destinationArn != null) {
            destination = queues.byArn(destinationArn);
            if (destination == null) {
                throw new SqsException(SqsException.Reason.MOVE_DESTINATION_NOT_FOUND);
            }
        }
        Instant started = clock.instant();
        long toMove = source.approximateVisible();
        long moved = 0;
        for (SqsMessage m : source.drain(Integer.MAX_VALUE)) {
            SqsQueue target = destination != null ? destination
                    : m.deadLetterSourceArn() == null ? null : queues.byArn(m.deadLetterSourceArn());
            if (target == null) {
                // nowhere to go back to: keep it in the dead-letter queue
                source.accept(m, source.arn(), m.deadLetterSourceArn());
                continue;
            }
            target.accept(m, source.arn(), null);
            moved++;
        }
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(
                (source.arn() + "\n" + java.util.UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        Task task = new Task(handle, source.arn(), destinationArn, maxPerSecond, "COMPLETED", moved, toMove, null, started);
        restore(task);
        return queues.append(new SqsRecords.MoveTask(task)).thenApply(done -> task);
    }

    /** Adds a task as the source's newest. */
    void restore(Task task) {
        bySource.computeIfAbsent(task.sourceArn(), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(0, task);
    }

    /** Every task, oldest first, as records. */
    void records(List<Object> out) {
        bySource.values().forEach(tasks -> {
            List<Task> oldestFirst = new ArrayList<>(tasks);
            java.util.Collections.reverse(oldestFirst);
            oldestFirst.forEach(t -> out.add(new SqsRecords.MoveTask(t)));
        });
    }

    /** The source's most recent tasks, newest first: 1 to 10 of them. */
    public List<Task> list(String sourceArn, int max) {
        if (max < 1 || max > 10) {
            throw new SqsException(SqsException.Reason.MOVE_TASK_LIST_LIMIT_OUT_OF_RANGE, max);
        }
        List<Task> tasks = bySource.getOrDefault(sourceArn, List.of());
        return tasks.subList(0, Math.min(max, tasks.size()));
    }

    /** Tasks finish as soon as they start, so there is never one to cancel. */
    public Task cancel(String handle) {
        for (List<Task> tasks : bySource.values()) {
            for (Task t : tasks) {
                if (t.handle().equals(handle)) {
                    throw new SqsException(SqsException.Reason.MOVE_TASK_NOT_ACTIVE);
                }
            }
        }
        throw new SqsException(SqsException.Reason.MOVE_TASK_NOT_FOUND);
    }

    public void clear() {
        bySource.clear();
    }
}
