package dev.gureum.sqs.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ListValue;
import dev.gureum.core.protocol.MapValue;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.spi.MessageAttribute;
import dev.gureum.sqs.domain.MessageMd5;
import dev.gureum.sqs.domain.MessageRules;
import dev.gureum.sqs.domain.OutgoingMessage;
import dev.gureum.sqs.domain.QueueAttributes;
import dev.gureum.sqs.domain.QueueMetrics;
import dev.gureum.sqs.domain.QueueStore;
import dev.gureum.sqs.domain.ReceiveRequest;
import dev.gureum.sqs.domain.SqsException;
import dev.gureum.sqs.domain.SqsMessage;
import dev.gureum.sqs.domain.SqsQueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Messages: send, receive, delete, change visibility — single and in batches. */
final class MessageOperations {

    private static final Set<String> SYSTEM_ATTRIBUTES = Set.of("All", "SenderId", "SentTimestamp",
            "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp", "SequenceNumber", "MessageDeduplicationId",
            "MessageGroupId", "AWSTraceHeader", "DeadLetterQueueSourceArn");

    private final QueueStore store;
    private final QueueMetrics metrics;

    MessageOperations(QueueStore store, QueueMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    // ---- send ----------------------------------------------------------------------------------

    /** One message to send: the request's fields, checked against the queue by the domain. */
    private static OutgoingMessage outgoing(SqsQueue queue, Params p, boolean json) {
        String body = p.string("MessageBody");
        if (body == null || body.isEmpty()) {
            throw new AwsException(SqsError.MISSING_PARAMETER, "The request must contain the parameter MessageBody.");
        }
        try {
            return OutgoingMessage.of(queue, new OutgoingMessage.Fields() {
                // each field is parsed when the domain reads it, in the order SQS checks them
                @Override
                public String body() {
                    return body;
                }

                @Override
                public Map<String, MessageRules.AttributeInput> attributes() {
                    return SqsInputs.messageAttributes(p, json);
                }

                @Override
                public Map<String, MessageRules.AttributeInput> systemAttributes() {
                    return SqsInputs.systemAttributes(p, json);
                }

                @Override
                public Integer delaySeconds() {
                    return p.integer("DelaySeconds");
                }

                @Override
                public String groupId() {
                    return p.string("MessageGroupId");
                }

                @Override
                public String deduplicationId() {
                    return p.string("MessageDeduplicationId");
                }
            });
        } catch (SqsException e) {
            throw SqsErrors.aws(e);
        }
    }

    private SqsQueue.Sent send(SqsQueue queue, OutgoingMessage o, String senderId) {
        try {
            SqsQueue.Sent sent = queue.send(o, senderId);
            metrics.sent(queue, o);
            return sent;
        } catch (SqsException e) {
            throw SqsErrors.aws(e);
        }
    }

    private static Struct sent(SqsQueue.Sent sent) {
        return Struct.of().put("MD5OfMessageBody", sent.md5OfBody()).put("MD5OfMessageAttributes", sent.md5OfAttributes())
                .put("MD5OfMessageSystemAttributes", sent.md5OfSystemAttributes()).put("MessageId", sent.messageId())
                .put("SequenceNumber", sent.sequenceNumber());
    }

    /** Answered once the message is durable. */
    CompletionStage<Struct> sendMessage(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        SqsQueue.Sent sent = send(queue, outgoing(queue, r.params(), SqsInputs.json(r)), r.context().accountId());
        return sent.durable().thenApply(done -> sent(sent));
    }

    /** Answered once every message sent is durable: a queue's records are written in order, so the last one's. */
    CompletionStage<Struct> sendMessageBatch(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        List<Params> entries = SqsInputs.batchEntries(r, "SendMessageBatchRequestEntry");
        List<Object> successful = new ArrayList<>();
        List<Object> failed = new ArrayList<>();
        List<OutgoingMessage> outgoing = new ArrayList<>();
        for (Params e : entries) {
            try {
                outgoing.add(outgoing(queue, e, SqsInputs.json(r)));
            } catch (AwsException ex) {
                outgoing.add(null);
                failed.add(failure(e.string("Id"), ex));
            }
        }
        try {
            queue.checkBatch(outgoing.stream().filter(java.util.Objects::nonNull).toList());
        } catch (SqsException e) {
            throw SqsErrors.aws(e);
        }
        CompletionStage<Void> durable = CompletableFuture.completedFuture(null);
        for (int i = 0; i < entries.size(); i++) {
            if (outgoing.get(i) == null) {
                continue;
            }
            try {
                SqsQueue.Sent sent = send(queue, outgoing.get(i), r.context().accountId());
                durable = sent.durable();
                Struct result = sent(sent);
                successful.add(Struct.of().put("Id", entries.get(i).string("Id")).put("MessageId", result.get("MessageId"))
                        .put("MD5OfMessageBody", result.get("MD5OfMessageBody"))
                        .put("MD5OfMessageAttributes", result.get("MD5OfMessageAttributes"))
                        .put("MD5OfMessageSystemAttributes", result.get("MD5OfMessageSystemAttributes"))
                        .put("SequenceNumber", result.get("SequenceNumber")));
            } catch (AwsException ex) {
                failed.add(failure(entries.get(i).string("Id"), ex));
            }
        }
        Struct answer = Struct.of().put("Successful", ListValue.flattened(successful, "SendMessageBatchResultEntry"))
                .put("Failed", ListValue.flattened(failed, "BatchResultErrorEntry"));
        return durable.thenApply(done -> answer);
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
        ReceiveRequest.checkMaxMessages(max);
        Integer visibility = p.integer("VisibilityTimeout");
        ReceiveRequest.checkVisibilityTimeout(visibility);
        Integer wait = p.integer("WaitTimeSeconds");
        ReceiveRequest.checkWaitTime(wait);
        int waitSeconds = wait != null ? wait
                : Integer.parseInt(queue.attribute(QueueAttributes.RECEIVE_MESSAGE_WAIT_TIME_SECONDS));
        String attemptId = p.string("ReceiveRequestAttemptId");
        List<String> systemNames = new ArrayList<>(SqsInputs.strings(r, "AttributeNames", "AttributeName"));
        systemNames.addAll(SqsInputs.strings(r, "MessageSystemAttributeNames", "MessageSystemAttributeName"));
        for (String n : systemNames) {
            if (!SYSTEM_ATTRIBUTES.contains(n) && !QueueAttributes.isKnown(n)) {
                throw new SqsException(SqsException.Reason.UNKNOWN_QUEUE_ATTRIBUTE, n);
            }
        }
        List<String> attributeNames = SqsInputs.strings(r, "MessageAttributeNames", "MessageAttributeName");
        ReceiveRequest request = new ReceiveRequest(max, visibility, Duration.ofSeconds(waitSeconds), attemptId);
        return queue.receive(request).thenApply(received -> {
            metrics.received(queue, received.size());
            List<Object> messages = new ArrayList<>(received.size());
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
        if (!systemNames.isEmpty()) {
            Map<String, String> system = systemAttributes(received, systemNames);
            if (!system.isEmpty()) {
                s.put("Attributes", MapValue.flattened(system, "Attribute", "Name", "Value"));
            }
        }
        if (attributeNames.isEmpty() || m.attributes().isEmpty()) {
            return s;
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

    /** The system attributes asked for that the message has, in SQS's order. */
    private static Map<String, String> systemAttributes(SqsMessage.Received received, List<String> systemNames) {
        SqsMessage m = received.message();
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
        return system;
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

    CompletionStage<Struct> deleteMessage(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        return delete(queue, SqsInputs.required(r.params(), "ReceiptHandle")).thenApply(done -> null);
    }

    CompletionStage<Struct> deleteMessageBatch(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        List<Object> successful = new ArrayList<>();
        List<Object> failed = new ArrayList<>();
        CompletionStage<Void> durable = CompletableFuture.completedFuture(null);
        for (Params e : SqsInputs.batchEntries(r, "DeleteMessageBatchRequestEntry")) {
            try {
                durable = delete(queue, SqsInputs.required(e, "ReceiptHandle"));
                successful.add(Struct.of().put("Id", e.string("Id")));
            } catch (AwsException ex) {
                failed.add(failure(e.string("Id"), ex));
            }
        }
        Struct answer = Struct.of().put("Successful", ListValue.flattened(successful, "DeleteMessageBatchResultEntry"))
                .put("Failed", ListValue.flattened(failed, "BatchResultErrorEntry"));
        return durable.thenApply(done -> answer);
    }

    private static int visibility(Params p) {
        Integer v = p.integer("VisibilityTimeout");
        if (v == null) {
            throw new AwsException(SqsError.MISSING_PARAMETER, "The request must contain the parameter VisibilityTimeout.");
        }
        try {
            ReceiveRequest.checkVisibilityTimeout(v);
        } catch (SqsException e) {
            throw SqsErrors.aws(e);
        }
        return v;
    }

    CompletionStage<Struct> changeMessageVisibility(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        String handle = SqsInputs.required(r.params(), "ReceiptHandle");
        return changeVisibility(queue, handle, visibility(r.params())).thenApply(done -> null);
    }

    CompletionStage<Struct> changeMessageVisibilityBatch(ActionRequest r) {
        SqsQueue queue = SqsInputs.queue(r, store);
        List<Object> successful = new ArrayList<>();
        List<Object> failed = new ArrayList<>();
        CompletionStage<Void> durable = CompletableFuture.completedFuture(null);
        for (Params e : SqsInputs.batchEntries(r, "ChangeMessageVisibilityBatchRequestEntry")) {
            try {
                durable = changeVisibility(queue, SqsInputs.required(e, "ReceiptHandle"), visibility(e));
                successful.add(Struct.of().put("Id", e.string("Id")));
            } catch (AwsException ex) {
                failed.add(failure(e.string("Id"), ex));
            }
        }
        Struct answer = Struct.of().put("Successful", ListValue.flattened(successful,
                        "ChangeMessageVisibilityBatchResultEntry"))
                .put("Failed", ListValue.flattened(failed, "BatchResultErrorEntry"));
        return durable.thenApply(done -> answer);
    }

    private CompletionStage<Void> delete(SqsQueue queue, String receiptHandle) {
        try {
            CompletionStage<Void> durable = queue.delete(receiptHandle);
            metrics.deleted(queue);
            return durable;
        } catch (SqsException e) {
            throw SqsErrors.aws(e);
        }
    }

    private static CompletionStage<Void> changeVisibility(SqsQueue queue, String receiptHandle, int visibilityTimeout) {
        try {
            return queue.changeVisibility(receiptHandle, visibilityTimeout);
        } catch (SqsException e) {
            throw SqsErrors.aws(e);
        }
    }
}
