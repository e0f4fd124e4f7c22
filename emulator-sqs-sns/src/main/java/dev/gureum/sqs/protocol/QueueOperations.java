package dev.gureum.sqs.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ListValue;
import dev.gureum.core.protocol.MapValue;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.time.Timers;
import dev.gureum.sqs.domain.MessageMoveTasks;
import dev.gureum.sqs.domain.QueueAttributes;
import dev.gureum.sqs.domain.QueueCatalog;
import dev.gureum.sqs.domain.QueuePermission;
import dev.gureum.sqs.domain.QueueStore;
import dev.gureum.sqs.domain.SqsQueue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Queues: create, find, list, delete, purge, attributes, tags, permissions and redrive. */
final class QueueOperations {

    private final QueueStore store;
    private final QueueCatalog catalog;
    private final MessageMoveTasks moveTasks;
    private final Clock clock;
    private final boolean domainUrls;

    QueueOperations(QueueStore store, MessageMoveTasks moveTasks, Clock clock, Timers scheduler,
                    boolean domainUrls) {
        this.domainUrls = domainUrls;
        this.store = store;
        this.moveTasks = moveTasks;
        this.clock = clock;
        this.catalog = new QueueCatalog(store, clock, scheduler, RedrivePolicies::read);
    }

    /**
     * A queue's URL: on the host and port the client called, so it resolves wherever the client is;
     * or, with the {@code domain} strategy, on LocalStack's {@code sqs.<region>.localhost.localstack.cloud}.
     */
    String url(RequestContext ctx, SqsQueue queue) {
        if (domainUrls) {
            String port = ctx.baseUrl().replaceFirst("^.*?(:\\d+)?$", "$1");
            String scheme = ctx.baseUrl().startsWith("https") ? "https" : "http";
            return scheme + "://sqs." + queue.region() + ".localhost.localstack.cloud" + port + "/"
                    + queue.accountId() + "/" + queue.name();
        }
        return ctx.baseUrl() + "/" + queue.accountId() + "/" + queue.name();
    }

    CompletionStage<Struct> createQueue(ActionRequest r) {
        RequestContext ctx = r.context();
        String name = SqsInputs.required(r.params(), "QueueName");
        Map<String, String> attributes = SqsInputs.stringMap(r, "Attributes", "Attribute", "Name", "Value");
        Map<String, String> tags = SqsInputs.stringMap(r, "tags", "Tag", "Key", "Value");
        SqsQueue queue = catalog.create(ctx.accountId(), ctx.region(), name, attributes, tags);
        Struct answer = Struct.of().put("QueueUrl", url(ctx, queue));
        return queue.saveSettings().thenApply(done -> answer);
    }

    Struct getQueueUrl(ActionRequest r) {
        String name = SqsInputs.required(r.params(), "QueueName");
        String owner = r.params().string("QueueOwnerAWSAccountId", r.context().accountId());
        SqsQueue queue = store.get(owner, r.context().region(), name);
        if (queue == null) {
            throw new AwsException(SqsError.QUEUE_DOES_NOT_EXIST, "The specified queue does not exist.");
        }
        SqsInputs.checkAccess(queue, r.context(), name);
        return Struct.of().put("QueueUrl", url(r.context(), queue));
    }

    Struct listQueues(ActionRequest r) {
        String prefix = r.params().string("QueueNamePrefix", "");
        Integer max = r.params().integer("MaxResults");
        QueueCatalog.checkListLimit(max);
        String after = decodeToken(r.params().string("NextToken"));
        List<String> urls = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (SqsQueue q : store.list(r.context().accountId(), r.context().region())) {
            if (!q.name().startsWith(prefix) || after != null && q.name().compareTo(after) <= 0) {
                continue;
            }
            if (urls.size() >= (max == null ? 1000 : max)) {
                more = true;
                break;
            }
            urls.add(url(r.context(), q));
            last = q.name();
        }
        return Struct.of().put("QueueUrls", ListValue.flattened(urls, "QueueUrl"))
                .put("NextToken", more && max != null ? PageTokens.encode(last) : null);
    }

    CompletionStage<Struct> deleteQueue(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        return store.remove(queue, clock.instant()).thenApply(done -> null);
    }

    CompletionStage<Struct> purgeQueue(ActionRequest r) {
        return SqsInputs.queue(r, store).purge().thenApply(done -> null);
    }

    Struct getQueueAttributes(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        Map<String, String> result = QueueCatalog.attributes(queue, SqsInputs.strings(r, "AttributeNames",
                "AttributeName"));
        if (result.isEmpty()) {
            return Struct.of();
        }
        return Struct.of().put("Attributes", MapValue.flattened(result, "Attribute", "Name", "Value"));
    }

    CompletionStage<Struct> setQueueAttributes(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        catalog.setAttributes(queue, SqsInputs.stringMap(r, "Attributes", "Attribute", "Name", "Value"),
                r.context().region());
        return saved(queue);
    }

