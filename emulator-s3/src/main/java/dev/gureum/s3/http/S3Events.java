package dev.gureum.s3.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Values;
import dev.gureum.core.protocol.XmlDecoder;
import dev.gureum.core.spi.Caller;
import dev.gureum.core.spi.FunctionInvoker;
import dev.gureum.core.spi.QueueDelivery;
import dev.gureum.core.spi.TopicPublisher;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Error;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event notifications: on object creation and removal, the AWS S3 event JSON goes to the queues,
 * topics and functions of the bucket's notification configuration whose event and key filters match,
 * through the cross-service interfaces.
 */
final class S3Events {

    private static final Logger LOG = LoggerFactory.getLogger(S3Events.class);

    private final EmulatorContext context;
    private final AtomicLong sequencer = new AtomicLong(System.nanoTime());

    S3Events(EmulatorContext context) {
        this.context = context;
    }

    /** A target of the configuration: kind ({@code Queue}, {@code Topic}, {@code CloudFunction}), ARN, id, filters. */
    private record Target(String kind, String arn, String id, List<String> events, String prefix, String suffix) {
        boolean matches(String eventName, String key) {
            boolean eventMatches = false;
            for (String e : events) {
                String pattern = e.startsWith("s3:") ? e.substring(3) : e;
                if (pattern.endsWith(":*") ? eventName.startsWith(pattern.substring(0, pattern.length() - 1))
                        : pattern.equals(eventName)) {
                    eventMatches = true;
                }
            }
            return eventMatches && (prefix == null || key.startsWith(prefix)) && (suffix == null || key.endsWith(suffix));
        }
    }

    private static List<Target> targets(Params config) {
        List<Target> targets = new java.util.ArrayList<>();
        for (String kind : List.of("Queue", "Topic", "CloudFunction")) {
            for (Params c : config.list(kind + "Configuration")) {
                String prefix = null;
                String suffix = null;
                for (Params rule : c.object("Filter").object("S3Key").list("FilterRule")) {
                    String name = rule.string("Name", "").toLowerCase(java.util.Locale.ROOT);
                    if (name.equals("prefix")) {
                        prefix = rule.string("Value");
                    } else if (name.equals("suffix")) {
                        suffix = rule.string("Value");
                    } else {
                        throw new AwsException(S3Error.INVALID_ARGUMENT,
                                "filter rule name must be either prefix or suffix");
                    }
                }
                String arn = c.string(kind);
                if (arn == null || c.stringList("Event").isEmpty()) {
                    throw new AwsException(S3Error.MALFORMED_XML,
                            "The XML you provided was not well-formed or did not validate against our published schema");
                }
                targets.add(new Target(kind, arn, c.string("Id", java.util.UUID.randomUUID().toString()),
                        c.stringList("Event"), prefix, suffix));
            }
        }
        return targets;
    }

    /** Validates a new configuration, and sends {@code s3:TestEvent} to its queues as S3 does. */
    void validateAndTest(Bucket bucket, Params config, S3Request request) {
        for (Target t : targets(config)) {
            for (String e : t.events) {
                if (!e.matches("s3:(ObjectCreated|ObjectRemoved|ObjectRestore|ReducedRedundancyLostObject|Replication|"
                        + "LifecycleExpiration|LifecycleTransition|IntelligentTiering|ObjectTagging|ObjectAcl)(:.*)?")) {
                    throw new AwsException(S3Error.INVALID_ARGUMENT, "The event is not supported for notifications")
                            .detail("ArgumentName", e);
                }
            }
            if (t.kind.equals("CloudFunction")) {
                Optional<FunctionInvoker> functions = context.crossService().find(FunctionInvoker.class);
                if (functions.isPresent()) {
                    try {
                        functions.get().checkInvoke(t.arn, caller(bucket));
                    } catch (AwsException e) {
                        throw new AwsException(S3Error.INVALID_ARGUMENT,
                                "Unable to validate the following destination configurations")
                                .detail("ArgumentName", t.arn)
                                .detail("ArgumentValue", "Not authorized to invoke function [" + t.arn + "]");
                    }
                }
            }
            if (t.kind.equals("Queue")) {
                Optional<QueueDelivery> queues = context.crossService().find(QueueDelivery.class);
                if (queues.isPresent()) {
                    try {
                        queues.get().send(caller(bucket), t.arn,
                                new QueueDelivery.OutgoingMessage(testEvent(bucket, request), null, null, null));
                    } catch (AwsException e) {
                        throw unableToValidate(t, e);
                    }
                }
            }
            // with IAM enforced, a topic is tested as a queue is: it must exist and its policy allow S3
            if (t.kind.equals("Topic") && context.config().enforceIam()) {
                Optional<TopicPublisher> topics = context.crossService().find(TopicPublisher.class);
                if (topics.isPresent()) {
                    try {
                        topics.get().publish(caller(bucket), t.arn, testEvent(bucket, request),
                                "Amazon S3 Notification", null);
                    } catch (AwsException e) {
                        throw unableToValidate(t, e);
                    }
                }
            }
        }
    }

    private static AwsException unableToValidate(Target t, AwsException e) {
        return new AwsException(S3Error.INVALID_ARGUMENT, "Unable to validate the following destination configurations")
                .detail("ArgumentName", t.arn).detail("ArgumentValue", "Error: " + e.getMessage());
    }

