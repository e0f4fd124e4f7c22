package dev.gureum.core.auth;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gureum.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * What a policy is attached to, which decides the elements IAM requires and refuses: an identity-based policy
     * (also a permissions boundary or a session policy) names no principal and must name resources; a role's trust
     * policy names principals and no resource; a resource-based policy names principals.
     */
    public enum Kind { IDENTITY, TRUST, RESOURCE }

    /** A statement that applies to a request, and how its {@code Principal} named the caller. */
    record Match(int index, PolicyStatement statement, PolicyStatement.PrincipalMatch principal) {
    }

    private static final ObjectMapper JSON = Json.mapper();
    private static final int STORED_CACHE_SIZE = 1000;
    private static final Map<String, Optional<PolicyDocument>> STORED = new ConcurrentHashMap<>();

    private final String version;
    private final List<PolicyStatement> statements;

    private final boolean usesKeys;

    private PolicyDocument(String version, List<PolicyStatement> statements) {
        this.version = version;
        this.statements = List.copyOf(statements);
        this.usesKeys = statements.stream().anyMatch(st -> !st.conditions().isEmpty()
                || st.variables() && st.resources() != null && st.resources().stream().anyMatch(PolicyVariables::has));
    }

    /**
     * Whether the policy is public as S3's Block Public Access judges it: it allows everyone something, without a
     * condition fixing the caller's or the source's account, ARN, organization, network or IP range.
     */
    public boolean isPublic() {
        return PublicPolicies.isPublic(statements);
    }

    /**
     * Whether the policy reads the request's condition keys (a {@code Condition}, or a policy variable in a
     * resource); one that does not decides the same without them.
     */
    public boolean usesKeys() {
        return usesKeys;
    }

    /**
     * Parses and validates a policy as IAM does for its kind.
     *
     * @throws MalformedPolicyException with IAM's {@code MalformedPolicyDocument} message
     */
    public static PolicyDocument parse(String json, Kind kind) {
        PolicyValidation.validate(json, kind);
        return parse(json);
    }

    /** The policy's {@code Version}, or {@code null} when it has none (which IAM reads as {@code 2008-10-17}). */
    public String version() {
        return version;
    }

    /**
     * Whether any statement denies. A resource policy without one cannot refuse its own account's callers where
     * identity policies are not enforced, which lets services skip evaluating it for them.
     */
    public boolean hasDeny() {
        return statements.stream().anyMatch(PolicyStatement::deny);
    }

    /** How many statements the policy has. */
    public int size() {
        return statements.size();
    }

    /**
     * Parses a policy as a resource's: the checks every service makes (a JSON object with statements, each with an
     * effect and actions, well-formed principals and conditions), without IAM's stricter rules.
     */
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
        JsonNode versionNode = root.get("Version");
        String version = versionNode != null && versionNode.isTextual() ? versionNode.asText() : null;
        // policy variables exist from version 2012-10-17 on; in older policies "${...}" is literal text
        boolean variables = "2012-10-17".equals(version);
        JsonNode statement = root.get("Statement");
        if (statement == null || statement.isNull()) {
            throw new MalformedPolicyException("Policy document is missing required field Statement");
        }
        List<PolicyStatement> parsed = new ArrayList<>();
        if (statement.isArray()) {
            for (JsonNode s : statement) {
                parsed.add(PolicyStatement.parse(s, variables));
            }
        } else {
            parsed.add(PolicyStatement.parse(statement, variables));
        }
        return new PolicyDocument(version, parsed);
    }

    /**
     * @param action     {@code service:Operation}, e.g. {@code lambda:InvokeFunction}
     * @param resource   the ARN acted on
     * @param conditions the request's condition context ({@code aws:SourceArn}, {@code aws:SourceAccount},
     *                   {@code aws:PrincipalOrgID}, {@code aws:SecureTransport}, {@code s3:prefix}...); keys
     *                   are matched without regard to case, and a key not given is absent from the request
     */
    public Decision evaluate(Principal principal, String action, String resource, Map<String, String> conditions) {
        return evaluate(AccessRequest.of(principal, action, resource, conditions));
    }

    /** This policy's verdict on a request, read as a resource-based policy (its {@code Principal} counts). */
    public Decision evaluate(AccessRequest request) {
        boolean allowed = false;
        for (Match m : matches(request, true)) {
            if (m.statement().deny()) {
                return Decision.DENY;
            }
            allowed = true;
        }
        return allowed ? Decision.ALLOW : Decision.NOT_APPLICABLE;
    }

    /** The statements that apply to the request; {@code checkPrincipal} false for identity-based policies. */
    List<Match> matches(AccessRequest request, boolean checkPrincipal) {
        List<Match> matches = new ArrayList<>(2);
        for (int i = 0; i < statements.size(); i++) {
            PolicyStatement s = statements.get(i);
            PolicyStatement.PrincipalMatch how = s.match(request, checkPrincipal);
            if (how != null) {
                matches.add(new Match(i, s, how));
            }
        }
        return matches;
    }

    /**
     * The condition keys that statements about the request's action and resource test but the request lacks, as the
     * policy names them: the context IAM's policy simulator reports missing. {@code Null} conditions test absence and
     * need no value.
     */
    public List<String> missingContextKeys(AccessRequest request) {
        LinkedHashSet<String> missing = new LinkedHashSet<>();
        for (PolicyStatement s : statements) {
            if (!s.concerns(request)) {
                continue;
            }
            for (PolicyCondition c : s.conditions()) {
                if (!c.operator().equals("Null") && !request.keys().containsKey(c.key())) {
                    missing.add(c.name());
                }
            }
        }
        return List.copyOf(missing);
    }

    /** A place in a policy's text: line and column, both counted from 1. */
    public record Position(int line, int column) {
    }

    /** Where a statement begins (its opening brace) and ends (just after its closing brace) in a policy's text. */
    public record Span(Position start, Position end) {
    }

    /**
     * Where each statement of a policy's text lies, in {@code Statement} order, as IAM's policy simulator reports
     * matched statements; empty for a text that is not a policy object.
     */
    public static List<Span> statementSpans(String json) {
        List<Span> spans = new ArrayList<>();
        try (JsonParser p = JSON.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("Statement")) {
                    p.skipChildren();
                } else if (value == JsonToken.START_OBJECT) {
                    spans.add(span(p));
                } else if (value == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() == JsonToken.START_OBJECT) {
                            spans.add(span(p));
                        } else {
                            p.skipChildren();
                        }
                    }
                }
            }
        } catch (IOException e) {
            return List.copyOf(spans);
        }
        return List.copyOf(spans);
    }

    private static Span span(JsonParser p) throws IOException {
        JsonLocation start = p.currentTokenLocation();
        p.skipChildren();
        JsonLocation end = p.currentTokenLocation();
        return new Span(new Position(start.getLineNr(), start.getColumnNr()),
                new Position(end.getLineNr(), end.getColumnNr() + 1));
    }

    /**
     * A resource's stored policy, parsed once and reused while its text is unchanged; {@code null} without one or
     * for one that does not parse (it then allows nothing).
     */
    public static PolicyDocument ofStored(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Optional<PolicyDocument> cached = STORED.get(text);
        if (cached == null) {
            try {
                cached = Optional.of(parse(text));
            } catch (MalformedPolicyException e) {
                cached = Optional.empty();
            }
            if (STORED.size() >= STORED_CACHE_SIZE) {
                STORED.clear();
            }
            STORED.put(text, cached);
        }
        return cached.orElse(null);
    }

    /**
     * Whether a resource's stored policy text allows the request. A resource without a policy, or with
     * one that does not parse, allows nothing (its owner's own calls are decided before any policy is).
     */
    public static boolean allowedBy(String policy, Principal principal, String action, String resource,
                                    Map<String, String> conditions) {
        PolicyDocument document = ofStored(policy);
        return document != null && document.allows(principal, action, resource, conditions);
    }

    /** Whether the policy allows the request: some statement allows it and none denies it. */
    public boolean allows(Principal principal, String action, String resource, Map<String, String> conditions) {
        return evaluate(principal, action, resource, conditions) == Decision.ALLOW;
    }
}