    CompletionStage<Struct> tagQueue(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        QueueCatalog.tag(queue, SqsInputs.stringMap(r, "Tags", "Tag", "Key", "Value"));
        return saved(queue);
    }

    CompletionStage<Struct> untagQueue(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        QueueCatalog.untag(queue, SqsInputs.strings(r, "TagKeys", "TagKey"));
        return saved(queue);
    }

    /** Answers a change of configuration once it is durable. */
    private static CompletionStage<Struct> saved(SqsQueue queue) {
        return queue.saveSettings().thenApply(done -> null);
    }

    Struct listQueueTags(ActionRequest r) {
        Map<String, String> tags = SqsInputs.queue(r, store).tags();
        return tags.isEmpty() ? Struct.of() : Struct.of().put("Tags", MapValue.flattened(tags, "Tag", "Key", "Value"));
    }

    CompletionStage<Struct> addPermission(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        String label = SqsInputs.required(r.params(), "Label");
        QueuePermission permission = QueuePermission.of(label, SqsInputs.strings(r, "AWSAccountIds", "AWSAccountId"),
                SqsInputs.strings(r, "Actions", "ActionName"));
        synchronized (queue) {
            queue.addPermission(permission);
            queue.setAttributes(Map.of(QueueAttributes.POLICY, QueuePolicies.of(queue)));
        }
        return saved(queue);
    }

    CompletionStage<Struct> removePermission(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        String label = SqsInputs.required(r.params(), "Label");
        synchronized (queue) {
            queue.removePermission(label);
            queue.setAttributes(Map.of(QueueAttributes.POLICY, queue.permissions().isEmpty() ? ""
                    : QueuePolicies.of(queue)));
        }
        return saved(queue);
    }

    Struct listDeadLetterSourceQueues(ActionRequest r) {
        SqsQueue target = SqsInputs.queue(r, store);
        Integer max = r.params().integer("MaxResults");
        String after = decodeToken(r.params().string("NextToken"));
        List<String> urls = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (SqsQueue q : catalog.deadLetterSources(target)) {
            if (after != null && q.name().compareTo(after) <= 0) {
                continue;
            }
            if (urls.size() >= (max == null ? 1000 : max)) {
                more = true;
                break;
            }
            urls.add(url(r.context(), q));
            last = q.name();
        }
        return Struct.of().put("queueUrls", ListValue.flattened(urls, "QueueUrl"))
                .put("NextToken", more && max != null ? PageTokens.encode(last) : null);
    }

    CompletionStage<Struct> startMessageMoveTask(ActionRequest r) {
        String sourceArn = SqsInputs.required(r.params(), "SourceArn");
        SqsQueue source = store.byArn(sourceArn);
        if (source == null) {
            throw new AwsException(SqsError.RESOURCE_NOT_FOUND, "The resource that you specified for the SourceArn "
                    + "parameter doesn't exist.");
        }
        SqsInputs.checkAccess(source, r.context(), sourceArn);
        Integer rate = r.params().integer("MaxNumberOfMessagesPerSecond");
        return moveTasks.start(source, r.params().string("DestinationArn"), rate)
                .thenApply(task -> Struct.of().put("TaskHandle", task.handle()));
    }

    Struct listMessageMoveTasks(ActionRequest r) {
        String sourceArn = SqsInputs.required(r.params(), "SourceArn");
        SqsQueue source = store.byArn(sourceArn);
        if (source == null) {
            throw new AwsException(SqsError.RESOURCE_NOT_FOUND, "The resource that you specified for the SourceArn "
                    + "parameter doesn't exist.");
        }
        int max = r.params().integer("MaxResults", 1);
        List<Object> results = new ArrayList<>();
        for (MessageMoveTasks.Task t : moveTasks.list(source.arn(), max)) {
            results.add(Struct.of().put("TaskHandle", t.status().equals("RUNNING") ? t.handle() : null)
                    .put("Status", t.status()).put("SourceArn", t.sourceArn()).put("DestinationArn", t.destinationArn())
                    .put("MaxNumberOfMessagesPerSecond", t.maxPerSecond())
                    .put("ApproximateNumberOfMessagesMoved", t.moved())
                    .put("ApproximateNumberOfMessagesToMove", t.toMove())
                    .put("FailureReason", t.failureReason())
                    .put("StartedTimestamp", t.started().toEpochMilli()));
        }
        return Struct.of().put("Results", ListValue.flattened(results, "ListMessageMoveTasksResultEntry"));
    }

    Struct cancelMessageMoveTask(ActionRequest r) {
        moveTasks.cancel(SqsInputs.required(r.params(), "TaskHandle"));
        return null;
    }

    static String decodeToken(String token) {
        try {
            return PageTokens.decode(token);
        } catch (PageTokens.InvalidTokenException e) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Invalid NextToken value.");
        }
    }
}
