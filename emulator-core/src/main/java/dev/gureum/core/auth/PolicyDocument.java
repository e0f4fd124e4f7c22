package dev.gureum.core.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gureum.core.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An IAM policy document (a bucket, queue, topic or function policy) and AWS's evaluation of it for one
 * request: a statement applies when its principal, action, resource and conditions all match; an explicit
 * {@code Deny} wins over any {@code Allow}; when no statement applies the request is implicitly denied.
 * Immutable and thread-safe: services parse a policy when it is stored and evaluate it per request.
 */
public final class PolicyDocument {

    /** A policy that does not parse; the message says what is wrong, for the service's own error. */
    public static final class MalformedPolicyException extends RuntimeException {
        public MalformedPolicyException(String message) {
            super(message);
        }
    }

    public enum Decision { ALLOW, DENY, NOT_APPLICABLE }

    private static final ObjectMapper JSON = Json.mapper();

    private final List<PolicyStatement> statements;

    private PolicyDocument(List<PolicyStatement> statements) {
        this.statements = List.copyOf(statements);
    }

    public static PolicyDocument parse(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedPolicyException("Policy document is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyException("Policy document is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyException("Policy document must be a JSON object");
        }
        JsonNode statement = root.get("Statement");
        if (statement == null || statement.isNull()) {
            throw new MalformedPolicyException("Policy document is missing required field Statement");
        }
        List<PolicyStatement> parsed = new ArrayList<>();
        if (statement.isArray()) {
            for (JsonNode s : statement) {
                parsed.add(PolicyStatement.parse(s));
            }
        } else {
            parsed.add(PolicyStatement.parse(statement));
        }
        return new PolicyDocument(parsed);
    }

    /**
     * @param action     {@code service:Operation}, e.g. {@code lambda:InvokeFunction}
     * @param resource   the ARN acted on
     * @param conditions the request's condition context ({@code aws:SourceArn}, {@code aws:SourceAccount},
     *                   {@code aws:PrincipalOrgID}, {@code aws:SecureTransport}, {@code s3:prefix}...); keys
     *                   are matched without regard to case, and a key not given is absent from the request
     */
    public Decision evaluate(Principal principal, String action, String resource, Map<String, String> conditions) {
        Map<String, String> context = new HashMap<>();
        if (conditions != null) {
            conditions.forEach((k, v) -> {
                if (k != null && v != null) {
                    context.put(k.toLowerCase(Locale.ROOT), v);
                }
            });
        }
        boolean allowed = false;
        for (PolicyStatement s : statements) {
            if (s.applies(principal, action, resource, context)) {
                if (s.deny()) {
                    return Decision.DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.NOT_APPLICABLE;
    }

    /**
     * Whether a resource's stored policy text allows the request. A resource without a policy, or with
     * one that does not parse, allows nothing (its owner's own calls are decided before any policy is).
     */
    public static boolean allowedBy(String policy, Principal principal, String action, String resource,
                                    Map<String, String> conditions) {
        if (policy == null || policy.isBlank()) {
            return false;
        }
        try {
            return parse(policy).allows(principal, action, resource, conditions);
        } catch (MalformedPolicyException e) {
            return false;
        }
    }

    /** Whether the policy allows the request: some statement allows it and none denies it. */
    public boolean allows(Principal principal, String action, String resource, Map<String, String> conditions) {
        return evaluate(principal, action, resource, conditions) == Decision.ALLOW;
    }
}
