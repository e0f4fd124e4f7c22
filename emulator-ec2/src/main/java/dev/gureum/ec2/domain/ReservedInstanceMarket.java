package dev.gureum.ec2.domain;

import dev.gureum.ec2.catalog.InstanceTypeInfo;
import dev.gureum.ec2.catalog.PriceList;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Reserved Instance offerings AWS sells for each type: one or three years, standard or convertible,
 * paid all, partly or not upfront. Their effective price is a fixed share of the on-demand price, the
 * discounts AWS typically gives (about 37 % to 61 %).
 */
public final class ReservedInstanceMarket {

    public static final List<String> OFFERING_TYPES = List.of("No Upfront", "Partial Upfront", "All Upfront");
    public static final List<String> OFFERING_CLASSES = List.of("standard", "convertible");
    public static final List<String> PRODUCTS = List.of("Linux/UNIX", "Windows");

    private final PriceList prices;
    private final Map<String, ReservedInstanceOffering> seen = new LinkedHashMap<>();

    public ReservedInstanceMarket(PriceList prices) {
        this.prices = prices;
    }

    /**
     * The offerings for a type in a region: regional ones, or zonal ones when a zone is given.
     */
    public List<ReservedInstanceOffering> offerings(InstanceTypeInfo type, String region, String zone, String product,
                                                   String tenancy) {
        List<ReservedInstanceOffering> out = new ArrayList<>();
        for (long duration : new long[] {ReservedInstanceOffering.ONE_YEAR, ReservedInstanceOffering.THREE_YEARS}) {
            for (String offeringClass : OFFERING_CLASSES) {
                for (String offeringType : OFFERING_TYPES) {
                    out.add(offering(type, region, zone, duration, offeringType, offeringClass, product, tenancy));
                }
            }
        }
        return out;
    }

    private ReservedInstanceOffering offering(InstanceTypeInfo type, String region, String zone, long duration,
                                              String offeringType, String offeringClass, String product,
                                              String tenancy) {
        String key = String.join("|", type.name(), region, String.valueOf(zone), String.valueOf(duration),
                offeringType, offeringClass, product, tenancy);
        String id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
        double onDemand = prices.onDemand(type, region, product.startsWith("Windows"));
        if (tenancy.equals("dedicated")) {
            onDemand *= PriceList.DEDICATED_UPLIFT;
        }
        double effective = onDemand * share(duration, offeringClass, offeringType);
        double hours = duration / 3600.0;
        double fixed;
        double hourly;
        switch (offeringType) {
            case "All Upfront" -> {
                fixed = effective * hours;
                hourly = 0;
            }
            case "Partial Upfront" -> {
                fixed = effective * hours / 2;
                hourly = effective / 2;
            }
            default -> {
                fixed = 0;
                hourly = effective;
            }
        }
        ReservedInstanceOffering o = new ReservedInstanceOffering(id, type.name(), region, zone, duration,
                offeringType, offeringClass, product, tenancy, round(fixed, 2), round(hourly, 4));
        synchronized (seen) {
            seen.put(id, o);
        }
        return o;
    }

    /** The offerings described so far. */
    List<ReservedInstanceOffering> seen() {
        synchronized (seen) {
            return List.copyOf(seen.values());
        }
    }

    /** How many offerings were described so far. */
    int seenCount() {
        synchronized (seen) {
            return seen.size();
        }
    }

    /** Remembers an offering described before a restart. */
    void remember(ReservedInstanceOffering offering) {
        synchronized (seen) {
            seen.put(offering.id(), offering);
        }
    }

    /** An offering described before (offering ids are what DescribeReservedInstancesOfferings returned). */
    public Optional<ReservedInstanceOffering> find(String id) {
        synchronized (seen) {
            return Optional.ofNullable(seen.get(id));
        }
    }

    /** The share of the on-demand price an hour costs, by term, class and payment. */
    static double share(long duration, String offeringClass, String offeringType) {
        boolean threeYears = duration == ReservedInstanceOffering.THREE_YEARS;
        int payment = OFFERING_TYPES.indexOf(offeringType);
        double[] standard = threeYears ? new double[] {0.45, 0.41, 0.39} : new double[] {0.63, 0.60, 0.58};
        double[] convertible = threeYears ? new double[] {0.54, 0.50, 0.48} : new double[] {0.72, 0.69, 0.67};
        return (offeringClass.equals("convertible") ? convertible : standard)[payment];
    }

    private static double round(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).doubleValue();
    }
}
