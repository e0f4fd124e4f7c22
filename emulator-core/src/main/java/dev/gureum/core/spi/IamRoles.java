package dev.gureum.core.spi;

import dev.gureum.core.auth.PolicyDocument;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IAM's roles and instance profiles as other services need them: STS reads the role it is asked to
 * assume and its trust policy, EC2 the instance profile an instance is launched with and the role its
 * metadata serves, Lambda the policies of a function's execution role; and whoever authorises a request
 * the identity-based policies of the IAM user or role that makes it.
 */
public interface IamRoles {

    /**
     * A role.
     *
     * @param maxSessionDuration the longest session STS may issue for it, in seconds
     */
    record Role(String arn, String roleId, String name, int maxSessionDuration) {
    }

    /** An instance profile and the role it holds ({@code null} when it holds none). */
    record InstanceProfile(String arn, String id, String name, Role role) {
    }

    /**
     * What IAM's policies allow an identity, as {@link dev.gureum.core.auth.PolicyEvaluator#evaluate} takes them.
     *
     * @param arn              the user's or role's ARN, with its path
     * @param identityPolicies a user's inline and attached policies and those of its groups, or a role's inline and
     *                         attached policies (managed ones at their default version)
     * @param boundary         the permissions boundary's default version, or {@code null} for none
     * @param tags             the identity's tags (its {@code aws:PrincipalTag/<key>} values)
     */
    record Permissions(String arn, List<PolicyDocument> identityPolicies, PolicyDocument boundary,
                       Map<String, String> tags) {
        public Permissions {
            identityPolicies = List.copyOf(identityPolicies);
            tags = Map.copyOf(tags);
        }
    }

    /**
     * A SAML 2.0 identity provider, as STS verifies its responses with it.
     *
     * @param entityId            the metadata's {@code entityID}: the {@code Issuer} of the provider's responses
     * @param signingCertificates the certificates of the metadata's signing keys
     * @param encryptionMode      {@code Required}, {@code Allowed}, or {@code null}
     */
    record SamlProvider(String arn, String entityId, List<java.security.cert.X509Certificate> signingCertificates,
                        String encryptionMode) {
        public SamlProvider {
            signingCertificates = List.copyOf(signingCertificates);
        }
    }

    /**
     * An OpenID Connect identity provider.
     *
     * @param url       the issuer without its scheme, as the provider's ARN names it
     * @param clientIds the audiences its tokens may be for
     */
    record OidcProvider(String arn, String url, List<String> clientIds, List<String> thumbprints) {
        public OidcProvider {
            clientIds = List.copyOf(clientIds);
            thumbprints = List.copyOf(thumbprints);
        }
    }

    /** The SAML provider of that ARN ({@code arn:aws:iam::<account>:saml-provider/<name>}), if it exists. */
    default Optional<SamlProvider> samlProvider(String providerArn) {
        return Optional.empty();
    }

    /** The OIDC provider of that ARN ({@code arn:aws:iam::<account>:oidc-provider/<url>}), if it exists. */
    default Optional<OidcProvider> oidcProvider(String providerArn) {
        return Optional.empty();
    }

    /** The role of that ARN, if it exists. */
    Optional<Role> role(String roleArn);

    /** The instance profile of an account, named by its ARN or its name. */
    Optional<InstanceProfile> instanceProfile(String accountId, String arnOrName);

    /** Notes that the role was assumed ({@code RoleLastUsed}). */
    void roleUsed(String roleArn, String region, Instant when);

    /**
     * The policies of an IAM user ({@code arn:aws:iam::<account>:user/<path><name>}) or role
     * ({@code ...:role/<path><name>}) at this moment; empty when IAM has no such identity. An assumed-role
     * session's are its role's, limited by its session policies ({@link dev.gureum.core.auth.RoleSessions}).
     */
    default Optional<Permissions> permissions(String identityArn) {
        return Optional.empty();
    }

    /** A role's trust policy ({@code AssumeRolePolicyDocument}); empty when IAM has no such role. */
    default Optional<PolicyDocument> trustPolicy(String roleArn) {
        return Optional.empty();
    }

    /**
     * The document of a managed policy's default version, by its ARN: an AWS managed policy, or one of the account
     * the ARN names; empty when there is no such policy.
     */
    default Optional<String> managedPolicyDocument(String policyArn) {
        return Optional.empty();
    }
}
