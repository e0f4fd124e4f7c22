package dev.gureum.core.spi;

import java.util.Map;

/**
 * Publishes to SNS topics on behalf of other services (S3 notifications). A topic of another account than
 * the publisher's resource takes the message only where its policy allows the publisher {@code SNS:Publish}.
 */
public interface TopicPublisher {

    /**
     * Publishes a message to the topic with this ARN.
     *
     * @return the message id
     * @param publisher the service and the resource it publishes for
     * @throws dev.gureum.core.error.AwsException when the topic does not exist or its policy does not allow the publisher
     */
    String publish(Caller publisher, String topicArn, String message, String subject, Map<String, MessageAttribute> attributes);
}
