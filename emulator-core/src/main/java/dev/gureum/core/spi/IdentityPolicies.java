package dev.gureum.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identity-based policies of a caller as IAM keeps them, for {@code --enforce-iam}: what the core's
 * {@link dev.gureum.core.auth.Authorizer} evaluates besides a resource's own policy. Implemented by IAM.
 */
public interface IdentityPolicies {

    /**
     * A caller's policies, as documents (the {@link dev.gureum.core.auth.Authorizer} parses them once and keeps them).
     *
     * @param policies the identity-based policies: an IAM user's inline and attached policies and those of its
     *                 groups, or a role's inline and attached policies
     * @param boundary the permissions boundary's document, or {@code null} for none
     * @param tags     the user's or role's tags ({@code aws:PrincipalTag/...})
     * @param userId   {@code aws:userid}: the user's id ({@code AIDA...}), or a session's {@code AROA...:session}
     */
    record Identity(List<String> policies, String boundary, Map<String, String> tags, String userId) {
        public Identity {
            policies = List.copyOf(policies);
            tags = Map.copyOf(tags);
        }
    }

    /**
     * The policies of an IAM user ({@code arn:aws:iam::111122223333:user/alice}), a role, or an assumed-role
     * session ({@code arn:aws:sts::111122223333:assumed-role/app/session}, which has its role's). Empty when IAM
     * does not know the principal: it then has no identity-based policy.
     */
    Optional<Identity> identity(String principalArn);
}
