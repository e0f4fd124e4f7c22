package dev.gureum.sqs.protocol;

import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.core.spi.QueueDelivery;
import dev.gureum.sqs.domain.MessageMoveTasks;
import dev.gureum.sqs.domain.QueueStore;
import dev.gureum.sqs.domain.SqsQueue;

import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** SQS over its JSON protocol and the older query protocol, with the same semantics. */
public final class SqsService extends ActionService implements QueueDelivery {

    private final QueueStore store = new QueueStore();
    private final ScheduledExecutorService scheduler;
    private final MessageMoveTasks moveTasks;
    private final MessageOperations messages;

    public SqsService(EmulatorContext context) {
        super(ServiceDescriptor.SQS);
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gureum-sqs-timers");
            t.setDaemon(true);
            return t;
        });
        // long polls that end early leave their timeouts behind: drop them rather than keep 10,000s around
        timers.setRemoveOnCancelPolicy(true);
        this.scheduler = timers;
        this.moveTasks = new MessageMoveTasks(store, context.clock());
        QueueOperations queues = new QueueOperations(store, moveTasks, context.clock(), scheduler,
                "domain".equals(context.config().setting("sqs.endpoint-strategy")));
        this.messages = new MessageOperations(store);
        register("CreateQueue", queues::createQueue);
        register("GetQueueUrl", queues::getQueueUrl);
        register("ListQueues", queues::listQueues);
        register("DeleteQueue", queues::deleteQueue);
        register("PurgeQueue", queues::purgeQueue);
        register("GetQueueAttributes", queues::getQueueAttributes);
        register("SetQueueAttributes", queues::setQueueAttributes);
        register("TagQueue", queues::tagQueue);
        register("UntagQueue", queues::untagQueue);
        register("ListQueueTags", queues::listQueueTags);
        register("AddPermission", queues::addPermission);
        register("RemovePermission", queues::removePermission);
        register("ListDeadLetterSourceQueues", queues::listDeadLetterSourceQueues);
        register("StartMessageMoveTask", queues::startMessageMoveTask);
        register("ListMessageMoveTasks", queues::listMessageMoveTasks);
        register("CancelMessageMoveTask", queues::cancelMessageMoveTask);
        register("SendMessage", messages::sendMessage);
        register("SendMessageBatch", messages::sendMessageBatch);
        register("ReceiveMessage", messages::receiveMessage);
        register("DeleteMessage", messages::deleteMessage);
        register("DeleteMessageBatch", messages::deleteMessageBatch);
        register("ChangeMessageVisibility", messages::changeMessageVisibility);
        register("ChangeMessageVisibilityBatch", messages::changeMessageVisibilityBatch);
    }

    @Override
    protected Set<Protocol> protocols() {
        return Set.of(Protocol.JSON, Protocol.QUERY);
    }

    @Override
    public boolean nonBlocking() {
        return true;
    }

    @Override
    public void reset() {
        store.clear();
        moveTasks.clear();
    }

    @Override
    public void close() {
        store.clear();
        scheduler.shutdownNow();
    }

    @Override
    public String send(String queueArn, OutgoingMessage message) {
        SqsQueue queue = store.byArn(queueArn);
        if (queue == null) {
            throw new AwsException(SqsError.QUEUE_DOES_NOT_EXIST, "The specified queue does not exist.");
        }
        return messages.deliver(queue, message.body(), message.attributes(), message.messageGroupId(),
                message.deduplicationId(), queue.accountId());
    }

    /** Receivers parked in long polls on a queue, for diagnostics and tests. */
    public int waitingReceivers(String accountId, String region, String queueName) {
        SqsQueue queue = store.get(accountId, region, queueName);
        return queue == null ? 0 : queue.waitingReceivers();
    }

}
