package dev.gureum.server.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.json.Json;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.Listing;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.http.S3Service;
import dev.gureum.sns.domain.SentMessage;
import dev.gureum.sns.domain.Subscription;
import dev.gureum.sns.domain.Topic;
import dev.gureum.sns.protocol.SnsService;
import dev.gureum.sqs.domain.QueuePeek;
import dev.gureum.sqs.domain.SqsQueue;
import dev.gureum.sqs.protocol.SqsService;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The snapshots the console's views show, read through each service's own domain objects. A service not
 * started yet has nothing to show, and is not started by being looked at.
 */
final class ConsoleViews {

    /** How many objects and SNS outbox messages one answer lists. */
    static final int MAX_OBJECTS = 1000;
    static final int MAX_OUTBOX = 100;
    /** How many of a queue's newest messages a peek shows. */
    static final int MAX_PEEKED = 50;

    private final ServiceRegistry services;

    ConsoleViews(ServiceRegistry services) {
        this.services = services;
    }

    /** Queues with their message counts and dead-letter targets; topics with their subscriptions; SNS's outbox. */
    ObjectNode messaging() {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode queues = body.putArray("queues");
        if (services.peek("sqs") instanceof SqsService sqs) {
            List<SqsQueue> all = new ArrayList<>();
            sqs.queues().forEach(all::add);
            all.sort(Comparator.comparing(SqsQueue::accountId).thenComparing(SqsQueue::region)
                    .thenComparing(SqsQueue::name));
            for (SqsQueue q : all) {
                Map<String, String> attributes = q.allAttributes();
                ObjectNode node = queues.addObject()
                        .put("name", q.name())
                        .put("arn", q.arn())
                        .put("accountId", q.accountId())
                        .put("region", q.region())
                        .put("fifo", q.isFifo())
                        .put("visible", count(attributes, "ApproximateNumberOfMessages"))
                        .put("inFlight", count(attributes, "ApproximateNumberOfMessagesNotVisible"))
                        .put("delayed", count(attributes, "ApproximateNumberOfMessagesDelayed"));
                if (q.redrivePolicy() != null) {
                    node.put("deadLetterTargetArn", q.redrivePolicy().deadLetterTargetArn())
                            .put("maxReceiveCount", q.redrivePolicy().maxReceiveCount());
                }
            }
        }
        ArrayNode topics = body.putArray("topics");
        ArrayNode outbox = body.putArray("outbox");
        if (services.peek("sns") instanceof SnsService sns) {
            List<Topic> all = sns.store().allTopics();
            all.sort(Comparator.comparing(Topic::arn));
            List<Subscription> subscriptions = sns.store().subscriptions();
            for (Topic t : all) {
                ObjectNode node = topics.addObject()
                        .put("name", t.name())
                        .put("arn", t.arn())
                        .put("accountId", t.accountId())
                        .put("region", t.region())
                        .put("fifo", t.isFifo());
                ArrayNode subs = node.putArray("subscriptions");
                for (Subscription s : subscriptions) {
                    if (s.topicArn().equals(t.arn())) {
                        subs.addObject()
                                .put("arn", s.arn())
                                .put("protocol", s.protocol().wireName())
                                .put("endpoint", s.endpoint())
                                .put("confirmed", s.isConfirmed());
                    }
                }
            }
            List<SentMessage> sent = sns.sentMessages(m -> true);
            for (SentMessage m : sent.subList(Math.max(0, sent.size() - MAX_OUTBOX), sent.size())) {
                outbox.addObject()
                        .put("protocol", m.protocol())
                        .put("endpoint", m.endpoint())
                        .put("topicArn", m.topicArn())
                        .put("subject", m.subject())
                        .put("message", m.message())
                        .put("timestamp", m.timestamp() == null ? null : m.timestamp().toString());
            }
        }
        return body;
    }

    private static long count(Map<String, String> attributes, String name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }

    /**
     * A queue's newest messages as they stand, read without receiving them (no receive counted, no
     * visibility timeout started); {@code null} for a queue that does not exist.
     */
    ObjectNode queueMessages(String queueArn) {
        SqsQueue queue = queueArn != null && services.peek("sqs") instanceof SqsService sqs
                ? sqs.queues().byArn(queueArn) : null;
        if (queue == null) {
            return null;
        }
        ObjectNode body = Json.mapper().createObjectNode().put("queueArn", queue.arn()).put("name", queue.name());
        ArrayNode messages = body.putArray("messages");
        for (QueuePeek.Peeked m : QueuePeek.recent(queue, MAX_PEEKED)) {
            messages.addObject().put("messageId", m.messageId()).put("body", m.body())
                    .put("sent", m.sent().toString()).put("receiveCount", m.receiveCount())
                    .put("standing", m.standing().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .put("groupId", m.groupId());
        }
        return body;
    }

    /** Every bucket; or with {@code bucket}, its objects and common prefixes under {@code prefix}, by {@code /}. */
    ObjectNode storage(String bucketName, String prefix) {
        ObjectNode body = Json.mapper().createObjectNode();
        S3Service s3 = services.peek("s3") instanceof S3Service s ? s : null;
        if (bucketName == null) {
            ArrayNode buckets = body.putArray("buckets");
            if (s3 != null) {
                List<Bucket> all = new ArrayList<>(s3.buckets().all());
                all.sort(Comparator.comparing(Bucket::name));
                for (Bucket b : all) {
                    buckets.addObject()
                            .put("name", b.name())
                            .put("accountId", b.ownerAccount())
                            .put("region", b.region())
                            .put("created", b.created().toString())
                            .put("keys", b.objects().size());
                }
            }
            return body;
        }
        Bucket bucket = s3 == null ? null : s3.buckets().get(bucketName);
        if (bucket == null) {
            return null;
        }
        String p = prefix == null ? "" : prefix;
        Listing.Page page = Listing.objects(bucket, p, "/", null, MAX_OBJECTS);
        body.put("bucket", bucket.name()).put("accountId", bucket.ownerAccount()).put("region", bucket.region())
                .put("prefix", p).put("truncated", page.truncated());
        ArrayNode prefixes = body.putArray("prefixes");
        page.prefixes().forEach(prefixes::add);
        ArrayNode objects = body.putArray("objects");
        for (S3Object o : page.contents()) {
            objects.addObject()
                    .put("key", o.key())
                    .put("size", o.size())
                    .put("etag", o.quotedEtag())
                    .put("lastModified", o.lastModified().toString())
                    .put("contentType", o.contentType())
                    .put("storageClass", o.storageClass())
                    .put("versionId", o.versionId());
        }
        return body;
    }

    /** The requests the feed kept after {@code after}. */
    ObjectNode requests(RequestFeed feed, long after) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("last", feed.last());
        body.set("requests", Json.mapper().valueToTree(feed.after(after)));
        return body;
    }
}
