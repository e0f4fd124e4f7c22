package dev.gureum.sqs.protocol;

import dev.gureum.core.EmulatorContext;
import dev.gureum.core.auth.AccessRequest;
import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.spi.Caller;
import dev.gureum.core.spi.QueueConsumer;
import dev.gureum.core.spi.QueueDelivery;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.time.Timers;
import dev.gureum.sqs.domain.MessageMoveTasks;
import dev.gureum.sqs.domain.QueueAttributes;
import dev.gureum.sqs.domain.QueueMetrics;
import dev.gureum.sqs.domain.QueueStore;
import dev.gureum.sqs.domain.ReceiveRequest;
import dev.gureum.sqs.domain.SqsException;
import dev.gureum.sqs.domain.SqsMessage;
import dev.gureum.sqs.domain.SqsQueue;
import dev.gureum.sqs.domain.SqsState;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** SQS over its JSON protocol and the older query protocol, with the same semantics. */
public final class SqsService extends ActionService implements QueueDelivery, QueueConsumer {

    private final QueueStore store = new QueueStore();
    private final MessageMoveTasks moveTasks;
    private final MessageOperations messages;
    private final StateJournal journal;
    private final QueueMetrics metrics;
    /** With IAM enforced, a service needs the queue's policy within its own account too, as on AWS. */
    private final boolean enforceIam;

    public SqsService(EmulatorContext context) {
        super(dev.gureum.sqs.SqsModule.DESCRIPTOR);
        this.enforceIam = context.config().enforceIam();
        // delays, visibility timeouts and long polls end on the server clock
        Timers scheduler = context.timers();
        this.moveTasks = new MessageMoveTasks(store, context.clock());
        this.journal = context.persistence().open(new SqsState(store, moveTasks, context.clock(), scheduler));
        store.journal(journal);
        QueueOperations queues = new QueueOperations(store, moveTasks, context.clock(), scheduler,
                "domain".equals(context.config().setting("sqs.endpoint-strategy")));
        this.metrics = QueueMetrics.publishedTo(context.crossService().find(dev.gureum.core.spi.MetricSink.class)
                .orElse(null), context.clock(), store);
        this.messages = new MessageOperations(store, metrics);
        on("CreateQueue", queues::createQueue);
        on("GetQueueUrl", queues::getQueueUrl);
        on("ListQueues", queues::listQueues);
        on("DeleteQueue", queues::deleteQueue);
        on("PurgeQueue", queues::purgeQueue);
        on("GetQueueAttributes", queues::getQueueAttributes);
        on("SetQueueAttributes", queues::setQueueAttributes);
        on("TagQueue", queues::tagQueue);
        on("UntagQueue", queues::untagQueue);
        on("ListQueueTags", queues::listQueueTags);
        on("AddPermission", queues::addPermission);
        on("RemovePermission", queues::removePermission);
        on("ListDeadLetterSourceQueues", queues::listDeadLetterSourceQueues);
        on("StartMessageMoveTask", queues::startMessageMoveTask);
        on("ListMessageMoveTasks", queues::listMessageMoveTasks);
        on("CancelMessageMoveTask", queues::cancelMessageMoveTask);
        on("SendMessage", messages::sendMessage);
        on("SendMessageBatch", messages::sendMessageBatch);
        on("ReceiveMessage", messages::receiveMessage);
        on("DeleteMessage", messages::deleteMessage);
        on("DeleteMessageBatch", messages::deleteMessageBatch);
        on("ChangeMessageVisibility", messages::changeMessageVisibility);
        on("ChangeMessageVisibilityBatch", messages::changeMessageVisibilityBatch);
        enforce(context, SqsAccess.rules(store));
    }

    /** Registers an operation whose domain refusals become SQS's errors. */
    private void on(String action, Operation operation) {
        register(action, request -> {
            try {
                return operation.invoke(request);
            } catch (SqsException e) {
                throw SqsErrors.aws(e);
            }
        });
    }

    /** Every queue of every account and region, for Gureum's own views (the console). */
    public QueueStore queues() {
        return store;
    }

    @Override
    public boolean nonBlocking() {
        return true;
    }

    @Override
    public void reset() {
        journal.reset();
    }

    @Override
    public void close() {
        // the final snapshot first: it reads the queues
        journal.close();
        store.clear();
    }

    @Override
    public String send(Caller sender, String queueArn, OutgoingMessage message) {
        return deliver(sender, queueArn, message).messageId();
    }

    @Override
    public java.util.concurrent.CompletionStage<String> sendDurably(Caller sender, String queueArn,
                                                                    OutgoingMessage message) {
        SqsQueue.Sent sent = deliver(sender, queueArn, message);
        return sent.durable() == null ? java.util.concurrent.CompletableFuture.completedFuture(sent.messageId())
                : sent.durable().thenApply(v -> sent.messageId());
    }

    private SqsQueue.Sent deliver(Caller sender, String queueArn, OutgoingMessage message) {
        SqsQueue queue = existing(queueArn);
        // another account's queue must allow the service; with IAM enforced, S3 and SNS need a
        // policy allowing s3.amazonaws.com or sns.amazonaws.com sqs:SendMessage in its own account too
        boolean ownAccount = queue.accountId().equals(sender.sourceAccount())
                && !(enforceIam && sender.needsPolicyInOwnAccount());
        if (!ownAccount && !QueuePolicies.decide(queue,
                AccessRequest.of(sender.principal(), "sqs:SendMessage", queue.arn(), sourceConditions(sender))).allowed()) {
            throw new AwsException(SqsError.ACCESS_DENIED, "Access to the resource " + queue.arn() + " is denied.");
        }
        try {
            // the domain's message, not the SPI's OutgoingMessage this method receives
            dev.gureum.sqs.domain.OutgoingMessage delivered = dev.gureum.sqs.domain.OutgoingMessage.delivered(queue,
                    message.body(), message.attributes(), message.messageGroupId(), message.deduplicationId());
            SqsQueue.Sent sent = queue.send(delivered, queue.accountId());
            metrics.sent(queue, delivered);
            return sent;
        } catch (SqsException e) {
            throw SqsErrors.aws(e);
        }
    }

