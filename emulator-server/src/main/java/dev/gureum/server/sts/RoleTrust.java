package dev.gureum.server.sts;

import dev.gureum.core.auth.AccessDecision;
import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.auth.AccessRequest;
import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.auth.PolicyEvaluator;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.auth.RoleSessions.RoleSession;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.id.Arn;
import dev.gureum.core.spi.IamRoles;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a caller may assume a role, decided as AWS decides it when IAM is enforced: the role's trust policy is the
 * resource-based policy of {@code sts:AssumeRole} on the role and must always allow the caller; it is evaluated with
 * the caller's identity-based policies (within the role's account a trust policy naming the caller itself is enough;
 * naming its account delegates to the caller's policies, which must allow too; another account's caller needs both). Passing session tags needs {@code sts:TagSession} as
 * well, and a source identity {@code sts:SetSourceIdentity}.
 */
final class RoleTrust {

    private final IamRoles iam;
    private final AccessKeys keys;

    RoleTrust(IamRoles iam, AccessKeys keys) {
        this.iam = iam;
        this.keys = keys;
    }

    /**
     * What the caller asks for, as the trust policy's condition keys see it.
     *
     * @param tags the session tags asked for ({@code Tags}), in their order
     */
    record Ask(String roleArn, String sessionName, String externalId, String sourceIdentity, Map<String, String> tags,
               List<String> transitiveTagKeys, Instant now) {
    }

    /** The caller as policies see it: its principal, its policies and the keys it brings. */
    private record Caller(Principal principal, List<PolicyDocument> identity, PolicyDocument boundary,
                          List<PolicyDocument> session, Map<String, String> principalTags, String sourceIdentity) {
    }

    /**
     * Refuses with AWS's {@code AccessDenied} unless the caller may assume the role (a role that does not exist is
     * refused the same way, so that a caller cannot tell it from one that does not trust it).
     */
    void checkAssumeRole(String accessKeyId, String region, Ask ask) {
        Caller caller = caller(accessKeyId, region);
        Optional<PolicyDocument> trust = iam.trustPolicy(ask.roleArn());
        String account = Arn.parse(ask.roleArn()).accountId();
        AccessRequest base = request(caller, ask, account);
        List<String> actions = new java.util.ArrayList<>(List.of("sts:AssumeRole"));
        if (!ask.tags().isEmpty() || !ask.transitiveTagKeys().isEmpty()) {
            actions.add("sts:TagSession");
        }
        if (ask.sourceIdentity() != null) {
            actions.add("sts:SetSourceIdentity");
        }
        for (String action : actions) {
            AccessRequest r = new AccessRequest(base.principal(), action, ask.roleArn(), account, base.keys());
            // unlike other resource policies, a trust policy must allow the caller even within its account
            boolean trusted = trust.isPresent() && trust.get().evaluate(r) == PolicyDocument.Decision.ALLOW;
            AccessDecision d = trusted
                    ? PolicyEvaluator.evaluate(r, caller.identity(), caller.boundary(), caller.session(), trust.get())
                    : null;
            if (d == null || !d.allowed()) {
                throw new AwsException(CommonError.ACCESS_DENIED, "User: "
                        + (caller.principal().isAnonymous() ? "anonymous" : caller.principal().arn())
                        + " is not authorized to perform: " + action + " on resource: " + ask.roleArn());
            }
        }
    }

