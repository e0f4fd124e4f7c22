package dev.gureum.iam.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.json.Json;

import java.util.Iterator;
import java.util.Set;

/**
 * The checks IAM makes of a policy document before it stores it, answered as {@code MalformedPolicyDocument}
 * with AWS's messages: well-formed JSON, a known {@code Version}, statements with an {@code Effect}, actions,
 * and resources (identity policies) or principals (trust policies). Element values (action names, ARNs,
 * condition operators) are not checked. One class, so that a complete validator can take its place.
 */
final class PolicyDocumentRules {

    /** What a document is for: identity policies name resources, trust policies name principals. */
    enum Kind { IDENTITY, TRUST }

    private static final Set<String> TOP = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Principal", "NotPrincipal", "Condition");

    private PolicyDocumentRules() {
    }

    static void check(String document, Kind kind) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(document);
        } catch (java.io.IOException e) {
            throw malformed("This policy contains invalid Json");
        }
        if (root == null || !root.isObject()) {
            throw malformed("This policy contains invalid Json");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            if (!TOP.contains(names.next())) {
                throw malformed("Syntax errors in policy.");
            }
        }
        JsonNode version = root.get("Version");
        if (version != null && !(version.asText().equals("2012-10-17") || version.asText().equals("2008-10-17"))) {
            throw malformed("The policy failed legacy parsing");
        }
        JsonNode statements = root.get("Statement");
        if (statements == null || !(statements.isObject() || statements.isArray() && !statements.isEmpty())) {
            throw malformed("Syntax errors in policy.");
        }
        for (JsonNode statement : statements.isArray() ? statements : java.util.List.of(statements)) {
            checkStatement(statement, kind);
        }
    }

    private static void checkStatement(JsonNode s, Kind kind) {
        if (!s.isObject()) {
            throw malformed("Syntax errors in policy.");
        }
        for (Iterator<String> names = s.fieldNames(); names.hasNext(); ) {
            if (!STATEMENT.contains(names.next())) {
                throw malformed("Syntax errors in policy.");
            }
        }
        JsonNode effect = s.get("Effect");
        if (effect == null) {
            throw malformed("Missing required field Effect");
        }
        if (!effect.asText().equals("Allow") && !effect.asText().equals("Deny")) {
            throw malformed("Invalid effect: " + effect.asText());
        }
        if (!s.has("Action") && !s.has("NotAction")) {
            throw malformed(kind == Kind.TRUST ? "Missing required field Action" : "Policy statement must contain actions.");
        }
        if (kind == Kind.IDENTITY) {
            if (s.has("Principal") || s.has("NotPrincipal")) {
                throw malformed("Policy document should not specify a principal.");
            }
            if (!s.has("Resource") && !s.has("NotResource")) {
                throw malformed("Policy statement must contain resources.");
            }
        } else {
            if (!s.has("Principal") && !s.has("NotPrincipal")) {
                throw malformed("Missing required field Principal");
            }
            if (s.has("Resource") || s.has("NotResource")) {
                throw malformed("Has prohibited field Resource");
            }
        }
    }

    private static AwsException malformed(String message) {
        return new AwsException(IamError.MALFORMED_POLICY_DOCUMENT, message);
    }
}
