package dev.gureum.core.auth;

import dev.gureum.core.auth.AccessDecision.MatchedStatement;
import dev.gureum.core.auth.AccessDecision.PolicyType;
import dev.gureum.core.auth.AccessDecision.Reason;
import dev.gureum.core.auth.PolicyStatement.PrincipalMatch;

import java.util.ArrayList;
import java.util.List;

/**
 * AWS's policy evaluation logic for one request, without Organizations' service and resource control policies:
 *
 * <ol>
 *   <li>A {@code Deny} statement that applies, in any policy, refuses the request (an explicit deny).</li>
 *   <li>Within one account, a resource-based policy that allows the caller by name (its ARN, its role, or
 *       {@code *}) is enough; one that names only the caller's account delegates to the account's identity-based
 *       policies. A resource-based policy naming a role still leaves the role session's permissions boundary and
 *       session policies in force; one naming the IAM user or the session itself does not.</li>
 *   <li>Otherwise an identity-based policy must allow the request (the account's root user needs none in its own
 *       account), and so must the permissions boundary, when there is one, and the session policies, when there
 *       are any.</li>
 *   <li>Across accounts (the resource's account is not the caller's), the resource-based policy must allow the
 *       caller (its account, or the caller by name) and the caller's own account must allow it as in 3.</li>
 *   <li>Anonymous callers and service principals have no identity-based policies: only the resource-based policy
 *       can allow them.</li>
 * </ol>
 *
 * <p>This is the one evaluator every service uses: resource-policy checks pass only a resource policy, IAM's
 * policy simulator and {@code --enforce-iam} pass the caller's identity policies too. Stateless and thread-safe.
 */
public final class PolicyEvaluator {

    /** What an account allows its own principals while identity-based policies are not enforced. */
    private static final PolicyDocument ACCOUNT_ALLOWS_ALL = PolicyDocument.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");

    private PolicyEvaluator() {
    }

    /**
     * Evaluates a request against every policy that applies to it.
     *
     * @param request          the principal, action, resource (and its account) and condition keys
     * @param identityPolicies the caller's identity-based policies: inline and attached, of the user and its
     *                         groups, or of the role (empty for none)
     * @param boundary         the caller's permissions boundary, or {@code null} for none
     * @param sessionPolicies  the session policies of an assumed-role or federated session (empty for none)
     * @param resourcePolicy   the resource's policy, or {@code null} for none
     */
    public static AccessDecision evaluate(AccessRequest request, List<PolicyDocument> identityPolicies,
                                          PolicyDocument boundary, List<PolicyDocument> sessionPolicies,
                                          PolicyDocument resourcePolicy) {
        List<MatchedStatement> matched = new ArrayList<>();
        Verdict identity = verdict(PolicyType.IDENTITY, identityPolicies, request, matched);
        Verdict resource = verdict(PolicyType.RESOURCE, resourcePolicy == null ? List.of() : List.of(resourcePolicy),
                request, matched);
        Verdict bound = verdict(PolicyType.PERMISSIONS_BOUNDARY, boundary == null ? List.of() : List.of(boundary),
                request, matched);
        Verdict session = verdict(PolicyType.SESSION, sessionPolicies, request, matched);

        for (Verdict v : List.of(identity, resource, bound, session)) {
            if (v.deny) {
                return new AccessDecision(false, true, matched, Reason.explicitDeny(v.type));
            }
        }
        Principal principal = request.principal();
        if (principal.kind() != Principal.Kind.AWS) {
            return decide(resource.allow, Reason.NO_RESOURCE_ALLOW, matched);
        }
        boolean limited = boundary != null && !bound.allow || !sessionPolicies.isEmpty() && !session.allow;
        if (!request.crossAccount() && resource.allow) {
            // named directly: the resource policy alone allows; naming a role leaves the session's limits in force
            boolean direct = rank(resource.strongest) > 0 || principal.isRoot();
            if (direct && (resource.strongest != PrincipalMatch.ROLE || !limited)) {
                return new AccessDecision(true, false, matched, Reason.ALLOWED);
            }
        }
        if (!principal.isRoot() && !identity.allow) {
            return decide(false, Reason.NO_IDENTITY_ALLOW, matched);
        }
        if (boundary != null && !bound.allow && !principal.isRoot()) {
            return decide(false, Reason.NO_BOUNDARY_ALLOW, matched);
        }
        if (!sessionPolicies.isEmpty() && !session.allow) {
            return decide(false, Reason.NO_SESSION_ALLOW, matched);
        }
        if (request.crossAccount() && !resource.allow) {
            return decide(false, Reason.NO_RESOURCE_ALLOW, matched);
        }
        return new AccessDecision(true, false, matched, Reason.ALLOWED);
    }

    /**
     * Evaluates a request against a resource's policy where identity-based policies are not enforced: the caller's
     * own account allows it every action. Within the resource's account only an explicit deny then refuses; another
     * account, an anonymous caller or a service principal needs the resource policy to allow it. The request's
     * {@link AccessRequest#resourceAccount()} must be the resource owner's.
     *
     * @param resourcePolicy the resource's policy, or {@code null} for none
     */
    public static AccessDecision evaluateResourcePolicy(AccessRequest request, PolicyDocument resourcePolicy) {
        AccessDecision d = evaluate(request, List.of(ACCOUNT_ALLOWS_ALL), null, List.of(), resourcePolicy);
        List<MatchedStatement> matched = d.matched().stream().filter(m -> m.type() != PolicyType.IDENTITY).toList();
        return new AccessDecision(d.allowed(), d.explicitDeny(), matched, d.reason());
    }

    private static AccessDecision decide(boolean allowed, Reason denial, List<MatchedStatement> matched) {
        return new AccessDecision(allowed, false, matched, allowed ? Reason.ALLOWED : denial);
    }

    private record Verdict(PolicyType type, boolean allow, boolean deny, PrincipalMatch strongest) {
    }

    private static Verdict verdict(PolicyType type, List<PolicyDocument> policies, AccessRequest request,
                                   List<MatchedStatement> matched) {
        boolean allow = false;
        boolean deny = false;
        PrincipalMatch strongest = PrincipalMatch.UNSPECIFIED;
        PrincipalMatch strongestAllow = null;
        for (int p = 0; p < policies.size(); p++) {
            for (PolicyDocument.Match m : policies.get(p).matches(request, type == PolicyType.RESOURCE)) {
                matched.add(new MatchedStatement(type, p, m.statement().sid(), m.index(), m.statement().deny()));
                if (m.statement().deny()) {
                    deny = true;
                } else {
                    allow = true;
                    PrincipalMatch how = m.principal();
                    if (strongestAllow == null || rank(how) > rank(strongestAllow)) {
                        strongestAllow = how;
                    }
                }
            }
        }
        if (strongestAllow != null) {
            strongest = strongestAllow;
        }
        return new Verdict(type, allow, deny, strongest);
    }

    /**
     * How directly an allowing statement names the caller: naming the IAM user or the session itself, or
     * everyone, grants more than naming the role, which grants more than naming the account.
     */
    private static int rank(PrincipalMatch how) {
        return switch (how) {
            case ACCOUNT -> 0;
            case ROLE -> 1;
            case EVERYONE, IDENTITY, SERVICE, NOT_PRINCIPAL, UNSPECIFIED -> 2;
        };
    }
}
