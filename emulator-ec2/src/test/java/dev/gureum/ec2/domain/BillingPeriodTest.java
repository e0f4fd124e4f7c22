package dev.gureum.ec2.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BillingPeriodTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void perSecondWithASixtySecondMinimumPerStart() {
        BillingPeriod p = new BillingPeriod(START, null, PurchaseOption.ON_DEMAND, 3.6, true, null);
        assertThat(p.billedSeconds(START.plusSeconds(10))).isEqualTo(60);
        assertThat(p.cost(START.plusSeconds(10))).isCloseTo(0.06, within(1e-12));
        assertThat(p.cost(START.plusSeconds(90))).isCloseTo(0.09, within(1e-12));
        BillingPeriod closed = p.closedAt(START.plusSeconds(3600));
        assertThat(closed.cost(START.plusSeconds(99_999))).isCloseTo(3.6, within(1e-12));
        BillingPeriod continued = new BillingPeriod(START, START.plusSeconds(5), PurchaseOption.RESERVED, 3.6, false, "ri");
        assertThat(continued.billedSeconds(START.plusSeconds(5))).isEqualTo(5);
    }

    @Test
    void reservedOfferingsDiscountTheOnDemandPrice() {
        assertThat(ReservedInstanceMarket.share(ReservedInstanceOffering.ONE_YEAR, "standard", "No Upfront")).isEqualTo(0.63);
        assertThat(ReservedInstanceMarket.share(ReservedInstanceOffering.THREE_YEARS, "standard", "All Upfront"))
                .isLessThan(ReservedInstanceMarket.share(ReservedInstanceOffering.ONE_YEAR, "convertible", "No Upfront"));
        ReservedInstanceOffering allUpfront = new ReservedInstanceOffering("id", "m5.large", "us-east-1", null,
                ReservedInstanceOffering.ONE_YEAR, "All Upfront", "standard", "Linux/UNIX", "default", 487.0, 0);
        assertThat(allUpfront.effectiveHourlyPrice()).isCloseTo(487.0 / 8760, within(1e-12));
    }
}