    private SqsQueue existing(String queueArn) {
        SqsQueue queue = store.byArn(queueArn);
        if (queue == null) {
            throw new AwsException(SqsError.QUEUE_DOES_NOT_EXIST, "The specified queue does not exist.");
        }
        return queue;
    }

    /** A queue as another service's consumer may use it: its own account's, or one whose policy allows it. */
    private SqsQueue consumed(Principal consumer, String queueArn, String action) {
        SqsQueue queue = existing(queueArn);
        dev.gureum.core.auth.Authorizer authorizer = authorizer();
        if (authorizer != null) {
            // with IAM enforced, a consumer acting as a role (an event source's function) needs its role's policies
            // at each call, as AWS's poller does: a role that lost the permission stops reading
            AccessRequest request = AccessRequest.of(consumer, action, queue.arn(), queue.accountId(), Map.of());
            dev.gureum.core.auth.AccessDecision denied = authorizer.denial(request,
                    PolicyDocument.ofStored(queue.attribute(QueueAttributes.POLICY)));
            if (denied != null) {
                throw new AwsException(SqsError.ACCESS_DENIED, denied.message(request));
            }
        }
        if (queue.accountId().equals(consumer.accountId())) {
            return queue;
        }
        if (!QueuePolicies.decide(queue, AccessRequest.of(consumer, action, queue.arn())).allowed()) {
            throw new AwsException(SqsError.ACCESS_DENIED, "Access to the resource " + queue.arn() + " is denied.");
        }
        return queue;
    }

    private static Map<String, String> sourceConditions(Caller sender) {
        Map<String, String> conditions = new LinkedHashMap<>();
        if (sender.sourceArn() != null) {
            conditions.put("aws:SourceArn", sender.sourceArn());
        }
        if (sender.sourceAccount() != null) {
            conditions.put("aws:SourceAccount", sender.sourceAccount());
        }
        return conditions;
    }

    @Override
    public Map<String, String> attributes(Principal consumer, String queueArn) {
        return consumed(consumer, queueArn, "sqs:GetQueueAttributes").allAttributes();
    }

    @Override
    public CompletionStage<List<ReceivedMessage>> receive(Principal consumer, String queueArn, int maxMessages,
                                                          Duration wait, Integer visibilityTimeout) {
        SqsQueue queue = consumed(consumer, queueArn, "sqs:ReceiveMessage");
        try {
            return queue.receive(new ReceiveRequest(maxMessages, visibilityTimeout, wait, null))
                    .thenApply(received -> {
                        metrics.received(queue, received.size());
                        return received.stream().map(SqsService::received).toList();
                    });
        } catch (SqsException e) {
            throw SqsErrors.aws(e);
        }
    }

    private static ReceivedMessage received(SqsMessage.Received r) {
        SqsMessage m = r.message();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ApproximateReceiveCount", String.valueOf(r.receiveCount()));
        attributes.put("SentTimestamp", String.valueOf(m.sent().toEpochMilli()));
        attributes.put("SenderId", m.senderId());
        attributes.put("ApproximateFirstReceiveTimestamp", String.valueOf(r.firstReceived().toEpochMilli()));
        if (m.sequenceNumber() != null) {
            attributes.put("SequenceNumber", m.sequenceNumber());
        }
        if (m.groupId() != null) {
            attributes.put("MessageGroupId", m.groupId());
        }
        if (m.deduplicationId() != null) {
            attributes.put("MessageDeduplicationId", m.deduplicationId());
        }
        if (m.systemAttributes().get("AWSTraceHeader") != null) {
            attributes.put("AWSTraceHeader", m.systemAttributes().get("AWSTraceHeader").stringValue());
        }
        return new ReceivedMessage(m.messageId(), r.receiptHandle(), m.body(), m.md5OfBody(), attributes,
                m.attributes());
    }

    @Override
    public void delete(Principal consumer, String queueArn, String receiptHandle) {
        SqsQueue queue = consumed(consumer, queueArn, "sqs:DeleteMessage");
        try {
            queue.delete(receiptHandle);
            metrics.deleted(queue);
        } catch (SqsException e) {
            throw SqsErrors.aws(e);
        }
    }

    @Override
    public void changeVisibility(Principal consumer, String queueArn, String receiptHandle,
                                 int visibilityTimeoutSeconds) {
        SqsQueue queue = consumed(consumer, queueArn, "sqs:ChangeMessageVisibility");
        try {
            queue.changeVisibility(receiptHandle, visibilityTimeoutSeconds);
        } catch (SqsException e) {
            throw SqsErrors.aws(e);
        }
    }

    /** Receivers parked in long polls on a queue, for diagnostics and tests. */
    public int waitingReceivers(String accountId, String region, String queueName) {
        SqsQueue queue = store.get(accountId, region, queueName);
        return queue == null ? 0 : queue.waitingReceivers();
    }

}
