package dev.gureum.core.spi;

import java.util.Map;

/** Publishes to SNS topics on behalf of other services (S3 notifications, Lambda destinations). */
public interface TopicPublisher {

    /**
     * Publishes a message to the topic with this ARN.
     *
     * @return the message id
     * @throws dev.gureum.core.error.AwsException when the topic does not exist
     */
    String publish(String topicArn, String message, String subject, Map<String, MessageAttribute> attributes);
}
