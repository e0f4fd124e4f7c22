package dev.gureum.lambda.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.spi.Caller;
import dev.gureum.core.spi.MessageAttribute;
import dev.gureum.core.spi.QueueDelivery;
import dev.gureum.core.spi.TopicPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Where asynchronous invocations end: invocation records to on-success and on-failure destinations (SQS
 * queues, SNS topics, Lambda functions), and discarded events to a function's dead-letter queue or topic.
 * Lambda sends them with the function's execution role; here as the service principal
 * {@code lambda.amazonaws.com} acting for the function. A delivery that fails is logged and dropped, as
 * Lambda counts it in {@code DestinationDeliveryFailures} and {@code DeadLetterErrors}.
 */
final class EventDestinations {

    private static final Logger LOG = LoggerFactory.getLogger(EventDestinations.class);

    private final LambdaState state;
    /** Sends a record to a function asynchronously: the function's ARN and the record. */
    private final BiConsumer<String, byte[]> functions;

    EventDestinations(LambdaState state, BiConsumer<String, byte[]> functions) {
        this.state = state;
        this.functions = functions;
    }

    /** Sends an invocation record to a destination. */
    void record(String destination, String functionArn, String accountId, String record) {
        try {
            String service = Arn.parse(destination).service();
            Caller caller = Caller.service("lambda.amazonaws.com", functionArn, accountId);
            switch (service) {
                case "sqs" -> queues().send(caller, destination, new QueueDelivery.OutgoingMessage(record, null, null,
                        null));
                case "sns" -> topics().publish(caller, destination, record, null, Map.of());
                case "lambda" -> functions.accept(destination, record.getBytes(StandardCharsets.UTF_8));
                default -> throw LambdaErrors.invalid("Unsupported destination " + destination);
            }
        } catch (AwsException | IllegalArgumentException e) {
            LOG.warn("The invocation record of {} could not be sent to {}: {}", functionArn, destination, e.getMessage());
        }
    }

    /**
     * Sends a discarded event to the function's dead-letter queue or topic: the event as it came, with the
     * attributes {@code RequestID}, {@code ErrorCode} and {@code ErrorMessage}.
     */
    void deadLetter(String target, String functionArn, String accountId, byte[] payload, String requestId,
                    int errorCode, String errorMessage) {
        Map<String, MessageAttribute> attributes = Map.of(
                "RequestID", MessageAttribute.string(requestId),
                "ErrorCode", new MessageAttribute("Number", Integer.toString(errorCode), null),
                "ErrorMessage", MessageAttribute.string(errorMessage));
        String body = new String(payload, StandardCharsets.UTF_8);
        try {
            Caller caller = Caller.service("lambda.amazonaws.com", functionArn, accountId);
            switch (Arn.parse(target).service()) {
                case "sqs" -> queues().send(caller, target, new QueueDelivery.OutgoingMessage(body, attributes, null,
                        null));
                case "sns" -> topics().publish(caller, target, body, null, attributes);
                default -> throw LambdaErrors.invalid("Unsupported dead-letter target " + target);
            }
        } catch (AwsException | IllegalArgumentException e) {
            LOG.warn("The event {} of {} could not be sent to its dead-letter target {}: {}", requestId, functionArn,
                    target, e.getMessage());
        }
    }

    private QueueDelivery queues() {
        return state.context.crossService().find(QueueDelivery.class).orElseThrow(() ->
                LambdaErrors.invalid("SQS is not enabled on this server"));
    }

    private TopicPublisher topics() {
        return state.context.crossService().find(TopicPublisher.class).orElseThrow(() ->
                LambdaErrors.invalid("SNS is not enabled on this server"));
    }
}
