package dev.gureum.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.id.Arn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** One statement of a {@link PolicyDocument}: who, what, on which resource, under which conditions. */
record PolicyStatement(boolean deny, Principals principals, boolean notPrincipal, List<String> actions,
                       boolean notAction, List<String> resources, boolean notResource,
                       List<PolicyCondition> conditions) {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern PARTITION = Pattern.compile("aws[a-z-]*");

    /** The principals a statement names; {@code null} fields are kinds it does not name. */
    record Principals(boolean everyone, List<String> aws, List<String> services) {
    }

    static PolicyStatement parse(JsonNode s) {
        if (s == null || !s.isObject()) {
            throw new PolicyDocument.MalformedPolicyException("Policy statement must be a JSON object");
        }
        String effect = s.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new PolicyDocument.MalformedPolicyException("Policy statement has an invalid Effect: " + effect);
        }
        if (s.has("Action") == s.has("NotAction")) {
            throw new PolicyDocument.MalformedPolicyException(
                    "Policy statement must contain exactly one of Action or NotAction");
        }
        if (s.has("Resource") && s.has("NotResource") || s.has("Principal") && s.has("NotPrincipal")) {
            throw new PolicyDocument.MalformedPolicyException(
                    "Policy statement must not contain both an element and its Not form");
        }
        boolean notPrincipal = s.has("NotPrincipal");
        JsonNode principal = notPrincipal ? s.get("NotPrincipal") : s.get("Principal");
        boolean notAction = s.has("NotAction");
        boolean notResource = s.has("NotResource");
        JsonNode resource = notResource ? s.get("NotResource") : s.get("Resource");
        return new PolicyStatement(effect.equals("Deny"), principal == null ? null : principals(principal),
                notPrincipal, strings(notAction ? s.get("NotAction") : s.get("Action"), "Action"), notAction,
                resource == null ? null : strings(resource, "Resource"), notResource,
                PolicyCondition.parseAll(s.get("Condition")));
    }

    private static Principals principals(JsonNode node) {
        if (node.isTextual()) {
            if (!node.asText().equals("*")) {
                throw new PolicyDocument.MalformedPolicyException("Invalid principal in policy: " + node.asText());
            }
            return new Principals(true, List.of(), List.of());
        }
        if (!node.isObject()) {
            throw new PolicyDocument.MalformedPolicyException("Invalid principal in policy");
        }
        List<String> aws = node.has("AWS") ? strings(node.get("AWS"), "Principal") : List.of();
        List<String> services = node.has("Service") ? strings(node.get("Service"), "Principal") : List.of();
        return new Principals(aws.contains("*"), aws, services);
    }

    static List<String> strings(JsonNode node, String element) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isTextual()) {
            values.add(node.asText());
        } else if (node != null && node.isArray() && !node.isEmpty()) {
            for (JsonNode v : node) {
                if (!v.isTextual()) {
                    throw new PolicyDocument.MalformedPolicyException(element + " values must be strings");
                }
                values.add(v.asText());
            }
        } else {
            throw new PolicyDocument.MalformedPolicyException(element + " must be a string or a list of strings");
        }
        return List.copyOf(values);
    }

    boolean applies(Principal principal, String action, String resource, Map<String, String> context) {
        if (principals != null && matches(principals, principal) == notPrincipal) {
            return false;
        }
        if (anyMatch(actions, action, true) == notAction) {
            return false;
        }
        if (resources != null && anyMatch(resources, resource, false) == notResource) {
            return false;
        }
        for (PolicyCondition c : conditions) {
            if (!c.test(context)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Principals named, Principal principal) {
        if (named.everyone()) {
            // "*" and {"AWS": "*"} name everyone, anonymous callers included
            return true;
        }
        if (principal == null || principal.isAnonymous()) {
            return false;
        }
        if (principal.kind() == Principal.Kind.SERVICE) {
            return named.services().stream().anyMatch(s -> s.equalsIgnoreCase(principal.arn()));
        }
        for (String aws : named.aws()) {
            if (namesIdentity(aws, principal)) {
                return true;
            }
        }
        return false;
    }

    /** An account id or root ARN names every identity of that account; a role ARN names its sessions too. */
    private static boolean namesIdentity(String named, Principal principal) {
        if (ACCOUNT_ID.matcher(named).matches()) {
            return named.equals(principal.accountId());
        }
        Arn identity = identityArn(named, "iam");
        if (identity != null && identity.resource().equals("root")) {
            return identity.accountId().equals(principal.accountId());
        }
        if (named.equals(principal.arn())) {
            return true;
        }
        // a role (arn:aws:iam::111122223333:role/path/name) names the sessions of that role
        // (arn:aws:sts::111122223333:assumed-role/name/session)
        Arn session = identityArn(principal.arn(), "sts");
        if (identity == null || session == null || !identity.resource().startsWith("role/")
                || !identity.accountId().equals(session.accountId())) {
            return false;
        }
        String roleName = identity.resource().substring(identity.resource().lastIndexOf('/') + 1);
        String[] assumed = session.resource().split("/", 3);
        return !roleName.isEmpty() && assumed.length == 3 && assumed[0].equals("assumed-role")
                && assumed[1].equals(roleName) && !assumed[2].isEmpty();
    }

    /** An IAM or STS identity's ARN: global (no region), of a 12-digit account; {@code null} for anything else. */
    private static Arn identityArn(String text, String service) {
        if (text == null) {
            return null;
        }
        Arn arn;
        try {
            arn = Arn.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        boolean identity = PARTITION.matcher(arn.partition()).matches() && arn.service().equals(service)
                && arn.region().isEmpty() && ACCOUNT_ID.matcher(arn.accountId()).matches();
        return identity ? arn : null;
    }

    private static boolean anyMatch(List<String> patterns, String value, boolean ignoreCase) {
        if (value == null) {
            return false;
        }
        for (String p : patterns) {
            if (ignoreCase ? wildcard(p.toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT)) : wildcard(p, value)) {
                return true;
            }
        }
        return false;
    }

    /** IAM's wildcard match: {@code *} is any run of characters, {@code ?} any one character. */
    static boolean wildcard(String pattern, String value) {
        int p = 0;
        int v = 0;
        int star = -1;
        int mark = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
