package dev.gureum.sns.domain;

import dev.gureum.core.id.Arn;
import dev.gureum.sns.domain.SnsException.Reason;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** Which protocols a topic delivers to, and what an endpoint of each protocol must look like. */
public final class SubscriptionEndpoints {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    /** Digits with single separators between them, as AWS accepts SMS endpoints ({@code +12/34-567.890}). */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]+([./-][0-9]+)*");

    private SubscriptionEndpoints() {
    }

    /** The protocol a Subscribe names, in any case. */
    public static DeliveryProtocol protocol(String name) {
        DeliveryProtocol protocol = DeliveryProtocol.of(name.toLowerCase(Locale.ROOT));
        if (protocol == null) {
            throw new SnsException(Reason.UNSUPPORTED_PROTOCOL, name);
        }
        return protocol;
    }

    /** Checks that the topic delivers to the protocol and that the endpoint is one of the protocol's. */
    public static String check(Topic topic, DeliveryProtocol protocol, String endpoint) {
        if (topic.isFifo() && protocol != DeliveryProtocol.SQS) {
            throw new SnsException(Reason.PROTOCOL_NOT_FOR_FIFO_TOPIC, protocol.wireName());
        }
        if (endpoint == null || endpoint.isEmpty()) {
            throw new SnsException(Reason.ENDPOINT_MISSING);
        }
        switch (protocol) {
            case HTTP, HTTPS -> {
                if (!endpoint.toLowerCase(Locale.ROOT).startsWith(protocol.wireName() + "://")) {
                    throw new SnsException(Reason.ENDPOINT_PROTOCOL_MISMATCH);
                }
                try {
                    if (URI.create(endpoint).getHost() == null) {
                        throw invalid(protocol, endpoint);
                    }
                } catch (IllegalArgumentException e) {
                    throw invalid(protocol, endpoint);
                }
            }
            case EMAIL, EMAIL_JSON -> {
                if (!EMAIL.matcher(endpoint).matches()) {
                    throw invalid(protocol, endpoint);
                }
            }
            case SMS -> {
                if (!PHONE.matcher(endpoint).matches()) {
                    throw invalid(protocol, endpoint);
                }
            }
            case SQS -> {
                Arn queue = arnOrNull(endpoint);
                if (queue == null || !queue.service().equals("sqs") || queue.resource().isEmpty()) {
                    throw invalid(protocol, endpoint);
                }
                if (queue.resource().endsWith(".fifo") && !topic.isFifo()) {
                    throw new SnsException(Reason.FIFO_QUEUE_ON_STANDARD_TOPIC);
                }
            }
            case LAMBDA -> {
                Arn function = arnOrNull(endpoint);
                if (function == null || !function.service().equals("lambda") || !function.resource().startsWith("function:")) {
                    throw invalid(protocol, endpoint);
                }
            }
            case APPLICATION -> {
                Arn device = arnOrNull(endpoint);
                if (device == null || !device.service().equals("sns") || !device.resource().startsWith("endpoint/")) {
                    throw invalid(protocol, endpoint);
                }
            }
            case FIREHOSE -> {
                Arn stream = arnOrNull(endpoint);
                if (stream == null || !stream.service().equals("firehose")) {
                    throw invalid(protocol, endpoint);
                }
            }
        }
        return endpoint;
    }

    private static SnsException invalid(DeliveryProtocol protocol, String endpoint) {
        return new SnsException(Reason.INVALID_ENDPOINT, protocol.wireName(), endpoint);
    }

    static Arn arnOrNull(String text) {
        try {
            return Arn.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
