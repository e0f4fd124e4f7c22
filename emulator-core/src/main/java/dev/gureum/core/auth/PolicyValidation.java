package dev.gureum.core.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * IAM's checks of a policy document before it stores one, with the messages of its
 * {@code MalformedPolicyDocument} error.
 */
final class PolicyValidation {

    private static final Set<String> DOCUMENT_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]+:[A-Za-z0-9*?]*");

    private PolicyValidation() {
    }

    static void validate(String json, PolicyDocument.Kind kind) {
        JsonNode root;
        try {
            root = json == null ? null : Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw malformed("This policy contains invalid Json");
        }
        if (root == null) {
            throw malformed("This policy contains invalid Json");
        }
        // JSON that is no object ("null", a list) parses, and fails the policy grammar
        if (!root.isObject()) {
            throw malformed("Syntax errors in policy.");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!DOCUMENT_FIELDS.contains(name)) {
                throw malformed("Syntax errors in policy.");
            }
        }
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual()
                && (version.asText().equals("2012-10-17") || version.asText().equals("2008-10-17")))) {
            throw malformed("The policy failed legacy parsing");
        }
        JsonNode statements = root.get("Statement");
        if (statements == null || !(statements.isObject() || statements.isArray() && !statements.isEmpty())) {
            throw malformed("Syntax errors in policy.");
        }
        Set<String> sids = new HashSet<>();
        for (JsonNode s : statements.isArray() ? statements : java.util.List.of(statements)) {
            statement(s, kind, sids);
        }
    }

    private static void statement(JsonNode s, PolicyDocument.Kind kind, Set<String> sids) {
        if (!s.isObject()) {
            throw malformed("Syntax errors in policy.");
        }
        for (Iterator<String> names = s.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!STATEMENT_FIELDS.contains(name)) {
                throw malformed("Syntax errors in policy.");
            }
        }
        if (s.has("Sid") && !sids.add(s.get("Sid").asText())) {
            throw malformed("Statement IDs (SID) in a single policy must be unique.");
        }
        JsonNode effect = s.get("Effect");
        if (effect == null) {
            throw malformed("Missing required field Effect");
        }
        if (!effect.isTextual() || !effect.asText().equals("Allow") && !effect.asText().equals("Deny")) {
            throw malformed("Invalid effect: " + effect.asText());
        }
        if (!s.has("Action") && !s.has("NotAction")) {
            // trust policies are checked by another grammar, which words its errors as missing and prohibited fields
            throw malformed(kind == PolicyDocument.Kind.TRUST ? "Missing required field Action"
                    : "Policy statement must contain actions.");
        }
        if (s.has("Action") && s.has("NotAction") || s.has("Resource") && s.has("NotResource")
                || s.has("Principal") && s.has("NotPrincipal")) {
            throw malformed("Syntax errors in policy.");
        }
        boolean namesPrincipal = s.has("Principal") || s.has("NotPrincipal");
        boolean namesResource = s.has("Resource") || s.has("NotResource");
        switch (kind) {
            case IDENTITY -> {
                if (namesPrincipal) {
                    throw malformed("Policy document should not specify a principal.");
                }
                if (!namesResource) {
                    throw malformed("Policy statement must contain resources.");
                }
            }
            case TRUST -> {
                if (!namesPrincipal) {
                    throw malformed("Missing required field Principal");
                }
                if (namesResource) {
                    throw malformed("Has prohibited field Resource");
                }
            }
            case RESOURCE -> {
                if (!namesPrincipal) {
                    throw malformed("Missing required field Principal");
                }
            }
        }
        for (String action : strings(s.has("Action") ? s.get("Action") : s.get("NotAction"))) {
            if (action.indexOf(':') != action.lastIndexOf(':')) {
                throw malformed("Actions/Condition can contain only one colon.");
            }
            if (!action.equals("*") && !ACTION.matcher(action).matches()) {
                throw malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
            }
        }
        if (namesResource) {
            for (String resource : strings(s.has("Resource") ? s.get("Resource") : s.get("NotResource"))) {
                if (!resource.equals("*") && !resource.startsWith("arn:")) {
                    throw malformed("Resource " + resource + " must be in ARN format or \"*\".");
                }
                if (resource.startsWith("arn:") && resource.split(":", 6).length < 6) {
                    throw malformed("Resource " + resource + " must be in ARN format or \"*\".");
                }
            }
        }
        // an unknown condition operator keeps its own message ("Invalid Condition type : ...")
        PolicyCondition.parseAll(s.get("Condition"), false);
        try {
            PolicyStatement.parse(s, false);
        } catch (PolicyDocument.MalformedPolicyException e) {
            throw malformed("Syntax errors in policy.");
        }
    }

    private static Iterable<String> strings(JsonNode node) {
        if (node.isTextual()) {
            return java.util.List.of(node.asText());
        }
        if (!node.isArray()) {
            throw malformed("Syntax errors in policy.");
        }
        java.util.List<String> values = new java.util.ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isTextual()) {
                throw malformed("Syntax errors in policy.");
            }
            values.add(v.asText());
        }
        return values;
    }

    private static PolicyDocument.MalformedPolicyException malformed(String message) {
        return new PolicyDocument.MalformedPolicyException(message);
    }
}
