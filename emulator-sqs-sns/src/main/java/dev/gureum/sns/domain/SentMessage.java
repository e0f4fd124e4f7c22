package dev.gureum.sns.domain;

import dev.gureum.core.spi.MessageAttribute;

import java.time.Instant;
import java.util.Map;

/**
 * A message Gureum would have sent to an endpoint it does not reach (email, SMS, mobile push,
 * Firehose), kept so that tests can see it.
 *
 * @param type            {@code Notification}, or {@code SubscriptionConfirmation} for a confirmation email
 * @param topicArn        {@code null} for an SMS or push message published directly
 * @param subscriptionArn {@code null} for a message published directly
 * @param body            what the endpoint would have received (the email text, the JSON document...)
 * @param subscribeUrl    for a confirmation, the URL that confirms the subscription
 * @param token           for a confirmation, its token
 */
public record SentMessage(String protocol, String endpoint, String topicArn, String subscriptionArn,
                          String messageId, String type, String subject, String message, String body,
                          Map<String, MessageAttribute> attributes, Instant timestamp, String subscribeUrl,
                          String token) {

    public SentMessage {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
