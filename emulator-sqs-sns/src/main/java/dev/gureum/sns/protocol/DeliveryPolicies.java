package dev.gureum.sns.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.sns.domain.HttpDeliveryPolicy;
import dev.gureum.sns.domain.RetryPolicy;

import java.util.Set;

/**
 * HTTP/S delivery policies in their two JSON forms: a topic's ({@code {"http": {"defaultHealthyRetryPolicy":
 * ..., "defaultRequestPolicy": ..., "disableSubscriptionOverrides": ...}}}) and a subscription's
 * ({@code {"healthyRetryPolicy": ..., "requestPolicy": ...}}); and the effective policies AWS reports.
 */
final class DeliveryPolicies {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Set<String> BACKOFF_FUNCTIONS = Set.of("linear", "arithmetic", "geometric", "exponential");
    /** AWS caps the time an HTTP/S message is retried. */
    private static final int MAX_TOTAL_SECONDS = 3600;

    /** A parsed topic policy. */
    record TopicPolicy(HttpDeliveryPolicy http, boolean disableSubscriptionOverrides) {
    }

    private DeliveryPolicies() {
    }

    static TopicPolicy parseTopic(String json, String parameter) {
        if (json == null || json.isEmpty()) {
            return new TopicPolicy(HttpDeliveryPolicy.DEFAULT, false);
        }
        JsonNode http = read(json, parameter).path("http");
        return new TopicPolicy(new HttpDeliveryPolicy(
                retry(http.path("defaultHealthyRetryPolicy"), parameter),
                contentType(http.path("defaultRequestPolicy"))),
                http.path("disableSubscriptionOverrides").asBoolean(false));
    }

    static HttpDeliveryPolicy parseSubscription(String json, String parameter) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        JsonNode node = read(json, parameter);
        return new HttpDeliveryPolicy(retry(node.path("healthyRetryPolicy"), parameter),
                contentType(node.path("requestPolicy")));
    }

    private static JsonNode read(String json, String parameter) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw SnsError.invalidParameter(parameter + ": Delivery policy must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw SnsError.invalidParameter(parameter + ": failed to parse JSON. " + e.getOriginalMessage());
        }
    }

    private static RetryPolicy retry(JsonNode node, String parameter) {
        if (node.isMissingNode() || node.isNull()) {
            return RetryPolicy.DEFAULT;
        }
        RetryPolicy d = RetryPolicy.DEFAULT;
        int min = integer(node, "minDelayTarget", d.minDelayTarget(), 1, MAX_TOTAL_SECONDS, parameter);
        int max = integer(node, "maxDelayTarget", Math.max(min, d.maxDelayTarget()), 1, MAX_TOTAL_SECONDS, parameter);
        int retries = integer(node, "numRetries", d.numRetries(), 0, 100, parameter);
        int maxDelayRetries = integer(node, "numMaxDelayRetries", 0, 0, retries, parameter);
        int noDelayRetries = integer(node, "numNoDelayRetries", 0, 0, retries, parameter);
        int minDelayRetries = integer(node, "numMinDelayRetries", 0, 0, retries, parameter);
        String backoff = node.path("backoffFunction").asText("linear");
        if (min > max) {
            throw SnsError.invalidParameter(parameter + ": minDelayTarget must be less than or equal to maxDelayTarget");
        }
        if (maxDelayRetries + noDelayRetries + minDelayRetries > retries) {
            throw SnsError.invalidParameter(parameter + ": numRetries must be greater than or equal to the sum of "
                    + "numNoDelayRetries, numMinDelayRetries and numMaxDelayRetries");
        }
        if (!BACKOFF_FUNCTIONS.contains(backoff)) {
            throw SnsError.invalidParameter(parameter + ": backoffFunction must be one of linear, arithmetic, "
                    + "geometric or exponential");
        }
        RetryPolicy policy = new RetryPolicy(min, max, retries, maxDelayRetries, noDelayRetries, minDelayRetries, backoff);
        long total = policy.delays().stream().mapToLong(java.time.Duration::toSeconds).sum();
        if (total > MAX_TOTAL_SECONDS) {
            throw SnsError.invalidParameter(parameter + ": The total time of retries must be at most 3600 seconds");
        }
        return policy;
    }

    private static int integer(JsonNode node, String name, int fallback, int min, int max, String parameter) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw SnsError.invalidParameter(parameter + ": " + name + " must be an integer between " + min + " and " + max);
        }
        return value.asInt();
    }

    private static String contentType(JsonNode requestPolicy) {
        String type = requestPolicy.path("headerContentType").asText(null);
        return type == null || type.isEmpty() ? HttpDeliveryPolicy.DEFAULT_CONTENT_TYPE : type;
    }

    /** A topic's {@code EffectiveDeliveryPolicy}: its policy with AWS's defaults filled in. */
    static String effectiveTopicPolicy(HttpDeliveryPolicy policy, boolean disableSubscriptionOverrides) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode http = root.putObject("http");
        http.set("defaultHealthyRetryPolicy", retryNode(policy.retryPolicy()));
        http.put("disableSubscriptionOverrides", disableSubscriptionOverrides);
        http.putObject("defaultRequestPolicy").put("headerContentType", policy.contentType());
        return root.toString();
    }

    /** An HTTP/S subscription's {@code EffectiveDeliveryPolicy}. */
    static String effectiveSubscriptionPolicy(HttpDeliveryPolicy policy) {
        ObjectNode root = JSON.createObjectNode();
        root.set("healthyRetryPolicy", retryNode(policy.retryPolicy()));
        root.putNull("sicklyRetryPolicy");
        root.putNull("throttlePolicy");
        root.putObject("requestPolicy").put("headerContentType", policy.contentType());
        root.put("guaranteed", false);
        return root.toString();
    }

    private static ObjectNode retryNode(RetryPolicy r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("minDelayTarget", r.minDelayTarget());
        node.put("maxDelayTarget", r.maxDelayTarget());
        node.put("numRetries", r.numRetries());
        node.put("numMaxDelayRetries", r.numMaxDelayRetries());
        node.put("numNoDelayRetries", r.numNoDelayRetries());
        node.put("numMinDelayRetries", r.numMinDelayRetries());
        node.put("backoffFunction", r.backoffFunction());
        return node;
    }
}