    /**
     * Refuses with AWS's {@code AccessDenied} unless the role trusts the identity provider's user: its trust policy
     * allows {@code sts:AssumeRoleWithWebIdentity} to the provider as a {@code Federated} principal (its name, such
     * as {@code accounts.google.com}, or its OIDC provider ARN in the role's account), with the token's claims as
     * the provider's condition keys ({@code <provider>:aud}, {@code :sub}, {@code :amr}).
     */
    void checkWebIdentity(String roleArn, String provider, Map<String, String> claims, String sessionName,
                          Instant now) {
        Optional<PolicyDocument> trust = iam.trustPolicy(roleArn);
        Arn role = Arn.parse(roleArn);
        List<String> names = List.of(provider,
                new Arn(role.partition(), "iam", "", role.accountId(), "oidc-provider/" + provider).toString());
        for (String name : names) {
            Map<String, String> k = new HashMap<>();
            claims.forEach((claim, value) -> k.put(provider + ":" + claim, value));
            k.put("sts:RoleSessionName", sessionName);
            AccessRequest r = AccessRequest.of(Principal.federated(name), "sts:AssumeRoleWithWebIdentity", roleArn, k)
                    .inAccount(role.accountId()).at(now);
            if (trust.isPresent() && PolicyEvaluator.evaluate(r, List.of(), null, List.of(), trust.get()).allowed()) {
                return;
            }
        }
        throw new AwsException(CommonError.ACCESS_DENIED, "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }

    /**
     * Refuses with AWS's {@code AccessDenied} unless the role trusts the SAML provider's user: its trust policy
     * allows {@code sts:AssumeRoleWithSAML} to the provider's ARN as a {@code Federated} principal, with the
     * assertion's values as the {@code SAML:} condition keys ({@code SAML:aud} is the assertion's Recipient).
     */
    void checkSaml(String roleArn, String providerArn, SamlAssertion saml, String nameQualifier, String sessionName,
                   Instant now) {
        Optional<PolicyDocument> trust = iam.trustPolicy(roleArn);
        Arn role = Arn.parse(roleArn);
        Map<String, List<String>> k = new HashMap<>();
        put(k, "SAML:aud", saml.recipient() != null ? saml.recipient()
                : saml.audiences().isEmpty() ? null : saml.audiences().get(0));
        put(k, "SAML:iss", saml.issuer());
        put(k, "SAML:sub", saml.subject());
        put(k, "SAML:sub_type", saml.subjectType());
        put(k, "SAML:namequalifier", nameQualifier);
        put(k, "sts:RoleSessionName", sessionName);
        put(k, "sts:SourceIdentity", saml.aws("SourceIdentity").orElse(null));
        AccessRequest r = new AccessRequest(Principal.federated(providerArn), "sts:AssumeRoleWithSAML", roleArn,
                role.accountId(), k).at(now);
        if (trust.isEmpty() || !PolicyEvaluator.evaluate(r, List.of(), null, List.of(), trust.get()).allowed()) {
            throw new AwsException(CommonError.ACCESS_DENIED, "Not authorized to perform sts:AssumeRoleWithSAML");
        }
    }

    /** The tags of the caller's session that pass on to the session it creates (role chaining). */
    Map<String, String> transitiveTags(String accessKeyId) {
        RoleSession s = keys.sessions().of(accessKeyId).orElse(null);
        if (s == null) {
            return Map.of();
        }
        Map<String, String> passed = new HashMap<>();
        s.tags().forEach((k, v) -> {
            if (s.transitiveTagKeys().stream().anyMatch(t -> t.equalsIgnoreCase(k))) {
                passed.put(k, v);
            }
        });
        return passed;
    }

    private AccessRequest request(Caller caller, Ask ask, String roleAccount) {
        Map<String, List<String>> k = new HashMap<>();
        put(k, "sts:ExternalId", ask.externalId());
        put(k, "sts:RoleSessionName", ask.sessionName());
        put(k, "sts:SourceIdentity", ask.sourceIdentity());
        put(k, "aws:SourceIdentity", caller.sourceIdentity());
        if (!ask.transitiveTagKeys().isEmpty()) {
            k.put("sts:TransitiveTagKeys", ask.transitiveTagKeys());
        }
        AccessRequest r = new AccessRequest(caller.principal(), "sts:AssumeRole", ask.roleArn(), roleAccount, k)
                .withPrincipalTags(caller.principalTags()).withRequestTags(ask.tags());
        return ask.now() == null ? r : r.at(ask.now());
    }

    private static void put(Map<String, List<String>> keys, String key, String value) {
        if (value != null) {
            keys.put(key, List.of(value));
        }
    }

    private Caller caller(String accessKeyId, String region) {
        if (accessKeyId == null) {
            return new Caller(Principal.anonymous(), List.of(), null, List.of(), Map.of(), null);
        }
        String account = keys.accountOf(accessKeyId);
        String arn = keys.principalArnOf(accessKeyId, region);
        Principal principal = arn.endsWith(":root") ? Principal.account(account) : Principal.of(arn, account);
        RoleSession session = keys.sessions().of(accessKeyId).orElse(null);
        String identityArn = session != null ? session.roleArn() : arn;
        IamRoles.Permissions p = principal.isRoot() ? null : iam.permissions(identityArn).orElse(null);
        Map<String, String> tags = new HashMap<>(p == null ? Map.of() : p.tags());
        if (session != null) {
            tags.putAll(session.tags());
        }
        return new Caller(principal, p == null ? List.of() : p.identityPolicies(), p == null ? null : p.boundary(),
                session == null ? List.of() : session.parsedSessionPolicies(), tags,
                session == null ? null : session.sourceIdentity());
    }
}
