package dev.gureum.ec2.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * On-demand hourly prices: the published us-east-1 Linux price of the common types (each family's
 * rate per vCPU, or the type's own price where sizes are not proportional), a rate by category and
 * processor for the other families, and a factor per region.
 */
public final class PriceList {

    /** Dedicated Instances and Dedicated Hosts cost about a tenth more than shared capacity. */
    public static final double DEDICATED_UPLIFT = 1.1;
    /** Windows Server licence included in the hourly price, per vCPU. */
    private static final double WINDOWS_PER_VCPU = 0.046;
    private static final double WINDOWS_PER_VCPU_BURSTABLE = 0.0046;
    /** What a GiB of memory costs in the memory-heavy families (x1, u-): their price follows memory. */
    private static final double MEMORY_HEAVY_PER_GIB = 0.0068;

    private static volatile PriceList standard;

    private final Map<String, Double> familyRates;
    private final Map<String, Double> typePrices;
    private final Map<String, Double> regionFactors;

    PriceList(Map<String, Double> familyRates, Map<String, Double> typePrices, Map<String, Double> regionFactors) {
        this.familyRates = Map.copyOf(familyRates);
        this.typePrices = Map.copyOf(typePrices);
        this.regionFactors = Map.copyOf(regionFactors);
    }

    public static PriceList standard() {
        PriceList p = standard;
        if (p == null) {
            synchronized (PriceList.class) {
                p = standard;
                if (p == null) {
                    p = load();
                    standard = p;
                }
            }
        }
        return p;
    }

    /** The on-demand Linux price per hour of a type in a region. */
    public double onDemandLinux(InstanceTypeInfo type, String region) {
        return round(usEast1(type) * regionFactor(region));
    }

    /** The on-demand price per hour, with the Windows licence when the platform is Windows. */
    public double onDemand(InstanceTypeInfo type, String region, boolean windows) {
        double price = usEast1(type);
        if (windows) {
            price += type.vcpus() * (type.burstable() ? WINDOWS_PER_VCPU_BURSTABLE : WINDOWS_PER_VCPU);
        }
        return round(price * regionFactor(region));
    }

    /** The hourly price of a Dedicated Host of a family: its largest size, with the dedicated uplift. */
    public double dedicatedHost(InstanceTypeInfo largestOfFamily, String region) {
        return round(onDemandLinux(largestOfFamily, region) * DEDICATED_UPLIFT);
    }

    public double regionFactor(String region) {
        return regionFactors.getOrDefault(region, 1.0);
    }

    /** Whether the price is published for the type (or its family) rather than estimated from its category. */
    public boolean isPublished(InstanceTypeInfo type) {
        return typePrices.containsKey(type.name()) || familyRates.containsKey(type.family());
    }

    private double usEast1(InstanceTypeInfo type) {
        Double exact = typePrices.get(type.name());
        if (exact != null) {
            return exact;
        }
        Double rate = familyRates.get(type.family());
        if (rate != null) {
            return rate * type.vcpus();
        }
        return estimate(type);
    }

    /** A family without a published rate is priced like its category's current families. */
    private static double estimate(InstanceTypeInfo type) {
        String maker = type.manufacturer() == null ? "Intel" : type.manufacturer();
        boolean amd = maker.equalsIgnoreCase("AMD");
        boolean graviton = maker.equalsIgnoreCase("AWS");
        double perVcpu = switch (type.category()) {
            case GENERAL_PURPOSE -> amd ? 0.0432 : graviton ? 0.0385 : 0.048;
            case COMPUTE_OPTIMIZED -> amd ? 0.0383 : graviton ? 0.034 : 0.0425;
            case MEMORY_OPTIMIZED -> amd ? 0.0567 : graviton ? 0.0504 : 0.063;
            case STORAGE_OPTIMIZED -> amd ? 0.07 : graviton ? 0.077 : 0.078;
            case ACCELERATED_COMPUTING -> 0.048;
            case HPC_OPTIMIZED -> 0.03;
        };
        if (maker.equalsIgnoreCase("Apple")) {
            return 1.0;
        }
        double price = perVcpu * type.vcpus();
        if (type.category() == InstanceCategory.MEMORY_OPTIMIZED) {
            price = Math.max(price, type.memoryMiB() / 1024.0 * MEMORY_HEAVY_PER_GIB);
        }
        if (type.category() == InstanceCategory.ACCELERATED_COMPUTING) {
            price += type.gpus() * (type.family().startsWith("p") ? 4.0 : 0.75);
        }
        return price;
    }

    /** Prices keep six decimals at most, as AWS's price list does. */
    public static double round(double price) {
        return BigDecimal.valueOf(price).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().doubleValue();
    }

    private static PriceList load() {
        Map<String, Double> families = new HashMap<>();
        Map<String, Double> types = new HashMap<>();
        Map<String, Double> regions = new HashMap<>();
        Map<String, Double> section = null;
        try (InputStream in = PriceList.class.getResourceAsStream("prices.tsv")) {
            if (in == null) {
                throw new IllegalStateException("Missing catalog resource prices.tsv");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                switch (line) {
                    case "[family]" -> section = families;
                    case "[type]" -> section = types;
                    case "[region]" -> section = regions;
                    default -> {
                        String[] f = line.split("\t");
                        if (section == null || f.length != 2) {
                            throw new IllegalStateException("Bad price line: " + line);
                        }
                        section.put(f[0], Double.parseDouble(f[1]));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PriceList(families, types, regions);
    }
}
