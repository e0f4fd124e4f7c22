package dev.gureum.sqs.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.sqs.domain.RedrivePolicy;
import dev.gureum.sqs.domain.SqsException;

import java.io.IOException;

/** Reads a queue's {@code RedrivePolicy} JSON into the document the domain checks. */
final class RedrivePolicies {

    private RedrivePolicies() {
    }

    static RedrivePolicy.Document read(String json) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new SqsException(SqsException.Reason.REDRIVE_POLICY_NOT_A_MAP);
        }
        if (node == null || !node.isObject()) {
            throw new SqsException(SqsException.Reason.REDRIVE_POLICY_NOT_A_MAP);
        }
        JsonNode target = node.get("deadLetterTargetArn");
        JsonNode count = node.get("maxReceiveCount");
        // a number counts as its integer part, as SQS reads 5.0; anything else as its text
        return new RedrivePolicy.Document(target != null && target.isTextual() ? target.asText() : null,
                count == null ? null : count.isNumber() ? String.valueOf(count.asInt()) : count.asText());
    }
}
