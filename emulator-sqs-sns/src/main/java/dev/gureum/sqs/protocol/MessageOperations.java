package dev.gureum.sqs.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ListValue;
import dev.gureum.core.protocol.MapValue;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.spi.MessageAttribute;
import dev.gureum.sqs.domain.MessageMd5;
import dev.gureum.sqs.domain.QueueAttributes;
import dev.gureum.sqs.domain.QueueStore;
import dev.gureum.sqs.domain.ReceiveRequest;
import dev.gureum.sqs.domain.SqsMessage;
import dev.gureum.sqs.domain.SqsQueue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Messages: send, receive, delete, change visibility — single and in batches. */
final class MessageOperations {

    private static final Set<String> SYSTEM_ATTRIBUTES = Set.of("All", "SenderId", "SentTimestamp",
            "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp", "SequenceNumber", "MessageDeduplicationId",
            "MessageGroupId", "AWSTraceHeader", "DeadLetterQueueSourceArn");

    private final QueueStore store;

    MessageOperations(QueueStore store) {
        this.store = store;
    }

    // ---- send ----------------------------------------------------------------------------------

    /** One message to send, validated against its queue. */
    private record Outgoing(String body, Map<String, MessageAttribute> attributes,
                            Map<String, MessageAttribute> systemAttributes, Integer delaySeconds, String groupId,
                            String deduplicationId, int size) {
    }

