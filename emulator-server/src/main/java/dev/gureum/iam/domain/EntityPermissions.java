package dev.gureum.iam.domain;

import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.id.Arn;
import dev.gureum.core.spi.IamRoles;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The policies IAM holds for a user or role by its ARN, as services evaluate them: the same policies the policy
 * simulator takes ({@link PolicySimulation#ofUser}, {@link PolicySimulation#ofRole}), parsed once per text.
 */
public final class EntityPermissions {

    /**
     * What a policy that no longer parses stands for: nothing allowed, so a broken boundary still limits. IAM refuses
     * such documents when they are stored, so only a journal of an older grammar could hold one.
     */
    private static final PolicyDocument ALLOWS_NOTHING = PolicyDocument.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"NotAction\":\"*\",\"Resource\":\"*\"}]}");

    private final Users users;
    private final Roles roles;
    private final Policies policies;

    public EntityPermissions(Users users, Roles roles, Policies policies) {
        this.users = users;
        this.roles = roles;
        this.policies = policies;
    }

    /** A user's or role's policies; empty when the ARN names neither, or one that does not exist. */
    public Optional<IamRoles.Permissions> of(String identityArn) {
        Arn arn = parse(identityArn);
        if (arn == null || !arn.service().equals("iam")) {
            return Optional.empty();
        }
        String account = arn.accountId();
        PolicySimulation.PolicyLookup lookup = policyArn -> policies.find(account, policyArn);
        String resource = arn.resource();
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        try {
            if (resource.startsWith("user/")) {
                Entities.User user = users.user(account, name);
                if (!user.arn().equals(identityArn)) {
                    return Optional.empty();
                }
                PolicySimulation.Policies p = PolicySimulation.ofUser(user, users.groupsOf(account, name), lookup);
                return Optional.of(permissions(user.arn(), p, user.tags()));
            }
            if (resource.startsWith("role/")) {
                Entities.Role role = roles.roleByArn(account, identityArn);
                return role == null ? Optional.empty()
                        : Optional.of(permissions(role.arn(), PolicySimulation.ofRole(role, lookup), role.tags()));
            }
        } catch (IamRefusal noSuchEntity) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** A role's trust policy; empty when there is no such role. */
    public Optional<PolicyDocument> trustPolicy(String roleArn) {
        Arn arn = parse(roleArn);
        Entities.Role role = arn == null ? null : roles.roleByArn(arn.accountId(), roleArn);
        return role == null ? Optional.empty() : Optional.of(parsed(role.trustPolicy()));
    }

    /** The default version's document of a managed policy; empty when there is none. */
    public Optional<String> managedPolicyDocument(String policyArn) {
        Arn arn = parse(policyArn);
        Entities.ManagedPolicy p = arn == null ? null : policies.find(arn.accountId(), policyArn);
        return p == null ? Optional.empty() : Optional.of(p.defaultPolicyVersion().document());
    }

    private static IamRoles.Permissions permissions(String arn, PolicySimulation.Policies p,
                                                    java.util.Map<String, String> tags) {
        List<PolicyDocument> identity = new ArrayList<>();
        p.identity().forEach(source -> identity.add(parsed(source.document())));
        return new IamRoles.Permissions(arn, identity, p.boundary() == null ? null : parsed(p.boundary().document()),
                tags);
    }

    private static PolicyDocument parsed(String text) {
        PolicyDocument d = PolicyDocument.ofStored(text);
        return d != null ? d : ALLOWS_NOTHING;
    }

    private static Arn parse(String text) {
        try {
            return text == null ? null : Arn.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