    /** The {@code s3:TestEvent} S3 sends to a queue or topic when a configuration names it. */
    private String testEvent(Bucket bucket, S3Request request) {
        ObjectNode test = JsonNodeFactory.instance.objectNode();
        test.put("Service", "Amazon S3");
        test.put("Event", "s3:TestEvent");
        test.put("Time", Values.iso(context.clock().instant()));
        test.put("Bucket", bucket.name());
        test.put("RequestId", request.context().requestId());
        test.put("HostId", dev.gureum.core.http.ErrorRenderer.hostId(request.context().requestId()));
        return test.toString();
    }

    /** S3 notifies as s3.amazonaws.com for the bucket: the function's policy (or another account's queue's or topic's) must allow that. */
    private static Caller caller(Bucket bucket) {
        return Caller.service("s3.amazonaws.com", bucket.arn(), bucket.ownerAccount());
    }

    /** Who made a change, as its event names them: the principal, the address it came from, the request's id. */
    record Requester(String principalId, String sourceIp, String requestId) {
        static Requester of(S3Request request) {
            return new Requester(request.context().anonymous() ? "Anonymous" : "AWS:" + request.context().accountId(),
                    S3Events.sourceIp(request), request.context().requestId());
        }
    }

    void objectCreated(Bucket bucket, S3Object object, String how, S3Request request) {
        objectCreated(bucket, object, how, Requester.of(request));
    }

    void objectCreated(Bucket bucket, S3Object object, String how, Requester requester) {
        notify(bucket, "ObjectCreated:" + how, object, requester);
    }

    void objectRemoved(Bucket bucket, S3Object object, String how, S3Request request) {
        objectRemoved(bucket, object, how, Requester.of(request));
    }

    void objectRemoved(Bucket bucket, S3Object object, String how, Requester requester) {
        notify(bucket, "ObjectRemoved:" + how, object, requester);
    }

    private void notify(Bucket bucket, String eventName, S3Object object, Requester request) {
        String config = bucket.configurations().get("notification");
        if (config == null) {
            return;
        }
        List<Target> targets;
        try {
            targets = targets(XmlDecoder.parse(config.getBytes(StandardCharsets.UTF_8)).root());
        } catch (AwsException e) {
            return;
        }
        for (Target t : targets) {
            if (!t.matches(eventName, object.key())) {
                continue;
            }
            String event = event(bucket, eventName, object, request, t.id);
            try {
                switch (t.kind) {
                    case "Queue" -> context.crossService().find(QueueDelivery.class).ifPresent(q ->
                            q.send(caller(bucket), t.arn, new QueueDelivery.OutgoingMessage(event, null, null, null)));
                    case "Topic" -> context.crossService().find(TopicPublisher.class).ifPresent(p ->
                            p.publish(caller(bucket), t.arn, event, "Amazon S3 Notification", null));
                    default -> context.crossService().find(FunctionInvoker.class).ifPresent(f ->
                            f.invoke(t.arn, event.getBytes(StandardCharsets.UTF_8), FunctionInvoker.InvocationType.EVENT,
                                    caller(bucket)).whenComplete((result, failure) -> {
                                        if (failure != null) {
                                            LOG.warn("S3 notification to {} failed: {}", t.arn, failure.getMessage());
                                        }
                                    }));
                }
            } catch (RuntimeException e) {
                // S3 delivers notifications asynchronously: a failed delivery never fails the write
                LOG.warn("S3 notification to {} failed: {}", t.arn, e.getMessage());
            }
        }
    }

    private String event(Bucket bucket, String eventName, S3Object object, Requester request, String configurationId) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode record = f.objectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", bucket.region());
        record.put("eventTime", Values.iso(context.clock().instant()));
        record.put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", request.principalId());
        record.putObject("requestParameters").put("sourceIPAddress", request.sourceIp());
        ObjectNode response = record.putObject("responseElements");
        response.put("x-amz-request-id", request.requestId());
        response.put("x-amz-id-2", dev.gureum.core.http.ErrorRenderer.hostId(request.requestId()));
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        ObjectNode b = s3.putObject("bucket");
        b.put("name", bucket.name());
        b.putObject("ownerIdentity").put("principalId", S3State.canonicalId(bucket.ownerAccount()));
        b.put("arn", bucket.arn());
        ObjectNode o = s3.putObject("object");
        // keys are URL-encoded in events as in form posts, slashes kept
        o.put("key", URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("%2F", "/"));
        if (!object.deleteMarker() && eventName.startsWith("ObjectCreated")) {
            o.put("size", object.size());
            o.put("eTag", object.etag());
        }
        if (!object.versionId().equals("null")) {
            o.put("versionId", object.versionId());
        }
        o.put("sequencer", String.format("%016X", sequencer.incrementAndGet()));
        ObjectNode root = f.objectNode();
        ArrayNode records = root.putArray("Records");
        records.add(record);
        return root.toString();
    }

    private static String sourceIp(S3Request request) {
        var address = request.exchange().getSourceAddress();
        return address == null || address.getAddress() == null ? "127.0.0.1" : address.getAddress().getHostAddress();
    }
}
