package dev.gureum.ec2.catalog;

/** The families of instance types as AWS teaches them, by what a workload needs most. */
public enum InstanceCategory {
    GENERAL_PURPOSE("General purpose"),
    COMPUTE_OPTIMIZED("Compute optimized"),
    MEMORY_OPTIMIZED("Memory optimized"),
    ACCELERATED_COMPUTING("Accelerated computing"),
    STORAGE_OPTIMIZED("Storage optimized"),
    HPC_OPTIMIZED("HPC optimized");

    private final String title;

    InstanceCategory(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /**
     * The category of a family, from the letters AWS names families with: m, t, a, mac general purpose;
     * c compute; r, x, z, u memory; p, g, inf, trn, dl, f, vt accelerated; i, d, h storage; hpc.
     */
    public static InstanceCategory ofFamily(String family) {
        if (family.startsWith("hpc")) {
            return HPC_OPTIMIZED;
        }
        if (family.startsWith("inf") || family.startsWith("trn") || family.startsWith("dl") || family.startsWith("vt")
                || family.startsWith("p") || family.startsWith("g") || family.startsWith("f")) {
            return ACCELERATED_COMPUTING;
        }
        if (family.startsWith("mac") || family.startsWith("m") || family.startsWith("t") || family.startsWith("a")) {
            return GENERAL_PURPOSE;
        }
        if (family.startsWith("c")) {
            return COMPUTE_OPTIMIZED;
        }
        if (family.startsWith("r") || family.startsWith("x") || family.startsWith("z") || family.startsWith("u")) {
            return MEMORY_OPTIMIZED;
        }
        if (family.startsWith("i") || family.startsWith("d") || family.startsWith("h")) {
            return STORAGE_OPTIMIZED;
        }
        return GENERAL_PURPOSE;
    }
}
