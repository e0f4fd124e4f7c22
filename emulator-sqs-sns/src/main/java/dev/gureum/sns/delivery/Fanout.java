package dev.gureum.sns.delivery;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Ids;
import dev.gureum.core.spi.Caller;
import dev.gureum.core.spi.CrossService;
import dev.gureum.core.spi.FunctionInvoker;
import dev.gureum.core.spi.MessageAttribute;
import dev.gureum.core.id.Arn;
import dev.gureum.core.spi.QueueDelivery;
import dev.gureum.sns.domain.DeliveryProtocol;
import dev.gureum.sns.domain.HttpDeliveryPolicy;
import dev.gureum.sns.domain.Notification;
import dev.gureum.sns.domain.SentMessage;
import dev.gureum.sns.domain.SentMessages;
import dev.gureum.sns.domain.Subscription;
import dev.gureum.sns.domain.Topic;
import dev.gureum.sns.filter.FilterInput;
import dev.gureum.sns.filter.FilterPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Takes a published message to every confirmed subscription whose filter policy accepts it: SQS
 * queues at once (in-process, so nothing is lost and FIFO groups keep their order), Lambda functions
 * through the asynchronous invoke, HTTP/S endpoints in the background with retries; email, SMS, push
 * and Firehose are recorded. What cannot be delivered goes to the subscription's dead-letter queue.
 */
