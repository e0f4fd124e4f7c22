package dev.gureum.core.datacenter;

/**
 * The capacity of a physical host: what one of its family's Dedicated Hosts offers.
 *
 * @param vcpus     vCPUs the hypervisor can hand out
 * @param memoryMiB memory it can hand out
 * @param sockets   processor sockets
 * @param cores     physical cores
 */
public record HostSize(int vcpus, long memoryMiB, int sockets, int cores) {

    public HostSize {
        if (vcpus <= 0 || memoryMiB <= 0) {
            throw new IllegalArgumentException("A host has vCPUs and memory: " + vcpus + ", " + memoryMiB);
        }
    }
}
