package dev.gureum.sns.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.json.Json;
import dev.gureum.sns.domain.HttpDeliveryPolicy;
import dev.gureum.sns.domain.RetryPolicy;
import dev.gureum.sns.domain.SnsException;


/**
 * HTTP/S delivery policies in their two JSON forms: a topic's ({@code {"http": {"defaultHealthyRetryPolicy":
 * ..., "defaultRequestPolicy": ..., "disableSubscriptionOverrides": ...}}}) and a subscription's
 * ({@code {"healthyRetryPolicy": ..., "requestPolicy": ...}}); and the effective policies AWS reports.
 */
final class DeliveryPolicies {

    private static final ObjectMapper JSON = Json.mapper();
    private static final String ATTRIBUTE = "DeliveryPolicy";

    /** A parsed topic policy. */
    record TopicPolicy(HttpDeliveryPolicy http, boolean disableSubscriptionOverrides) {
    }

    private DeliveryPolicies() {
    }

    /** A topic's policy; the default one for none. */
    static TopicPolicy parseTopic(String json) {
        if (json == null || json.isEmpty()) {
            return new TopicPolicy(HttpDeliveryPolicy.DEFAULT, false);
        }
        JsonNode http = read(json).path("http");
        return new TopicPolicy(new HttpDeliveryPolicy(RetryPolicy.of(retry(http.path("defaultHealthyRetryPolicy"))),
                contentType(http.path("defaultRequestPolicy"))),
                http.path("disableSubscriptionOverrides").asBoolean(false));
    }

    /** A subscription's policy; {@code null} for none. */
    static HttpDeliveryPolicy parseSubscription(String json) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        JsonNode node = read(json);
        return new HttpDeliveryPolicy(RetryPolicy.of(retry(node.path("healthyRetryPolicy"))),
                contentType(node.path("requestPolicy")));
    }

    private static JsonNode read(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new SnsException(SnsException.Reason.DOCUMENT_NOT_AN_OBJECT, ATTRIBUTE);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SnsException(SnsException.Reason.DOCUMENT_NOT_JSON, ATTRIBUTE, e.getOriginalMessage());
        }
    }

    /** The retry policy's members as the domain checks them; {@code null} when there is none. */
    private static RetryPolicy.Document retry(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        JsonNode backoff = node.path("backoffFunction");
        return new RetryPolicy.Document(integer(node, "minDelayTarget"), integer(node, "maxDelayTarget"),
                integer(node, "numRetries"), integer(node, "numMaxDelayRetries"), integer(node, "numNoDelayRetries"),
                integer(node, "numMinDelayRetries"), backoff.isMissingNode() || backoff.isNull() ? null : backoff.asText());
    }

    /** An integer member as text; a member that is not an integer keeps its JSON form, which is not one. */
    private static String integer(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.canConvertToInt() ? String.valueOf(value.asInt()) : value.toString();
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