public final class Fanout {

    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);
    /** SQS takes at most ten message attributes; raw deliveries with more fail, as on AWS. */
    private static final int MAX_RAW_ATTRIBUTES = 10;

    private final Envelopes envelopes;
    private final CrossService crossService;
    private final HttpDelivery http;
    private final SentMessages sent;
    private final TopicMetrics metrics;
    private volatile QueueDelivery queues;

    public Fanout(Envelopes envelopes, CrossService crossService, HttpDelivery http, SentMessages sent,
                  TopicMetrics metrics) {
        this.envelopes = envelopes;
        this.crossService = crossService;
        this.http = http;
        this.sent = sent;
        this.metrics = metrics;
    }

    public TopicMetrics metrics() {
        return metrics;
    }

    public Envelopes envelopes() {
        return envelopes;
    }

    /** One publish on its way out: what subscriptions share (signatures, the message as filters see it). */
    private final class Outgoing {
        final Topic topic;
        final Notification notification;
        final String baseUrl;
        final Map<String, String> signatures = new HashMap<>(2);
        /** The stages of the messages given to queues, durable when they complete. */
        final List<CompletableFuture<?>> queued = new ArrayList<>(2);
        final Map<String, FilterInput> bodies = new HashMap<>(2);
        FilterInput attributes;

        Outgoing(Topic topic, Notification notification, String baseUrl) {
            this.topic = topic;
            this.notification = notification;
            this.baseUrl = baseUrl;
        }

        String signature(String message) {
            return signatures.computeIfAbsent(message,
                    m -> envelopes.sign(notification, m, topic.signatureVersion()));
        }

        boolean accepts(Subscription s, String message) {
            FilterPolicy policy = s.filterPolicy();
            if (policy == null) {
                return true;
            }
            if (policy.scope() == FilterPolicy.Scope.MESSAGE_BODY) {
                return policy.matches(bodies.computeIfAbsent(message, FilterInput::ofBody));
            }
            if (attributes == null) {
                attributes = FilterInput.ofAttributes(notification.attributes());
            }
            return policy.matches(attributes);
        }

        String envelope(Subscription s, String message) {
            String signature = topic.isFifo() ? null : signature(message);
            return envelopes.notification(notification, message, signature, topic.signatureVersion(), s.arn(), baseUrl);
        }
    }

    /**
     * Delivers to the topic's subscriptions; returns when SQS deliveries are done (the others continue
     * in the background), with a stage that completes when the messages given to queues are durable.
     */
    public CompletionStage<Void> publish(Topic topic, Notification notification, String baseUrl) {
        Outgoing out = new Outgoing(topic, notification, baseUrl);
        for (Subscription s : topic.subscriptions()) {
            if (!s.isConfirmed()) {
                continue;
            }
            String message = notification.messageFor(messageKey(s));
            if (!out.accepts(s, message)) {
                continue;
            }
            try {
                deliver(out, s, message);
            } catch (RuntimeException e) {
                LOG.warn("SNS delivery of message {} to {} failed", notification.messageId(), s.arn(), e);
            }
        }
        return out.queued.isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.allOf(out.queued.toArray(CompletableFuture[]::new));
    }

    /** The key of the subscription's message in a {@code MessageStructure=json} publish. */
    private static String messageKey(Subscription s) {
        if (s.protocol() == DeliveryProtocol.APPLICATION) {
            return platformOf(s.endpoint());
        }
        return s.protocol().wireName();
    }

    /** The platform of an endpoint ARN: {@code ...:endpoint/GCM/app/id} is {@code GCM}. */
    public static String platformOf(String endpointArn) {
        String resource;
        try {
            resource = Arn.parse(endpointArn).resource();
        } catch (IllegalArgumentException e) {
            return "default";
        }
        if (!resource.startsWith("endpoint/")) {
            return "default";
        }
        String platform = resource.substring("endpoint/".length());
        int end = platform.indexOf('/');
        return end < 0 ? platform : platform.substring(0, end);
    }

    private void deliver(Outgoing out, Subscription s, String message) {
        Notification n = out.notification;
        boolean raw = s.isRawMessageDelivery();
        switch (s.protocol()) {
            case SQS -> {
                String body = raw ? message : out.envelope(s, message);
                Map<String, MessageAttribute> attributes = raw ? n.attributes() : Map.of();
                String dedup = out.topic.isFifo() ? n.deduplicationId() : null;
                if (raw && attributes.size() > MAX_RAW_ATTRIBUTES) {
                    failed(s, n, body, attributes, "Message attributes over " + MAX_RAW_ATTRIBUTES
                            + " cannot be delivered raw to SQS", out.queued);
                    return;
                }
                String problem = sendToQueue(s, s.endpoint(), body, attributes, n.groupId(), dedup, out.queued);
                if (problem != null) {
                    failed(s, n, body, attributes, problem, out.queued);
                } else {
                    metrics.delivered(s.topicArn());
                }
            }
            case LAMBDA -> {
                String envelope = out.envelope(s, message);
                FunctionInvoker functions = crossService.find(FunctionInvoker.class).orElse(null);
                if (functions == null) {
                    failed(s, n, envelope, Map.of(), "Lambda is not available in this Gureum");
                    return;
                }
                byte[] event = envelopes.lambdaEvent(n, message, out.signature(message), out.topic.signatureVersion(),
                        s.arn(), out.baseUrl);
                try {
                    // SNS invokes as sns.amazonaws.com for the topic: the function's policy must allow that
                    functions.invoke(s.endpoint(), event, FunctionInvoker.InvocationType.EVENT,
                                    topicCaller(out.topic.arn()))
                            .whenComplete((result, error) -> {
                                if (error != null) {
                                    failed(s, n, envelope, Map.of(), describe(error));
                                } else {
                                    metrics.delivered(s.topicArn());
                                }
                            });
                } catch (RuntimeException e) {
                    failed(s, n, envelope, Map.of(), describe(e));
                }
            }
            case HTTP, HTTPS -> {
                String body = raw ? message : out.envelope(s, message);
                Map<String, String> headers = new LinkedHashMap<>();
                HttpDeliveryPolicy policy = effectivePolicy(out.topic, s);
                headers.put("Content-Type", policy.contentType());
                headers.put("x-amz-sns-message-type", "Notification");
                headers.put("x-amz-sns-message-id", n.messageId());
                headers.put("x-amz-sns-topic-arn", n.topicArn());
                headers.put("x-amz-sns-subscription-arn", s.arn());
                if (raw) {
                    headers.put("x-amz-sns-rawdelivery", "true");
                }
                Map<String, MessageAttribute> attributes = raw ? n.attributes() : Map.of();
                http.send(new HttpDelivery.Post(URI.create(s.endpoint()), headers, body,
                        policy.retryPolicy().delays(), "message " + n.messageId() + " to " + s.endpoint(),
                        reason -> failed(s, n, body, attributes, reason), () -> metrics.delivered(s.topicArn())));
            }
            case EMAIL -> record(s, n, "Notification", message, emailText(message, s.arn(), out.baseUrl),
                    n.subject() != null ? n.subject() : "AWS Notification Message");
            case EMAIL_JSON -> record(s, n, "Notification", message, out.envelope(s, message), n.subject());
            case SMS, APPLICATION -> record(s, n, "Notification", message, message, n.subject());
            case FIREHOSE -> record(s, n, "Notification", message, raw ? message : out.envelope(s, message), n.subject());
        }
    }

    /** The subscription's own delivery policy, unless the topic's forbids overriding it. */
    public static HttpDeliveryPolicy effectivePolicy(Topic topic, Subscription s) {
        HttpDeliveryPolicy own = s.ownDeliveryPolicy();
        return own == null || topic.subscriptionOverridesDisabled() ? topic.deliveryPolicy() : own;
    }

    private static String emailText(String message, String subscriptionArn, String baseUrl) {
        return message + "\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit "
                + "the link below to unsubscribe:\n" + Envelopes.unsubscribeUrl(baseUrl, subscriptionArn) + "\n";
    }

    private void record(Subscription s, Notification n, String type, String message, String body, String subject) {
        metrics.delivered(s.topicArn());
        if (s.protocol() == DeliveryProtocol.APPLICATION) {
            metrics.pushDelivered(s.endpoint());
        }
        sent.add(new SentMessage(s.protocol().wireName(), s.endpoint(), n.topicArn(), s.arn(), n.messageId(), type,
                subject, message, body, n.attributes(), n.timestamp(), null, null));
    }

    /** Records a message published straight to a phone number or a push endpoint. */
    public void publishDirect(String protocol, String endpoint, Notification n, String message) {
        if (protocol.equals("application")) {
            metrics.pushDelivered(endpoint);
        }
        sent.add(new SentMessage(protocol, endpoint, null, null, n.messageId(), "Notification", n.subject(), message,
                message, n.attributes(), n.timestamp(), null, null));
    }

    // ---- confirmations -------------------------------------------------------------------------

    /** Sends an HTTP/S or email subscription the message that lets it confirm. */
    public void requestConfirmation(Subscription s, String baseUrl, Instant now) {
        String message = "You have chosen to subscribe to the topic " + s.topicArn()
                + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.";
        sendConfirmation(s, "SubscriptionConfirmation", message, baseUrl, now);
    }

    /** Tells an HTTP/S endpoint it has been unsubscribed, with a link to subscribe again. */
    public void confirmUnsubscribe(Subscription s, String baseUrl, Instant now) {
        if (!s.protocol().isHttp()) {
            return;
        }
        String message = "You have chosen to deactivate subscription " + s.arn()
                + ".\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.";
        sendConfirmation(s, "UnsubscribeConfirmation", message, baseUrl, now);
    }

    private void sendConfirmation(Subscription s, String type, String message, String baseUrl, Instant now) {
        String messageId = Ids.uuid();
        Topic topic = s.topic();
        String document = envelopes.confirmation(type, messageId, s.topicArn(), s.token(), message, now,
                topic.signatureVersion(), baseUrl);
        switch (s.protocol()) {
            case HTTP, HTTPS -> {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Content-Type", HttpDeliveryPolicy.DEFAULT_CONTENT_TYPE);
                headers.put("x-amz-sns-message-type", type);
                headers.put("x-amz-sns-message-id", messageId);
                headers.put("x-amz-sns-topic-arn", s.topicArn());
                if (!type.equals("SubscriptionConfirmation")) {
                    headers.put("x-amz-sns-subscription-arn", s.arn());
                }
                http.send(new HttpDelivery.Post(URI.create(s.endpoint()), headers, document,
                        topic.deliveryPolicy().retryPolicy().delays(), type + " to " + s.endpoint(), reason -> {
                        }));
            }
            case EMAIL, EMAIL_JSON -> {
                String subscribeUrl = Envelopes.subscribeUrl(baseUrl, s.topicArn(), s.token());
                String body = s.protocol() == DeliveryProtocol.EMAIL_JSON ? document
                        : "You have chosen to subscribe to the topic:\n" + s.topicArn()
                        + "\n\nTo confirm this subscription, click or visit the link below (If this was in error no "
                        + "action is necessary):\n" + subscribeUrl + "\n";
                sent.add(new SentMessage(s.protocol().wireName(), s.endpoint(), s.topicArn(), s.arn(), messageId, type,
                        "AWS Notification - Subscription Confirmation", message, body, Map.of(), now, subscribeUrl,
                        s.token()));
            }
            default -> {
            }
        }
    }

    // ---- failures ------------------------------------------------------------------------------

    /** Sends a message to a queue, as SNS for the subscription's topic; returns why it could not, or {@code null}. */
    private String sendToQueue(Subscription s, String queueArn, String body, Map<String, MessageAttribute> attributes, String groupId,
                               String deduplicationId) {
        return sendToQueue(s, queueArn, body, attributes, groupId, deduplicationId, null);
    }

    /** As above; with {@code queued}, the stage of the message's durability is added to it. */
    private String sendToQueue(Subscription s, String queueArn, String body, Map<String, MessageAttribute> attributes,
                               String groupId, String deduplicationId, List<CompletableFuture<?>> queued) {
        QueueDelivery delivery = queues();
        if (delivery == null) {
            return "SQS is not available in this Gureum";
        }
        boolean fifoQueue = queueArn.endsWith(".fifo");
        try {
            QueueDelivery.OutgoingMessage outgoing = new QueueDelivery.OutgoingMessage(body, attributes, groupId,
                    fifoQueue ? deduplicationId : null);
            if (queued == null) {
                delivery.send(topicCaller(s.topicArn()), queueArn, outgoing);
            } else {
                queued.add(delivery.sendDurably(topicCaller(s.topicArn()), queueArn, outgoing).toCompletableFuture());
            }
            return null;
        } catch (AwsException e) {
            return e.code() + ": " + e.getMessage();
        }
    }

    /** A delivery that failed for good: to the dead-letter queue if the subscription has one. */
    private void failed(Subscription s, Notification n, String body, Map<String, MessageAttribute> attributes,
                        String reason) {
        failed(s, n, body, attributes, reason, null);
    }

    private void failed(Subscription s, Notification n, String body, Map<String, MessageAttribute> attributes,
                        String reason, List<CompletableFuture<?>> queued) {
        metrics.failed(s.topicArn());
        String dlq = s.deadLetterQueueArn();
        if (dlq == null) {
            LOG.warn("SNS could not deliver message {} of {} to {} ({}): {}", n.messageId(), n.topicArn(),
                    s.endpoint(), s.protocol().wireName(), reason);
            return;
        }
        String dedup = n.deduplicationId() != null ? n.deduplicationId() : n.messageId();
        String problem = sendToQueue(s, dlq, body, attributes, n.groupId(), dedup, queued);
        if (problem == null) {
            LOG.info("SNS moved message {} for {} to its dead-letter queue {} ({})", n.messageId(), s.endpoint(), dlq,
                    reason);
        } else {
            LOG.warn("SNS could not deliver message {} to {} ({}), nor to the dead-letter queue {}: {}",
                    n.messageId(), s.endpoint(), reason, dlq, problem);
        }
    }

    /** SNS delivers as sns.amazonaws.com for the topic: the target's policy must allow that. */
    private static Caller topicCaller(String topicArn) {
        return Caller.service("sns.amazonaws.com", topicArn, Arn.parse(topicArn).accountId());
    }

    private QueueDelivery queues() {
        QueueDelivery q = queues;
        if (q == null) {
            q = crossService.find(QueueDelivery.class).orElse(null);
            queues = q;
        }
        return q;
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause instanceof AwsException aws ? aws.code() + ": " + aws.getMessage() : String.valueOf(cause);
    }

    /** For {@code GET /_gureum/sns/messages}. */
    public List<SentMessage> sent(java.util.function.Predicate<SentMessage> filter) {
        return sent.find(filter);
    }

    public SentMessages sentMessages() {
        return sent;
    }
}
