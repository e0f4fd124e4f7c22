package dev.gureum.core.datacenter;

import java.util.Objects;

/**
 * A virtual machine as the hypervisor sees it: whose it is and what it takes from its host.
 *
 * @param instanceId    the instance id
 * @param accountId     the owning account
 * @param instanceType  its instance type, e.g. {@code m5.large}
 * @param vcpus         vCPUs it takes
 * @param memoryMiB     memory it takes
 * @param interruptible whether the hypervisor may evict it to make room (Spot)
 */
public record Guest(String instanceId, String accountId, String instanceType, int vcpus, long memoryMiB,
                    boolean interruptible) {

    public Guest {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(instanceType, "instanceType");
    }

    /** The family of its instance type: {@code m5} for {@code m5.large}. */
    public String family() {
        return familyOf(instanceType);
    }

    public static String familyOf(String instanceType) {
        int dot = instanceType.indexOf('.');
        return dot < 0 ? instanceType : instanceType.substring(0, dot);
    }
}
