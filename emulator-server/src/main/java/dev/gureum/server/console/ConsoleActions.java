package dev.gureum.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.spi.InstanceActions;
import dev.gureum.sqs.domain.SqsException;
import dev.gureum.sqs.domain.SqsQueue;
import dev.gureum.sqs.protocol.SqsService;

/**
 * The console's few actions, each through the domain operation its AWS call uses: PurgeQueue's purge
 * (with its once-a-minute rule), and TerminateInstances' termination as CloudWatch alarms' EC2 actions
 * perform it. Resetting the server and moving the clock are {@code /_gureum/reset} and {@code /_gureum/clock}.
 */
final class ConsoleActions {

    /** A refused action: the HTTP status, an error code and a sentence for the user. */
    static final class Refused extends Exception {
        final int status;
        final String error;

        Refused(int status, String error, String message) {
            super(message);
            this.status = status;
            this.error = error;
        }
    }

    private final ServiceRegistry services;

    ConsoleActions(ServiceRegistry services) {
        this.services = services;
    }

    /** {@code {"queueArn": ...}}: deletes every message of the queue, as PurgeQueue does. */
    void purgeQueue(JsonNode body) throws Refused {
        String arn = text(body, "queueArn");
        SqsQueue queue = services.peek("sqs") instanceof SqsService sqs ? sqs.queues().byArn(arn) : null;
        if (queue == null) {
            throw new Refused(404, "QueueDoesNotExist", "There is no queue " + arn);
        }
        try {
            queue.purge().toCompletableFuture().join();
        } catch (SqsException e) {
            if (e.reason() == SqsException.Reason.PURGE_IN_PROGRESS) {
                throw new Refused(409, "PurgeQueueInProgress",
                        "Only one PurgeQueue operation on " + queue.name() + " is allowed every 60 seconds");
            }
            throw new Refused(400, e.reason().name(), "The queue cannot be purged: " + e.reason());
        }
    }

    /** {@code {"accountId": ..., "region": ..., "instanceId": ...}}: terminates the instance. */
    void terminateInstance(JsonNode body) throws Refused {
        String account = text(body, "accountId");
        String region = text(body, "region");
        String instanceId = text(body, "instanceId");
        InstanceActions ec2 = services.context().crossService().find(InstanceActions.class).orElse(null);
        if (ec2 == null) {
            throw new Refused(404, "ServiceDisabled", "EC2 is not enabled");
        }
        try {
            ec2.perform(account, region, instanceId, InstanceActions.Action.TERMINATE);
        } catch (AwsException e) {
            throw new Refused(e.status(), e.code(), e.getMessage());
        }
    }

    static String text(JsonNode body, String field) throws Refused {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new Refused(400, "InvalidParameter", "Give " + field + " as a string");
        }
        return value.asText();
    }
}
