package dev.gureum.core.auth;

import dev.gureum.core.id.Arn;

/**
 * Who makes a request, as the {@code Principal} element of a resource policy sees it: an identity of an
 * account (the account root, an assumed role's session), a service principal such as
 * {@code s3.amazonaws.com} acting for a resource, a user of an identity provider (a {@code Federated} principal:
 * {@code accounts.google.com}, {@code cognito-identity.amazonaws.com}, an OIDC or SAML provider's ARN) asking STS
 * for a role's credentials, or an anonymous caller.
 *
 * @param arn       the principal's ARN (the service principal's name for {@link Kind#SERVICE}, the provider for
 *                  {@link Kind#FEDERATED}); {@code null} when anonymous
 * @param accountId the account it belongs to; {@code null} for services, federated users and anonymous callers
 */
public record Principal(Kind kind, String arn, String accountId) {

    public enum Kind { AWS, SERVICE, FEDERATED, ANONYMOUS }

    private static final Principal ANONYMOUS = new Principal(Kind.ANONYMOUS, null, null);

    /** The accounts' root principals built so far: every signed request of an account names one. */
    private static final java.util.Map<String, Principal> ACCOUNTS = new java.util.concurrent.ConcurrentHashMap<>();

    public static Principal account(String accountId) {
        if (accountId == null) {
            return new Principal(Kind.AWS, Arn.of("iam", "", null, "root").toString(), null);
        }
        Principal principal = ACCOUNTS.get(accountId);
        if (principal == null) {
            principal = new Principal(Kind.AWS, Arn.of("iam", "", accountId, "root").toString(), accountId);
            if (ACCOUNTS.size() >= 1024) {
                ACCOUNTS.clear();
            }
            ACCOUNTS.put(accountId, principal);
        }
        return principal;
    }

    /** An identity of the account, by its ARN (an IAM user or role, or an STS assumed-role session). */
    public static Principal of(String arn, String accountId) {
        return new Principal(Kind.AWS, arn, accountId);
    }

    public static Principal service(String servicePrincipal) {
        return new Principal(Kind.SERVICE, servicePrincipal, null);
    }

    /** A user of an identity provider, named as a trust policy's {@code Federated} principal names it. */
    public static Principal federated(String provider) {
        return new Principal(Kind.FEDERATED, provider, null);
    }

    public static Principal anonymous() {
        return ANONYMOUS;
    }

    public boolean isAnonymous() {
        return kind == Kind.ANONYMOUS;
    }

    /** Whether this is an account's root user, which identity-based policies do not limit in its own account. */
    public boolean isRoot() {
        return kind == Kind.AWS && arn != null && arn.endsWith(":root");
    }
}
