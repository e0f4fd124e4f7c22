package dev.gureum.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.id.Arn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** One statement of a {@link PolicyDocument}: who, what, on which resource, under which conditions. */
record PolicyStatement(String sid, boolean deny, Principals principals, boolean notPrincipal, List<String> actions,
                       boolean notAction, List<String> resources, boolean notResource,
                       List<PolicyCondition> conditions, boolean variables) {

    /**
     * How a statement's {@code Principal} named the caller. A statement naming only the caller's account
     * ({@code 123456789012}, {@code arn:aws:iam::123456789012:root}) delegates to that account: its IAM users and
     * roles still need an identity-based policy; a role's ARN names its sessions, but a permissions boundary or
     * session policy still limits them.
     */
    enum PrincipalMatch { EVERYONE, ACCOUNT, ROLE, IDENTITY, SERVICE, NOT_PRINCIPAL, UNSPECIFIED }

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern PARTITION = Pattern.compile("aws[a-z-]*");

    /** The principals a statement names; {@code null} fields are kinds it does not name. */
    record Principals(boolean everyone, List<String> aws, List<String> services, List<String> federated,
                      List<String> canonicalUsers) {
    }

    static PolicyStatement parse(JsonNode s, boolean variables) {
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
        return new PolicyStatement(s.hasNonNull("Sid") ? s.get("Sid").asText() : null, effect.equals("Deny"),
                principal == null ? null : principals(principal),
                notPrincipal, strings(notAction ? s.get("NotAction") : s.get("Action"), "Action"), notAction,
                resource == null ? null : strings(resource, "Resource"), notResource,
                PolicyCondition.parseAll(s.get("Condition"), variables), variables);
    }

    private static Principals principals(JsonNode node) {
        if (node.isTextual()) {
            if (!node.asText().equals("*")) {
                throw new PolicyDocument.MalformedPolicyException("Invalid principal in policy: " + node.asText());
            }
            return new Principals(true, List.of(), List.of(), List.of(), List.of());
        }
        if (!node.isObject()) {
            throw new PolicyDocument.MalformedPolicyException("Invalid principal in policy");
        }
        List<String> aws = node.has("AWS") ? strings(node.get("AWS"), "Principal") : List.of();
        List<String> services = node.has("Service") ? strings(node.get("Service"), "Principal") : List.of();
        List<String> federated = node.has("Federated") ? strings(node.get("Federated"), "Principal") : List.of();
        List<String> canonical = node.has("CanonicalUser") ? strings(node.get("CanonicalUser"), "Principal") : List.of();
        return new Principals(aws.contains("*"), aws, services, federated, canonical);
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

    /**
     * How the statement applies to the request: {@code null} when it does not (its principal, action, resource or
     * a condition does not match), else how its {@code Principal} named the caller ({@code UNSPECIFIED} for a
     * statement without one, as in identity-based policies).
     */
    PrincipalMatch match(AccessRequest request, boolean checkPrincipal) {
        PrincipalMatch who = PrincipalMatch.UNSPECIFIED;
        if (checkPrincipal && principals != null) {
            if (notPrincipal) {
                if (excludes(principals, request.principal())) {
                    return null;
                }
                who = PrincipalMatch.NOT_PRINCIPAL;
            }
            PrincipalMatch named = notPrincipal ? who : matches(principals, request.principal());
            if (named == null) {
                return null;
            } else {
                who = named;
            }
        }
        if (!concerns(request)) {
            return null;
        }
        for (PolicyCondition c : conditions) {
            if (!c.test(request.keys())) {
                return null;
            }
        }
        return who;
    }

    /** Whether the statement's actions and resources name the request's, its principal and conditions aside. */
    boolean concerns(AccessRequest request) {
        if (anyMatch(actions, request.action(), true, null) == notAction) {
            return false;
        }
        return resources == null || anyMatch(resources, request.resource(), false, request.keys()) != notResource;
    }

    /**
     * Whether {@code NotPrincipal} leaves the caller out. AWS evaluates an IAM identity together with its account,
     * so an identity is left out only when both it (or its role) and its account are listed; the root user when
     * its account is.
     */
    private static boolean excludes(Principals named, Principal principal) {
        if (named.everyone()) {
            return true;
        }
        if (principal == null || principal.isAnonymous()) {
            return false;
        }
        if (principal.kind() == Principal.Kind.SERVICE || principal.kind() == Principal.Kind.FEDERATED) {
            return namesProvider(named, principal);
        }
        boolean account = false;
        boolean identity = false;
        for (String aws : named.aws()) {
            PrincipalMatch m = namesIdentity(aws, principal);
            account |= m == PrincipalMatch.ACCOUNT;
            identity |= m == PrincipalMatch.IDENTITY || m == PrincipalMatch.ROLE;
        }
        return principal.isRoot() ? account : account && identity;
    }

    private static PrincipalMatch matches(Principals named, Principal principal) {
        if (named.everyone()) {
            // "*" and {"AWS": "*"} name everyone, anonymous callers included
            return PrincipalMatch.EVERYONE;
        }
        if (principal == null || principal.isAnonymous()) {
            return null;
        }
        if (principal.kind() == Principal.Kind.SERVICE || principal.kind() == Principal.Kind.FEDERATED) {
            return namesProvider(named, principal) ? PrincipalMatch.SERVICE : null;
        }
        PrincipalMatch best = null;
        for (String aws : named.aws()) {
            PrincipalMatch m = namesIdentity(aws, principal);
            if (m != null && (best == null || m.ordinal() > best.ordinal())) {
                best = m;
            }
        }
        return best;
    }

    /** A service principal is named under {@code Service}, an identity provider under {@code Federated}. */
    private static boolean namesProvider(Principals named, Principal principal) {
        List<String> names = principal.kind() == Principal.Kind.SERVICE ? named.services() : named.federated();
        return names.stream().anyMatch(s -> s.equalsIgnoreCase(principal.arn()));
    }

    /** An account id or root ARN names every identity of that account; a role ARN names its sessions too. */
    private static PrincipalMatch namesIdentity(String named, Principal principal) {
        if (ACCOUNT_ID.matcher(named).matches()) {
            return named.equals(principal.accountId()) ? PrincipalMatch.ACCOUNT : null;
        }
        Arn identity = identityArn(named, "iam");
        if (identity != null && identity.resource().equals("root")) {
            return identity.accountId().equals(principal.accountId()) ? PrincipalMatch.ACCOUNT : null;
        }
        if (named.equals(principal.arn())) {
            return PrincipalMatch.IDENTITY;
        }
        // a role (arn:aws:iam::111122223333:role/path/name) names the sessions of that role
        // (arn:aws:sts::111122223333:assumed-role/name/session)
        Arn session = identityArn(principal.arn(), "sts");
        if (identity == null || session == null || !identity.resource().startsWith("role/")
                || !identity.accountId().equals(session.accountId())) {
            return null;
        }
        String roleName = identity.resource().substring(identity.resource().lastIndexOf('/') + 1);
        String[] assumed = session.resource().split("/", 3);
        return !roleName.isEmpty() && assumed.length == 3 && assumed[0].equals("assumed-role")
                && assumed[1].equals(roleName) && !assumed[2].isEmpty() ? PrincipalMatch.ROLE : null;
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

    private boolean anyMatch(List<String> patterns, String value, boolean ignoreCase, Map<String, List<String>> keys) {
        if (value == null) {
            return false;
        }
        for (String p : patterns) {
            if (keys != null && variables && PolicyVariables.has(p)) {
                p = PolicyVariables.resolve(p, keys);
                if (p == null) {
                    continue;
                }
            }
            if (wildcard(p, value, ignoreCase)) {
                return true;
            }
        }
        return false;
    }

    /**
     * IAM's wildcard match: {@code *} is any run of characters, {@code ?} any one character; a character marked
     * {@link PolicyVariables#LITERAL} (a resolved variable's) matches only itself.
     */
    static boolean wildcard(String pattern, String value) {
        return wildcard(pattern, value, false);
    }

    /** As {@link #wildcard(String, String)}, ignoring case when {@code ignoreCase} (actions are matched so). */
    static boolean wildcard(String pattern, String value, boolean ignoreCase) {
        int p = 0;
        int v = 0;
        int star = -1;
        int mark = 0;
        while (v < value.length()) {
            char c = p < pattern.length() ? pattern.charAt(p) : 0;
            boolean literal = c == PolicyVariables.LITERAL && p + 1 < pattern.length();
            if (literal && same(pattern.charAt(p + 1), value.charAt(v), ignoreCase)) {
                p += 2;
                v++;
            } else if (!literal && p < pattern.length() && (c == '?' || same(c, value.charAt(v), ignoreCase))) {
                p++;
                v++;
            } else if (!literal && p < pattern.length() && c == '*') {
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

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
    }
}
