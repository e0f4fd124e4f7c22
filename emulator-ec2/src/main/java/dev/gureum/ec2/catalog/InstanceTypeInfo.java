package dev.gureum.ec2.catalog;

import java.util.List;
import java.util.Map;

/**
 * One instance type's facts, as DescribeInstanceTypes reports them.
 *
 * @param name              e.g. {@code m5.large}
 * @param family            e.g. {@code m5}
 * @param category          the family's category
 * @param vcpus             default vCPUs
 * @param cores             default physical cores
 * @param threadsPerCore    default threads per core
 * @param memoryMiB         memory
 * @param architectures     supported architectures: {@code x86_64}, {@code arm64}, {@code i386}...
 * @param burstable         whether it runs on CPU credits (T families)
 * @param hypervisor        {@code nitro} or {@code xen}; {@code null} for bare metal
 * @param bareMetal         whether it is a whole host without hypervisor
 * @param currentGeneration whether AWS lists it as current generation
 * @param gpus              GPUs (or other accelerators) it carries
 * @param manufacturer      the processor's maker: Intel, AMD, AWS (Graviton), Apple
 * @param details           every fact, as the XML members of {@code InstanceTypeInfo} (name to value,
 *                          nested maps and lists)
 */
public record InstanceTypeInfo(String name, String family, InstanceCategory category, int vcpus, int cores,
                               int threadsPerCore, long memoryMiB, List<String> architectures, boolean burstable,
                               String hypervisor, boolean bareMetal, boolean currentGeneration, int gpus,
                               String manufacturer, Map<String, Object> details) {

    public InstanceTypeInfo {
        architectures = List.copyOf(architectures);
    }

    /** The size part of the name: {@code large} for {@code m5.large}. */
    public String size() {
        return name.substring(name.indexOf('.') + 1);
    }

    /** The architecture an image for it is built for (the first supported one). */
    public String primaryArchitecture() {
        return architectures.isEmpty() ? "x86_64" : architectures.get(0);
    }

    public boolean supportsArchitecture(String architecture) {
        return architectures.contains(architecture);
    }

    /** The value of a fact by its path of XML member names, e.g. {@code vCpuInfo}, {@code defaultVCpus}. */
    public Object detail(String... path) {
        Object node = details;
        for (String p : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(p);
        }
        return node;
    }
}