    private static Outgoing outgoing(SqsQueue queue, Params p, boolean json) {
        String body = p.string("MessageBody");
        if (body == null || body.isEmpty()) {
            throw new AwsException(SqsError.MISSING_PARAMETER, "The request must contain the parameter MessageBody.");
        }
        MessageValidation.checkCharacters(body);
        Map<String, MessageAttribute> attributes = SqsInputs.messageAttributes(p, json);
        Map<String, MessageAttribute> system = SqsInputs.systemAttributes(p, json);
        Integer delay = p.integer("DelaySeconds");
        if (delay != null) {
            if (queue.isFifo()) {
                throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + delay + " for parameter DelaySeconds "
                        + "is invalid. Reason: The request include parameter that is not valid for this queue type.");
            }
            if (delay < 0 || delay > 900) {
                throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + delay + " for parameter DelaySeconds "
                        + "is invalid. Reason: DelaySeconds must be >= 0 and <= 900.");
            }
        }
        String groupId = p.string("MessageGroupId");
        String dedupId = p.string("MessageDeduplicationId");
        if (queue.isFifo()) {
            if (groupId == null) {
                throw new AwsException(SqsError.MISSING_PARAMETER, "The request must contain the parameter MessageGroupId.");
            }
            if (dedupId == null) {
                if (!"true".equals(queue.attribute(QueueAttributes.CONTENT_BASED_DEDUPLICATION))) {
                    throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "The queue should either have "
                            + "ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
                }
                dedupId = sha256(body);
            }
            checkToken("MessageDeduplicationId", dedupId);
        } else if (dedupId != null) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + dedupId + " for parameter "
                    + "MessageDeduplicationId is invalid. Reason: The request include parameter that is not valid for "
                    + "this queue type.");
        }
        if (groupId != null) {
            checkToken("MessageGroupId", groupId);
        }
        int size = body.getBytes(StandardCharsets.UTF_8).length + attributesSize(attributes);
        int max = Integer.parseInt(queue.attribute(QueueAttributes.MAXIMUM_MESSAGE_SIZE));
        if (size > max) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "One or more parameters are invalid. Reason: "
                    + "Message must be shorter than " + max + " bytes.");
        }
        return new Outgoing(body, attributes, system, delay, groupId, dedupId, size);
    }

    private static void checkToken(String name, String value) {
        if (value.isEmpty() || value.length() > 128 || !value.matches("[\\x21-\\x7E]+")) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + value + " for parameter " + name
                    + " is invalid. Reason: " + name + " can only include alphanumeric and punctuation characters. "
                    + "1 to 128 in length.");
        }
    }

    private static int attributesSize(Map<String, MessageAttribute> attributes) {
        int size = 0;
        for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
            MessageAttribute a = e.getValue();
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + a.dataType().getBytes(StandardCharsets.UTF_8).length;
            size += a.binaryValue() != null ? a.binaryValue().length
                    : a.stringValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }

    private static Struct send(SqsQueue queue, Outgoing o, String senderId) {
        String md5Body = MessageMd5.ofBody(o.body);
        String md5Attributes = MessageMd5.ofAttributes(o.attributes);
        String md5System = MessageMd5.ofAttributes(o.systemAttributes);
        SqsQueue.Sent sent = queue.send(o.delaySeconds, o.groupId, o.deduplicationId, (id, sequence, at, visibleAt) ->
                new SqsMessage(id, o.body, o.attributes, o.systemAttributes, md5Body, md5Attributes, md5System, at,
                        senderId, o.groupId, o.deduplicationId, sequence, null, visibleAt));
        return Struct.of().put("MD5OfMessageBody", md5Body).put("MD5OfMessageAttributes", md5Attributes)
                .put("MD5OfMessageSystemAttributes", md5System).put("MessageId", sent.messageId())
                .put("SequenceNumber", sent.sequenceNumber());
    }

    Struct sendMessage(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        return send(queue, outgoing(queue, r.params(), SqsInputs.json(r)), r.context().accountId());
    }

    Struct sendMessageBatch(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        List<Params> entries = SqsInputs.batchEntries(r, "SendMessageBatchRequestEntry");
        List<Object> successful = new ArrayList<>();
        List<Object> failed = new ArrayList<>();
        List<Outgoing> outgoing = new ArrayList<>();
        int total = 0;
        int max = Integer.parseInt(queue.attribute(QueueAttributes.MAXIMUM_MESSAGE_SIZE));
        for (Params e : entries) {
            try {
                Outgoing o = outgoing(queue, e, SqsInputs.json(r));
                total += o.size;
                outgoing.add(o);
            } catch (AwsException ex) {
                outgoing.add(null);
                failed.add(failure(e.string("Id"), ex));
            }
        }
        if (total > max) {
            throw new AwsException(SqsError.BATCH_REQUEST_TOO_LONG, "Batch requests cannot be longer than " + max
                    + " bytes. You have sent " + total + " bytes.");
        }
        for (int i = 0; i < entries.size(); i++) {
            if (outgoing.get(i) == null) {
                continue;
            }
            try {
                Struct result = send(queue, outgoing.get(i), r.context().accountId());
                successful.add(Struct.of().put("Id", entries.get(i).string("Id")).put("MessageId", result.get("MessageId"))
                        .put("MD5OfMessageBody", result.get("MD5OfMessageBody"))
                        .put("MD5OfMessageAttributes", result.get("MD5OfMessageAttributes"))
                        .put("MD5OfMessageSystemAttributes", result.get("MD5OfMessageSystemAttributes"))
                        .put("SequenceNumber", result.get("SequenceNumber")));
            } catch (AwsException ex) {
                failed.add(failure(entries.get(i).string("Id"), ex));
            }
        }
        return Struct.of().put("Successful", ListValue.flattened(successful, "SendMessageBatchResultEntry"))
                .put("Failed", ListValue.flattened(failed, "BatchResultErrorEntry"));
    }

    private static Struct failure(String id, AwsException e) {
        return Struct.of().put("Id", id).put("SenderFault", e.error().senderFault())
                .put("Code", e.error().queryCode()).put("Message", e.getMessage());
    }

    // ---- receive -------------------------------------------------------------------------------

    CompletionStage<Struct> receiveMessage(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        Params p = r.params();
        int max = p.integer("MaxNumberOfMessages", 1);
        if (max < 1 || max > 10) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + max + " for parameter "
                    + "MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
        }
        Integer visibility = p.integer("VisibilityTimeout");
        if (visibility != null && (visibility < 0 || visibility > 43_200)) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + visibility + " for parameter "
                    + "VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.");
        }
        Integer wait = p.integer("WaitTimeSeconds");
        if (wait != null && (wait < 0 || wait > 20)) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + wait + " for parameter WaitTimeSeconds "
                    + "is invalid. Reason: Must be >= 0 and <= 20, if provided.");
        }
        int waitSeconds = wait != null ? wait
                : Integer.parseInt(queue.attribute(QueueAttributes.RECEIVE_MESSAGE_WAIT_TIME_SECONDS));
        String attemptId = p.string("ReceiveRequestAttemptId");
        List<String> systemNames = new ArrayList<>(SqsInputs.strings(r, "AttributeNames", "AttributeName"));
        systemNames.addAll(SqsInputs.strings(r, "MessageSystemAttributeNames", "MessageSystemAttributeName"));
        for (String n : systemNames) {
            if (!SYSTEM_ATTRIBUTES.contains(n) && !QueueAttributes.isKnown(n)) {
                throw new AwsException(SqsError.INVALID_ATTRIBUTE_NAME, "Unknown Attribute " + n + ".");
            }
        }
        List<String> attributeNames = SqsInputs.strings(r, "MessageAttributeNames", "MessageAttributeName");
        ReceiveRequest request = new ReceiveRequest(max, visibility, Duration.ofSeconds(waitSeconds), attemptId);
        return queue.receive(request).thenApply(received -> {
            List<Object> messages = new ArrayList<>();
            for (SqsMessage.Received m : received) {
                messages.add(render(m, systemNames, attributeNames));
            }
            return messages.isEmpty() ? Struct.of() : Struct.of().put("Messages", ListValue.flattened(messages, "Message"));
        });
    }

    private static Struct render(SqsMessage.Received received, List<String> systemNames, List<String> attributeNames) {
        SqsMessage m = received.message();
        Struct s = Struct.of().put("MessageId", m.messageId()).put("ReceiptHandle", received.receiptHandle())
                .put("MD5OfBody", m.md5OfBody()).put("Body", m.body());
        boolean all = systemNames.contains("All");
        Map<String, String> system = new LinkedHashMap<>();
        if (all || systemNames.contains("SenderId")) {
            system.put("SenderId", m.senderId());
        }
        if (all || systemNames.contains("SentTimestamp")) {
            system.put("SentTimestamp", String.valueOf(m.sent().toEpochMilli()));
        }
        if (all || systemNames.contains("ApproximateReceiveCount")) {
            system.put("ApproximateReceiveCount", String.valueOf(received.receiveCount()));
        }
        if (all || systemNames.contains("ApproximateFirstReceiveTimestamp")) {
            system.put("ApproximateFirstReceiveTimestamp", String.valueOf(received.firstReceived().toEpochMilli()));
        }
        if (m.sequenceNumber() != null && (all || systemNames.contains("SequenceNumber"))) {
            system.put("SequenceNumber", m.sequenceNumber());
        }
        if (m.deduplicationId() != null && (all || systemNames.contains("MessageDeduplicationId"))) {
            system.put("MessageDeduplicationId", m.deduplicationId());
        }
        if (m.groupId() != null && (all || systemNames.contains("MessageGroupId"))) {
            system.put("MessageGroupId", m.groupId());
        }
        MessageAttribute trace = m.systemAttributes().get("AWSTraceHeader");
        if (trace != null && (all || systemNames.contains("AWSTraceHeader"))) {
            system.put("AWSTraceHeader", trace.stringValue());
        }
        if (m.deadLetterSourceArn() != null && (all || systemNames.contains("DeadLetterQueueSourceArn"))) {
            system.put("DeadLetterQueueSourceArn", m.deadLetterSourceArn());
        }
        if (!system.isEmpty()) {
            s.put("Attributes", MapValue.flattened(system, "Attribute", "Name", "Value"));
        }
        Map<String, MessageAttribute> selected = new LinkedHashMap<>();
        for (Map.Entry<String, MessageAttribute> e : m.attributes().entrySet()) {
            if (wanted(e.getKey(), attributeNames)) {
                selected.put(e.getKey(), e.getValue());
            }
        }
        if (!selected.isEmpty()) {
            // the digest covers the attributes returned, so clients can check what they got
            s.put("MD5OfMessageAttributes", MessageMd5.ofAttributes(selected));
            Map<String, Object> values = new LinkedHashMap<>();
            selected.forEach((k, v) -> values.put(k, Struct.of().put("StringValue", v.stringValue())
                    .put("BinaryValue", v.binaryValue()).put("DataType", v.dataType())));
            s.put("MessageAttributes", MapValue.flattened(values, "MessageAttribute", "Name", "Value"));
        }
        return s;
    }

    private static boolean wanted(String name, List<String> requested) {
        for (String r : requested) {
            if (r.equals("All") || r.equals(".*") || r.equals(name)
                    || r.endsWith(".*") && name.startsWith(r.substring(0, r.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    // ---- delete and visibility -----------------------------------------------------------------

    Struct deleteMessage(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        queue.delete(SqsInputs.required(r.params(), "ReceiptHandle"));
        return null;
    }

    Struct deleteMessageBatch(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        List<Object> successful = new ArrayList<>();
        List<Object> failed = new ArrayList<>();
        for (Params e : SqsInputs.batchEntries(r, "DeleteMessageBatchRequestEntry")) {
            try {
                queue.delete(SqsInputs.required(e, "ReceiptHandle"));
                successful.add(Struct.of().put("Id", e.string("Id")));
            } catch (AwsException ex) {
                failed.add(failure(e.string("Id"), ex));
            }
        }
        return Struct.of().put("Successful", ListValue.flattened(successful, "DeleteMessageBatchResultEntry"))
                .put("Failed", ListValue.flattened(failed, "BatchResultErrorEntry"));
    }

    private static int visibility(Params p) {
        Integer v = p.integer("VisibilityTimeout");
        if (v == null) {
            throw new AwsException(SqsError.MISSING_PARAMETER, "The request must contain the parameter VisibilityTimeout.");
        }
        if (v < 0 || v > 43_200) {
            throw new AwsException(SqsError.INVALID_PARAMETER_VALUE, "Value " + v + " for parameter VisibilityTimeout "
                    + "is invalid. Reason: Must be >= 0 and <= 43200, if provided.");
        }
        return v;
    }

    Struct changeMessageVisibility(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        String handle = SqsInputs.required(r.params(), "ReceiptHandle");
        queue.changeVisibility(handle, visibility(r.params()));
        return null;
    }

    Struct changeMessageVisibilityBatch(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        List<Object> successful = new ArrayList<>();
        List<Object> failed = new ArrayList<>();
        for (Params e : SqsInputs.batchEntries(r, "ChangeMessageVisibilityBatchRequestEntry")) {
            try {
                queue.changeVisibility(SqsInputs.required(e, "ReceiptHandle"), visibility(e));
                successful.add(Struct.of().put("Id", e.string("Id")));
            } catch (AwsException ex) {
                failed.add(failure(e.string("Id"), ex));
            }
        }
        return Struct.of().put("Successful", ListValue.flattened(successful, "ChangeMessageVisibilityBatchResultEntry"))
                .put("Failed", ListValue.flattened(failed, "BatchResultErrorEntry"));
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a message on behalf of another service (SNS, S3 notifications), as the queue's owner would. */
    String deliver(SqsQueue queue, String body, Map<String, MessageAttribute> attributes, String groupId,
                   String deduplicationId, String senderId) {
        Outgoing o = new Outgoing(body, attributes == null ? Map.of() : attributes, Map.of(), null, groupId,
                queue.isFifo() && deduplicationId == null ? sha256(body) : queue.isFifo() ? deduplicationId : null, 0);
        if (queue.isFifo() && groupId == null) {
            throw new AwsException(SqsError.MISSING_PARAMETER, "The request must contain the parameter MessageGroupId.");
        }
        return (String) send(queue, o, senderId).get("MessageId");
    }
}
