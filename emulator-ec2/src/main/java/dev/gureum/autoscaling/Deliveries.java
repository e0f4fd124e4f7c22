package dev.gureum.autoscaling;

import dev.gureum.autoscaling.domain.Notifier;
import dev.gureum.core.spi.Caller;
import dev.gureum.core.spi.CrossService;
import dev.gureum.core.spi.QueueDelivery;
import dev.gureum.core.spi.TopicPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** Auto Scaling's messages to SQS queues and SNS topics, through the server's cross-service bindings. */
final class Deliveries implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

    private final CrossService services;

    Deliveries(CrossService services) {
        this.services = services;
    }

    @Override
    public void send(String account, String targetArn, String subject, String message) {
        Caller caller = Caller.service("autoscaling.amazonaws.com", null, account);
        try {
            if (targetArn.contains(":sqs:")) {
                services.find(QueueDelivery.class).ifPresent(q -> q.send(caller, targetArn,
                        new QueueDelivery.OutgoingMessage(message, Map.of(), null, null)));
            } else if (targetArn.contains(":sns:")) {
                services.find(TopicPublisher.class).ifPresent(t -> t.publish(caller, targetArn, message, subject,
                        Map.of()));
            }
        } catch (RuntimeException e) {
            // AWS drops a notification its target refuses; the group goes on
            LOG.debug("Auto Scaling could not deliver to {}: {}", targetArn, e.getMessage());
        }
    }
}
