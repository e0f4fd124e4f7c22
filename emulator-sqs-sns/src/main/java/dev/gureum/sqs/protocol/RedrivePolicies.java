package dev.gureum.sqs.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.json.Json;
import dev.gureum.core.error.AwsException;
import dev.gureum.sqs.domain.RedrivePolicy;

import java.io.IOException;

/** Reads a queue's {@code RedrivePolicy} JSON with SQS's validation. */
final class RedrivePolicies {

    private RedrivePolicies() {
    }

    private static final ObjectMapper JSON = Json.mapper();

    /** The policy, or {@code null} when there is none. */
    static RedrivePolicy parse(String json) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw invalid("Redrive policy is not a valid JSON map.");
        }
        if (node == null || !node.isObject()) {
            throw invalid("Redrive policy is not a valid JSON map.");
        }
        JsonNode target = node.get("deadLetterTargetArn");
        JsonNode count = node.get("maxReceiveCount");
        if (target == null || !target.isTextual()) {
            throw invalid("Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
        }
        if (count == null) {
            throw invalid("Redrive policy does not contain mandatory attribute: maxReceiveCount.");
        }
        int max;
        try {
            max = count.isNumber() ? count.asInt() : Integer.parseInt(count.asText());
        } catch (NumberFormatException e) {
            throw invalid("Value " + count.asText() + " for parameter maxReceiveCount is invalid.");
        }
        if (max < 1 || max > 1000) {
            throw invalid("Value " + max + " for parameter maxReceiveCount is invalid. Reason: Invalid value for "
                    + "maxReceiveCount: " + max + ", valid values are from 1 to 1000 both inclusive.");
        }
        return new RedrivePolicy(target.asText(), max);
    }

    private static AwsException invalid(String reason) {
        return new AwsException(SqsError.INVALID_ATTRIBUTE_VALUE,
                "Invalid value for the parameter RedrivePolicy. Reason: " + reason);
    }
}
