package dev.gureum.sqs.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ListValue;
import dev.gureum.core.protocol.MapValue;
import dev.gureum.core.protocol.Struct;
import dev.gureum.sqs.domain.MessageMoveTasks;
import dev.gureum.sqs.domain.QueueAttributes;
import dev.gureum.sqs.domain.QueueStore;
import dev.gureum.sqs.domain.RedrivePolicy;
import dev.gureum.sqs.domain.SqsQueue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

/** Queues: create, find, list, delete, purge, attributes, tags, permissions and redrive. */
final class QueueOperations {

    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern FIFO_QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}\\.fifo");

    private final QueueStore store;
    private final MessageMoveTasks moveTasks;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final boolean domainUrls;

    QueueOperations(QueueStore store, MessageMoveTasks moveTasks, Clock clock, ScheduledExecutorService scheduler,
                    boolean domainUrls) {
        this.domainUrls = domainUrls;
        this.store = store;
        this.moveTasks = moveTasks;
        this.clock = clock;
        this.scheduler = scheduler;
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

    Struct createQueue(ActionRequest r) {
        RequestContext ctx = r.context();
        String name = SqsInputs.required(r.params(), "QueueName");
        Map<String, String> attributes = SqsInputs.stringMap(r, "Attributes", "Attribute", "Name", "Value");
        Map<String, String> tags = SqsInputs.stringMap(r, "tags", "Tag", "Key", "Value");
        boolean fifo = "true".equals(attributes.get(QueueAttributes.FIFO_QUEUE));
        if (name.endsWith(".fifo") != fifo || !(fifo ? FIFO_QUEUE_NAME : QUEUE_NAME).matcher(name).matches()) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, fifo || name.endsWith(".fifo")
                    ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, "
                    + "must end with .fifo suffix and be 1 to 80 in length."
                    : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
        QueueAttributes.validate(attributes, fifo, true);
        RedrivePolicy redrive = checkRedrive(attributes.get(QueueAttributes.REDRIVE_POLICY), fifo, ctx);
        checkTags(tags);
        Instant now = clock.instant();
        if (store.deletedAt(ctx.accountId(), ctx.region(), name, now) != null) {
            throw new AwsException(SqsError.QUEUE_DELETED_RECENTLY, "You must wait 60 seconds after deleting a "
                    + "queue before you can create another with the same name.");
        }
        SqsQueue created = new SqsQueue(name, ctx.accountId(), ctx.region(), fifo, attributes, tags, clock, scheduler,
                store);
        created.redrivePolicy(redrive);
        SqsQueue holder = store.putIfAbsent(created);
        if (holder != created) {
            Map<String, String> existing = holder.settableAttributes();
            Map<String, String> defaults = QueueAttributes.defaults(holder.isFifo());
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                String current = existing.getOrDefault(e.getKey(), defaults.get(e.getKey()));
                if (!e.getValue().equals(current)) {
                    throw new AwsException(SqsError.QUEUE_NAME_EXISTS, "A queue already exists with the same name "
                            + "and a different value for attribute " + e.getKey());
                }
            }
        }
        return Struct.of().put("QueueUrl", url(ctx, holder));
    }

    /** Checks a RedrivePolicy: well-formed, and its dead-letter queue exists and is of the same type. */
    private RedrivePolicy checkRedrive(String json, boolean fifo, RequestContext ctx) {
        RedrivePolicy policy = RedrivePolicies.parse(json);
        if (policy == null) {
            return null;
        }
        SqsQueue target = store.byArn(policy.deadLetterTargetArn());
        if (target == null) {
            throw new AwsException(SqsError.INVALID_ATTRIBUTE_VALUE, "Invalid value for the parameter RedrivePolicy. "
                    + "Reason: Dead letter target does not exist.");
        }
        if (target.isFifo() != fifo) {
            throw new AwsException(SqsError.INVALID_ATTRIBUTE_VALUE, "Invalid value for the parameter RedrivePolicy. "
                    + "Reason: Dead-letter queue must be same type of queue as the source.");
        }
        if (!target.region().equals(ctx.region())) {
            throw new AwsException(SqsError.INVALID_ATTRIBUTE_VALUE, "Invalid value for the parameter RedrivePolicy. "
                    + "Reason: Dead-letter queue must be in the same region as the source.");
        }
        return policy;
    }

    private static void checkTags(Map<String, String> tags) {
        if (tags.size() > 50) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Too many tags added for queue.");
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            if (t.getKey().isEmpty() || t.getKey().length() > 128 || t.getValue().length() > 256) {
                throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Tag key or value is invalid: " + t.getKey());
            }
        }
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
        if (max != null && (max < 1 || max > 1000)) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + max
                    + " for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.");
        }
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

    Struct deleteQueue(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        store.remove(queue, clock.instant());
        return null;
    }

    Struct purgeQueue(ActionRequest r) {
        SqsInputs.queue(r, store).purge();
        return null;
    }

    Struct getQueueAttributes(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        List<String> names = SqsInputs.strings(r, "AttributeNames", "AttributeName");
        Map<String, String> all = queue.allAttributes();
        Map<String, String> result = new LinkedHashMap<>();
        boolean everything = names.contains("All");
        for (String n : names) {
            if (!n.equals("All") && !QueueAttributes.isKnown(n) && !n.equals("SqsManagedSseEnabled")) {
                throw new AwsException(SqsError.INVALID_ATTRIBUTE_NAME, "Unknown Attribute " + n + ".");
            }
        }
        for (Map.Entry<String, String> e : all.entrySet()) {
            if (everything || names.contains(e.getKey())) {
                result.put(e.getKey(), e.getValue());
            }
        }
        if (result.isEmpty()) {
            return Struct.of();
        }
        return Struct.of().put("Attributes", MapValue.flattened(result, "Attribute", "Name", "Value"));
    }

    Struct setQueueAttributes(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        Map<String, String> attributes = SqsInputs.stringMap(r, "Attributes", "Attribute", "Name", "Value");
        QueueAttributes.validate(attributes, queue.isFifo(), false);
        if (attributes.containsKey(QueueAttributes.REDRIVE_POLICY)) {
            String json = attributes.get(QueueAttributes.REDRIVE_POLICY);
            queue.redrivePolicy(json.isEmpty() ? null : checkRedrive(json, queue.isFifo(), r.context()));
        }
        queue.setAttributes(attributes);
        queue.signal();
        return null;
    }

    Struct tagQueue(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        Map<String, String> tags = SqsInputs.stringMap(r, "Tags", "Tag", "Key", "Value");
        if (tags.isEmpty()) {
            throw new AwsException(SqsError.MISSING_PARAMETER, "The request must contain the parameter Tags.");
        }
        checkTags(tags);
        Map<String, String> merged = queue.tags();
        merged.putAll(tags);
        if (merged.size() > 50) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Too many tags added for queue " + queue.name() + ".");
        }
        queue.tag(tags);
        return null;
    }

    Struct untagQueue(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        List<String> keys = SqsInputs.strings(r, "TagKeys", "TagKey");
        if (keys.isEmpty()) {
            throw new AwsException(SqsError.MISSING_PARAMETER, "The request must contain the parameter TagKeys.");
        }
        queue.untag(keys);
        return null;
    }

    Struct listQueueTags(ActionRequest r) {
        Map<String, String> tags = SqsInputs.queue(r, store).tags();
        return tags.isEmpty() ? Struct.of() : Struct.of().put("Tags", MapValue.flattened(tags, "Tag", "Key", "Value"));
    }

    Struct addPermission(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        String label = SqsInputs.required(r.params(), "Label");
        List<String> accounts = SqsInputs.strings(r, "AWSAccountIds", "AWSAccountId");
        List<String> actions = SqsInputs.strings(r, "Actions", "ActionName");
        if (!label.matches("[A-Za-z0-9_-]{1,80}")) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + label + " for parameter Label is invalid. "
                    + "Reason: Must be shorter than 80 characters and contain only alphanumeric characters, hyphens "
                    + "and underscores.");
        }
        if (accounts.isEmpty()) {
            throw new AwsException(SqsError.MISSING_PARAMETER, "The request must contain the parameter AWSAccountIds.");
        }
        if (actions.isEmpty()) {
            throw new AwsException(SqsError.MISSING_PARAMETER, "The request must contain the parameter Actions.");
        }
        ObjectNode statement = JsonNodeFactory.instance.objectNode();
        statement.put("Sid", label);
        statement.put("Effect", "Allow");
        ArrayNode principals = statement.putObject("Principal").putArray("AWS");
        accounts.forEach(a -> principals.add("arn:aws:iam::" + a + ":root"));
        ArrayNode actionList = statement.putArray("Action");
        actions.forEach(a -> actionList.add("SQS:" + a));
        statement.put("Resource", queue.arn());
        queue.addPermission(label, statement.toString());
        queue.setAttributes(Map.of(QueueAttributes.POLICY, policyOf(queue)));
        return null;
    }

    Struct removePermission(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        queue.removePermission(SqsInputs.required(r.params(), "Label"));
        queue.setAttributes(Map.of(QueueAttributes.POLICY, queue.permissions().isEmpty() ? "" : policyOf(queue)));
        return null;
    }

    private static String policyOf(SqsQueue queue) {
        StringBuilder sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Id\":\"" + queue.arn()
                + "/SQSDefaultPolicy\",\"Statement\":[");
        sb.append(String.join(",", queue.permissions().values()));
        return sb.append("]}").toString();
    }

    Struct listDeadLetterSourceQueues(ActionRequest r) {
        SqsQueue target = SqsInputs.queue(r, store);
        Integer max = r.params().integer("MaxResults");
        String after = decodeToken(r.params().string("NextToken"));
        List<String> urls = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (SqsQueue q : store.list(target.accountId(), target.region())) {
            RedrivePolicy policy = q.redrivePolicy();
            if (policy == null || !policy.deadLetterTargetArn().equals(target.arn())
                    || after != null && q.name().compareTo(after) <= 0) {
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

    Struct startMessageMoveTask(ActionRequest r) {
        String sourceArn = SqsInputs.required(r.params(), "SourceArn");
        SqsQueue source = store.byArn(sourceArn);
        if (source == null) {
            throw new AwsException(SqsError.RESOURCE_NOT_FOUND, "The resource that you specified for the SourceArn "
                    + "parameter doesn't exist.");
        }
        SqsInputs.checkAccess(source, r.context(), sourceArn);
        boolean isDeadLetterQueue = false;
        for (SqsQueue q : store.list(source.accountId(), source.region())) {
            if (q.redrivePolicy() != null && q.redrivePolicy().deadLetterTargetArn().equals(source.arn())) {
                isDeadLetterQueue = true;
            }
        }
        if (!isDeadLetterQueue) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Source queue must be configured as a Dead Letter Queue.");
        }
        Integer rate = r.params().integer("MaxNumberOfMessagesPerSecond");
        if (rate != null && (rate < 1 || rate > 500)) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + rate
                    + " for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: must be between 1 and 500.");
        }
        MessageMoveTasks.Task task = moveTasks.start(source, r.params().string("DestinationArn"), rate);
        return Struct.of().put("TaskHandle", task.handle());
    }

    Struct listMessageMoveTasks(ActionRequest r) {
        String sourceArn = SqsInputs.required(r.params(), "SourceArn");
        SqsQueue source = store.byArn(sourceArn);
        if (source == null) {
            throw new AwsException(SqsError.RESOURCE_NOT_FOUND, "The resource that you specified for the SourceArn "
                    + "parameter doesn't exist.");
        }
        int max = r.params().integer("MaxResults", 1);
        if (max < 1 || max > 10) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + max
                    + " for parameter MaxResults is invalid. Reason: must be between 1 and 10.");
        }
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
