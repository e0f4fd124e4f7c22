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
