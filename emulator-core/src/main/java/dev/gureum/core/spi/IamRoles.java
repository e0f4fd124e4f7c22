package dev.gureum.core.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * IAM's roles and instance profiles as other services need them: STS reads the role it is asked to
 * assume, EC2 the instance profile an instance is launched with and the role its metadata serves.
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

    /** The role of that ARN, if it exists. */
    Optional<Role> role(String roleArn);

    /** The instance profile of an account, named by its ARN or its name. */
    Optional<InstanceProfile> instanceProfile(String accountId, String arnOrName);

    /** Notes that the role was assumed ({@code RoleLastUsed}). */
    void roleUsed(String roleArn, String region, Instant when);
}
