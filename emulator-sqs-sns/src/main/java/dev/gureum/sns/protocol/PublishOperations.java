package dev.gureum.sns.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;
import dev.gureum.core.json.Json;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.spi.MessageAttribute;
import dev.gureum.sns.delivery.Fanout;
import dev.gureum.sns.domain.Notification;
import dev.gureum.sns.domain.PlatformEndpoint;
import dev.gureum.sns.domain.SnsStore;
import dev.gureum.sns.domain.Topic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.regex.Pattern;

/** Publish and PublishBatch: to topics (standard and FIFO), push endpoints and phone numbers. */
final class PublishOperations {

    static final int MAX_SIZE = 256 * 1024;
    private static final int MAX_BATCH = 10;
    private static final ObjectMapper JSON = Json.mapper();
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]*");
    private static final Pattern PUBLISH_PHONE = Pattern.compile("\\+?[0-9]{1,15}");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final SnsStore store;
    private final TopicOperations topics;
    private final Fanout fanout;
    private final Clock clock;

    PublishOperations(SnsStore store, TopicOperations topics, Fanout fanout, Clock clock) {
        this.store = store;
        this.topics = topics;
        this.fanout = fanout;
        this.clock = clock;
    }

    /** A validated publish of one message, not yet numbered. */
    private record Draft(String message, Map<String, String> perProtocol, String subject,
                         Map<String, MessageAttribute> attributes, String groupId, String deduplicationId) {
    }

    Object publish(ActionRequest r) {
        Params p = r.params();
        RequestContext ctx = r.context();
        String topicArn = p.string("TopicArn");
        String targetArn = p.string("TargetArn");
        String phone = p.string("PhoneNumber");
        int given = (topicArn != null ? 1 : 0) + (targetArn != null ? 1 : 0) + (phone != null ? 1 : 0);
        if (given == 0) {
            throw SnsError.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
        }
        if (given > 1) {
            throw SnsError.invalidParameter("TopicArn Reason: Only one of TopicArn, TargetArn or PhoneNumber may be "
                    + "specified");
        }
        if (phone != null) {
            if (!PUBLISH_PHONE.matcher(phone).matches()) {
                throw SnsError.invalidParameter("PhoneNumber Reason: " + phone + " is not valid to publish to");
            }
            Draft d = draft(p, false, null, "messageAttributes");
            Notification n = notification(d, null, null);
            fanout.publishDirect("sms", phone, n, d.message());
            return Struct.of().put("MessageId", n.messageId());
        }
        if (targetArn != null && targetArn.contains(":endpoint/")) {
            return publishToEndpoint(r, targetArn);
        }
        String arn = topicArn != null ? topicArn : targetArn;
        Topic topic = topic(r, arn, topicArn != null ? "TopicArn" : "TargetArn");
        Draft d = draft(p, topic.isFifo(), topic, "messageAttributes");
        Published published = publish(topic, d, ctx.baseUrl());
        Notification n = published.notification();
        Struct result = Struct.of().put("MessageId", n.messageId()).put("SequenceNumber", n.sequenceNumber());
        // answered once the messages given to queue subscriptions are durable
        return published.queued().toCompletableFuture().isDone() ? result : published.queued().thenApply(v -> result);
    }

    /** A numbered message, and the stage of its queue deliveries' durability. */
    record Published(Notification notification, CompletionStage<Void> queued) {
    }

    private Topic topic(ActionRequest r, String arnText, String parameter) {
        Arn arn = SnsInputs.topicArn(arnText, r.context(), parameter);
        Topic topic = store.topic(arn.accountId(), arn.region(), arn.resource());
        if (topic == null) {
            throw new AwsException(SnsError.NOT_FOUND, "Topic does not exist");
        }
        TopicPolicies.checkAccess(topic, r.context().accountId(), "Publish");
        return topic;
    }

    private Struct publishToEndpoint(ActionRequest r, String targetArn) {
        Arn arn = SnsInputs.arn(targetArn, "TargetArn", "sns");
        PlatformEndpoint endpoint = store.resources(arn.accountId(), arn.region()).endpoints().get(targetArn);
        if (endpoint == null) {
            throw SnsError.invalidParameter("TargetArn Reason: No endpoint found for the target arn specified");
        }
        if (!endpoint.isEnabled()) {
            throw new AwsException(SnsError.ENDPOINT_DISABLED, "Endpoint is disabled");
        }
        Draft d = draft(r.params(), false, null, "messageAttributes");
        Notification n = notification(d, null, null);
        fanout.publishDirect("application", targetArn, n, n.messageFor(Fanout.platformOf(targetArn)));
        return Struct.of().put("MessageId", n.messageId());
    }

    /**
     * Numbers and delivers a checked message. FIFO topics deduplicate, number and deliver under the
     * topic's lock, so that every subscriber sees a group's messages in the order of their numbers.
     */
    Published publish(Topic topic, Draft d, String baseUrl) {
        if (!topic.isFifo()) {
            Notification n = notification(d, topic.arn(), null);
            fanout.metrics().published(topic.arn(), SnsInputs.size(d.message(), d.attributes()));
            return new Published(n, fanout.publish(topic, n, baseUrl));
        }
        String scope = "MessageGroup".equals(topic.attribute(Topic.FIFO_THROUGHPUT_SCOPE)) ? d.groupId() + "\u0000" : "";
        String key = scope + d.deduplicationId();
        synchronized (topic) {
            Instant now = clock.instant();
            Topic.Published earlier = topic.duplicateOf(key, now);
            if (earlier != null) {
                return new Published(new Notification(earlier.messageId(), topic.arn(), d.subject(), d.message(),
                        d.perProtocol(), d.attributes(), now, d.groupId(), d.deduplicationId(), earlier.sequenceNumber()),
                        CompletableFuture.completedFuture(null));
            }
            Notification n = notification(d, topic.arn(), topic.nextSequenceNumber());
            fanout.metrics().published(topic.arn(), SnsInputs.size(d.message(), d.attributes()));
            CompletionStage<Void> queued = fanout.publish(topic, n, baseUrl);
            topic.remember(key, new Topic.Published(n.messageId(), n.sequenceNumber(), now));
            return new Published(n, queued);
        }
    }

    private Notification notification(Draft d, String topicArn, String sequenceNumber) {
        return new Notification(Ids.uuid(), topicArn, d.subject(), d.message(), d.perProtocol(), d.attributes(),
                clock.instant(), d.groupId(), d.deduplicationId(), sequenceNumber);
    }

    /** Reads and checks one message (of a Publish, or an entry of a PublishBatch). */
    private Draft draft(Params p, boolean fifo, Topic topic, String attributesPath) {
        String message = p.string("Message");
        if (message == null || message.isEmpty()) {
            throw SnsError.invalidParameter("Empty message");
        }
        String subject = p.string("Subject");
        if (subject != null && !validSubject(subject)) {
            throw SnsError.invalidParameter("Subject");
        }
        Map<String, String> perProtocol = Map.of();
        String structure = p.string("MessageStructure");
        if (structure != null) {
            if (!structure.equals("json")) {
                throw SnsError.invalidParameter("MessageStructure");
            }
            perProtocol = structured(message);
            message = perProtocol.get("default");
        }
        Map<String, MessageAttribute> attributes = SnsInputs.messageAttributes(p, attributesPath);
        if (SnsInputs.size(message, attributes) > MAX_SIZE) {
            throw SnsError.invalidParameter("Message too long");
        }
        String groupId = p.string("MessageGroupId");
        String dedupId = p.string("MessageDeduplicationId");
        if (groupId != null && !TOKEN.matcher(groupId).matches()) {
            throw SnsError.invalidParameter("MessageGroupId Reason: The MessageGroupId can contain up to 128 "
                    + "alphanumeric characters (a-z, A-Z, 0-9) and punctuation");
        }
        if (dedupId != null && !TOKEN.matcher(dedupId).matches()) {
            throw SnsError.invalidParameter("MessageDeduplicationId Reason: The MessageDeduplicationId can contain up "
                    + "to 128 alphanumeric characters (a-z, A-Z, 0-9) and punctuation");
        }
        if (fifo) {
            if (groupId == null) {
                throw SnsError.invalidParameter("The MessageGroupId parameter is required for FIFO topics");
            }
            if (dedupId == null) {
                if (!topic.contentBasedDeduplication()) {
                    throw SnsError.invalidParameter("The topic should either have ContentBasedDeduplication enabled or "
                            + "MessageDeduplicationId provided explicitly");
                }
                dedupId = sha256(p.string("Message"));
            }
        } else if (dedupId != null) {
            throw SnsError.invalidParameter("MessageDeduplicationId Reason: The request includes MessageDeduplicationId "
                    + "parameter that is not valid for this topic type");
        }
        Map<String, String> others = new LinkedHashMap<>(perProtocol);
        others.remove("default");
        return new Draft(message, others, subject, attributes, groupId, dedupId);
    }

    /** AWS's subject: printable ASCII, no line breaks, fewer than 100 characters. */
    private static boolean validSubject(String subject) {
        if (subject.isEmpty() || subject.length() >= 100 || Character.isWhitespace(subject.charAt(0))) {
            return false;
        }
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** The per-protocol messages of {@code MessageStructure=json}; it must have a string {@code default}. */
    private static Map<String, String> structured(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw SnsError.invalidParameter("Message Structure - JSON message body failed to parse");
        }
        if (!node.path("default").isTextual()) {
            throw SnsError.invalidParameter("Message Structure - No default entry in JSON message body");
        }
        Map<String, String> messages = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            if (f.getValue().isTextual()) {
                messages.put(f.getKey(), f.getValue().textValue());
            }
        }
        return messages;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- batches -------------------------------------------------------------------------------

    Object publishBatch(ActionRequest r) {
        Topic topic = topic(r, r.params().string("TopicArn"), "TopicArn");
        List<Params> entries = r.params().list("PublishBatchRequestEntries");
        if (entries.isEmpty()) {
            throw new AwsException(SnsError.EMPTY_BATCH_REQUEST, "The batch request doesn't contain any entries.");
        }
        if (entries.size() > MAX_BATCH) {
            throw new AwsException(SnsError.TOO_MANY_ENTRIES_IN_BATCH_REQUEST,
                    "The batch request contains more entries than permissible.");
        }
        Set<String> ids = new HashSet<>();
        for (Params e : entries) {
            String id = e.string("Id", "");
            if (id.length() > 80) {
                throw new AwsException(SnsError.INVALID_BATCH_ENTRY_ID,
                        "The Id of a batch entry in the batch request is too long: " + id);
            }
            if (id.isEmpty() || !BATCH_ID.matcher(id).matches()) {
                throw new AwsException(SnsError.INVALID_BATCH_ENTRY_ID,
                        "The Id of a batch entry in the batch request contains an impermissible character: " + id);
            }
            if (!ids.add(id)) {
                throw new AwsException(SnsError.BATCH_ENTRY_IDS_NOT_DISTINCT,
                        "Two or more batch entries in the request have the same Id.");
            }
        }
        // AWS checks every entry before publishing any: a bad entry fails the whole request
        List<Draft> drafts = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < entries.size(); i++) {
            Params e = entries.get(i);
            String message = e.string("Message");
            Draft d;
            try {
                d = draft(e, topic.isFifo(), topic, "publishBatchRequestEntries." + (i + 1) + ".member.messageAttributes");
            } catch (AwsException ex) {
                if (ex.getMessage().equals("Invalid parameter: Message too long")) {
                    throw new AwsException(SnsError.BATCH_REQUEST_TOO_LONG,
                            "The length of all the messages put together is more than the limit.");
                }
                throw ex;
            }
            total += SnsInputs.size(message == null ? "" : message, d.attributes());
            drafts.add(d);
        }
        if (total > MAX_SIZE) {
            throw new AwsException(SnsError.BATCH_REQUEST_TOO_LONG,
                    "The length of all the messages put together is more than the limit.");
        }
        List<Object> successful = new ArrayList<>();
        List<Object> failed = new ArrayList<>();
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String id = entries.get(i).string("Id");
            try {
                Published published = publish(topic, drafts.get(i), r.context().baseUrl());
                queued.add(published.queued().toCompletableFuture());
                Notification n = published.notification();
                successful.add(Struct.of().put("Id", id).put("MessageId", n.messageId())
                        .put("SequenceNumber", n.sequenceNumber()));
            } catch (AwsException ex) {
                failed.add(Struct.of().put("Id", id).put("Code", ex.code()).put("Message", ex.getMessage())
                        .put("SenderFault", ex.error().senderFault()));
            }
        }
        Struct result = Struct.of().list("Successful", successful).list("Failed", failed);
        CompletableFuture<Void> all = CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new));
        return all.isDone() ? result : all.thenApply(v -> result);
    }

    /** For {@code TopicPublisher}: a message from another service (S3 notifications...). */
    String publishFromService(Topic topic, String message, String subject, Map<String, MessageAttribute> attributes,
                              String baseUrl) {
        if (topic.isFifo()) {
            throw SnsError.invalidParameter("The MessageGroupId parameter is required for FIFO topics");
        }
        Draft d = new Draft(message, Map.of(), subject, attributes, null, null);
        return publish(topic, d, baseUrl).notification().messageId();
    }
}
