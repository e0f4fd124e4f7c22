package dev.gureum.ec2.catalog;

import java.util.Map;

/**
 * What EBS volumes cost per month, from the Amazon EBS pricing page (us-east-1, USD): storage per
 * GB-month gp3 0.08, gp2 0.10, io1 and io2 0.125, st1 0.045, sc1 0.015, magnetic (standard) 0.05;
 * gp3 IOPS above the free 3,000 at 0.005 per IOPS-month and throughput above the free 125 MiB/s at
 * 0.04 per MiB/s-month; io1 IOPS at 0.065 per IOPS-month; io2 IOPS at 0.065 up to 32,000, 0.0455 up
 * to 64,000 and 0.032 beyond. Regions where the gp3 price is published here scale every figure by
 * their gp3 price; others by the EC2 on-demand factor of the region. Magnetic volumes' I/O requests are
 * not simulated, so not billed. A month is 30 days: AWS prorates a GB-month by the second over
 * {@code 30 × 24 × 3600} seconds.
 */
public final class EbsPrices {

    public static final double SECONDS_PER_MONTH = 30 * 24 * 3600;

    /** Published gp3 prices per GB-month of regions that differ from us-east-1. */
    private static final Map<String, Double> GP3_BY_REGION = Map.of(
            "us-east-1", 0.08, "us-east-2", 0.08, "us-west-2", 0.08,
            "eu-west-1", 0.088, "eu-central-1", 0.0952,
            "ap-northeast-1", 0.096, "ap-northeast-2", 0.0912);

    private final PriceList prices;

    public EbsPrices(PriceList prices) {
        this.prices = prices;
    }

    /** The monthly price of a volume of a type, size, IOPS and throughput in a region. */
    public double perMonth(String region, String type, int sizeGiB, Integer iops, Integer throughput) {
        double usd = switch (type) {
            case "gp3" -> sizeGiB * 0.08 + Math.max(0, nonNull(iops) - 3000) * 0.005
                    + Math.max(0, nonNull(throughput) - 125) * 0.04;
            case "gp2" -> sizeGiB * 0.10;
            case "io1" -> sizeGiB * 0.125 + nonNull(iops) * 0.065;
            case "io2" -> sizeGiB * 0.125 + io2Iops(nonNull(iops));
            case "st1" -> sizeGiB * 0.045;
            case "sc1" -> sizeGiB * 0.015;
            default -> sizeGiB * 0.05;
        };
        return PriceList.round(usd * regionFactor(region));
    }

    private static double io2Iops(int iops) {
        return Math.min(iops, 32000) * 0.065 + Math.max(0, Math.min(iops, 64000) - 32000) * 0.0455
                + Math.max(0, iops - 64000) * 0.032;
    }

    private double regionFactor(String region) {
        Double gp3 = GP3_BY_REGION.get(region);
        return gp3 != null ? gp3 / 0.08 : prices.regionFactor(region);
    }

    private static int nonNull(Integer value) {
        return value == null ? 0 : value;
    }
}
