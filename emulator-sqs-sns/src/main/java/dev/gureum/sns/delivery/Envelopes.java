package dev.gureum.sns.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.json.Json;
import dev.gureum.core.protocol.Values;
import dev.gureum.core.spi.MessageAttribute;
import dev.gureum.sns.domain.Notification;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The documents SNS sends: the JSON notification (SQS, HTTP/S, email-json subscribers), the
 * subscription and unsubscribe confirmations, and the Lambda event; their signatures; and the URLs in
 * them, which point back at the emulator as the publishing client addressed it.
 */
public final class Envelopes {

    public static final String API_VERSION = "2010-03-31";
    public static final String CERTIFICATE_PATH_PREFIX = "/_gureum/sns/SimpleNotificationService-";

    private static final ObjectMapper JSON = Json.mapper();
    /** AWS writes its documents indented, with {@code "Name" : value} pairs, as Jackson's default printer does. */
    private static final ObjectWriter PRETTY = JSON.writerWithDefaultPrettyPrinter();

    private final SigningCertificate certificate;
    private final String certificateId;

    public Envelopes(SigningCertificate certificate, String certificateId) {
        this.certificate = certificate;
        this.certificateId = certificateId;
    }

    public SigningCertificate certificate() {
        return certificate;
    }

    public String certificatePath() {
        return CERTIFICATE_PATH_PREFIX + certificateId + ".pem";
    }

    public String signingCertUrl(String baseUrl) {
        return baseUrl + certificatePath();
    }

    public static String unsubscribeUrl(String baseUrl, String subscriptionArn) {
        return baseUrl + "/?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn + "&Version=" + API_VERSION;
    }

    public static String subscribeUrl(String baseUrl, String topicArn, String token) {
        return baseUrl + "/?Action=ConfirmSubscription&TopicArn=" + topicArn + "&Token=" + token
                + "&Version=" + API_VERSION;
    }

    // ---- strings to sign (AWS's documented formats) --------------------------------------------

    public static String notificationStringToSign(String message, String messageId, String subject,
                                                  String timestamp, String topicArn) {
        StringBuilder sb = new StringBuilder(message.length() + 256);
        sb.append("Message\n").append(message).append('\n');
        sb.append("MessageId\n").append(messageId).append('\n');
        if (subject != null) {
            sb.append("Subject\n").append(subject).append('\n');
        }
        sb.append("Timestamp\n").append(timestamp).append('\n');
        sb.append("TopicArn\n").append(topicArn).append('\n');
        sb.append("Type\nNotification\n");
        return sb.toString();
    }

    public static String confirmationStringToSign(String type, String message, String messageId, String subscribeUrl,
                                                  String timestamp, String token, String topicArn) {
        return "Message\n" + message + "\nMessageId\n" + messageId + "\nSubscribeURL\n" + subscribeUrl
                + "\nTimestamp\n" + timestamp + "\nToken\n" + token + "\nTopicArn\n" + topicArn + "\nType\n" + type + "\n";
    }

    /** The signature of a notification carrying this message text. */
    public String sign(Notification n, String message, String signatureVersion) {
        return certificate.sign(notificationStringToSign(message, n.messageId(), n.subject(), Values.iso(n.timestamp()),
                n.topicArn()), signatureVersion);
    }

    // ---- documents -----------------------------------------------------------------------------

    /**
     * The JSON notification. FIFO topics' notifications carry their sequence number and, as AWS's do,
     * no signature.
     *
     * @param signature the notification's signature, {@code null} for a FIFO topic
     */
    public String notification(Notification n, String message, String signature, String signatureVersion,
                               String subscriptionArn, String baseUrl) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("Type", "Notification");
        doc.put("MessageId", n.messageId());
        if (n.sequenceNumber() != null) {
            doc.put("SequenceNumber", n.sequenceNumber());
        }
        doc.put("TopicArn", n.topicArn());
        if (n.subject() != null) {
            doc.put("Subject", n.subject());
        }
        doc.put("Message", message);
        doc.put("Timestamp", Values.iso(n.timestamp()));
        if (signature != null) {
            doc.put("SignatureVersion", signatureVersion);
            doc.put("Signature", signature);
            doc.put("SigningCertURL", signingCertUrl(baseUrl));
        }
        doc.put("UnsubscribeURL", unsubscribeUrl(baseUrl, subscriptionArn));
        if (!n.attributes().isEmpty()) {
            doc.set("MessageAttributes", attributes(n.attributes()));
        }
        return pretty(doc);
    }

    /** A {@code SubscriptionConfirmation} or {@code UnsubscribeConfirmation} document. */
    public String confirmation(String type, String messageId, String topicArn, String token, String message,
                               Instant timestamp, String signatureVersion, String baseUrl) {
        String subscribeUrl = subscribeUrl(baseUrl, topicArn, token);
        String time = Values.iso(timestamp);
        ObjectNode doc = JSON.createObjectNode();
        doc.put("Type", type);
        doc.put("MessageId", messageId);
        doc.put("Token", token);
        doc.put("TopicArn", topicArn);
        doc.put("Message", message);
        doc.put("SubscribeURL", subscribeUrl);
        doc.put("Timestamp", time);
        doc.put("SignatureVersion", signatureVersion);
        doc.put("Signature", certificate.sign(
                confirmationStringToSign(type, message, messageId, subscribeUrl, time, token, topicArn), signatureVersion));
        doc.put("SigningCertURL", signingCertUrl(baseUrl));
        return pretty(doc);
    }

    /** The event a Lambda function subscribed to the topic is invoked with. */
    public byte[] lambdaEvent(Notification n, String message, String signature, String signatureVersion,
                              String subscriptionArn, String baseUrl) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        ObjectNode record = records.addObject();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        record.put("EventSubscriptionArn", subscriptionArn);
        ObjectNode sns = record.putObject("Sns");
        sns.put("Type", "Notification");
        sns.put("MessageId", n.messageId());
        sns.put("TopicArn", n.topicArn());
        if (n.subject() == null) {
            sns.putNull("Subject");
        } else {
            sns.put("Subject", n.subject());
        }
        sns.put("Message", message);
        sns.put("Timestamp", Values.iso(n.timestamp()));
        sns.put("SignatureVersion", signatureVersion);
        sns.put("Signature", signature);
        // the Lambda event spells these two names differently from the JSON notification
        sns.put("SigningCertUrl", signingCertUrl(baseUrl));
        sns.put("UnsubscribeUrl", unsubscribeUrl(baseUrl, subscriptionArn));
        sns.set("MessageAttributes", attributes(n.attributes()));
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode attributes(Map<String, MessageAttribute> attributes) {
        ObjectNode node = JSON.createObjectNode();
        for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
            MessageAttribute a = e.getValue();
            ObjectNode value = node.putObject(e.getKey());
            value.put("Type", a.dataType());
            value.put("Value", a.binaryValue() != null
                    ? Base64.getEncoder().encodeToString(a.binaryValue()) : a.stringValue());
        }
        return node;
    }

    private static String pretty(ObjectNode doc) {
        try {
            return PRETTY.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
