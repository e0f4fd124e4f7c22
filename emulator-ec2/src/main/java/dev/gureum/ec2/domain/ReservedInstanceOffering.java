package dev.gureum.ec2.domain;

/**
 * A Reserved Instance offering: a term, a payment option and a class for one instance type, in a zone or
 * for the whole region.
 *
 * @param zone            the zone it reserves capacity in, or {@code null} for a regional offering
 * @param durationSeconds one year (31536000) or three (94608000)
 * @param offeringType    {@code No Upfront}, {@code Partial Upfront} or {@code All Upfront}
 * @param offeringClass   {@code standard} or {@code convertible}
 * @param fixedPrice      paid at purchase
 * @param hourlyPrice     charged every hour of the term
 */
public record ReservedInstanceOffering(String id, String instanceType, String region, String zone,
                                       long durationSeconds, String offeringType, String offeringClass,
                                       String productDescription, String tenancy, double fixedPrice,
                                       double hourlyPrice) {

    public static final long ONE_YEAR = 31_536_000L;
    public static final long THREE_YEARS = 94_608_000L;

    public String scope() {
        return zone == null ? "Region" : "Availability Zone";
    }

    /** What an hour of a reserved instance costs over the term, the upfront payment spread over it. */
    public double effectiveHourlyPrice() {
        return hourlyPrice + fixedPrice / (durationSeconds / 3600.0);
    }
}
