package dev.gureum.ec2.catalog;

import dev.gureum.core.datacenter.HostSize;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InstanceTypeCatalogTest {

    private final InstanceTypeCatalog catalog = InstanceTypeCatalog.standard();
    private final PriceList prices = PriceList.standard();

    @Test
    void typesCarryTheirFamilyCategoryAndSpecs() {
        InstanceTypeInfo m5 = catalog.find("m5.large").orElseThrow();
        assertThat(m5.family()).isEqualTo("m5");
        assertThat(m5.size()).isEqualTo("large");
        assertThat(m5.category()).isEqualTo(InstanceCategory.GENERAL_PURPOSE);
        assertThat(m5.vcpus()).isEqualTo(2);
        assertThat(m5.memoryMiB()).isEqualTo(8192);
        assertThat(m5.manufacturer()).isEqualTo("Intel");
        assertThat(catalog.find("c7g.large").orElseThrow().category()).isEqualTo(InstanceCategory.COMPUTE_OPTIMIZED);
        assertThat(catalog.find("r6i.large").orElseThrow().category()).isEqualTo(InstanceCategory.MEMORY_OPTIMIZED);
        assertThat(catalog.find("i4i.large").orElseThrow().category()).isEqualTo(InstanceCategory.STORAGE_OPTIMIZED);
        assertThat(catalog.find("inf2.xlarge").orElseThrow().category()).isEqualTo(InstanceCategory.ACCELERATED_COMPUTING);
        assertThat(catalog.find("p4d.24xlarge").orElseThrow().gpus()).isEqualTo(8);
        assertThat(catalog.find("hpc7g.16xlarge").orElseThrow().category()).isEqualTo(InstanceCategory.HPC_OPTIMIZED);
        assertThat(catalog.find("t3.micro").orElseThrow().burstable()).isTrue();
        assertThat(catalog.all()).hasSizeGreaterThan(1000);
    }

    @Test
    void aHostIsAsLargeAsItsFamilysDedicatedHost() {
        assertThat(catalog.hostSize("m5")).isEqualTo(new HostSize(96, 384 * 1024, 2, 48));
        HostSize t3 = catalog.hostSize("t3");
        // a T3 Dedicated Host runs 192 t3.nano (2 vCPUs each) or 24 t3.2xlarge (32 GiB each)
        assertThat(t3.vcpus() / 2).isEqualTo(192);
        assertThat(t3.memoryMiB() / (32 * 1024)).isEqualTo(24);
        assertThat(catalog.hostSize("zz9")).isNull();
    }

    @Test
    void offeringsFollowTheRealZones() {
        assertThat(catalog.zonesOffering("m5.large", "us-east-1")).doesNotContain("us-east-1e").contains("us-east-1a");
        assertThat(catalog.zonesOffering("t3.micro", "ap-northeast-2")).contains("ap-northeast-2a");
        assertThat(catalog.isOffered("m5.large", "mars-1")).isFalse();
    }

    @Test
    void pricesArePublishedOrEstimatedAndRegional() {
        assertThat(prices.onDemandLinux(catalog.find("m5.large").orElseThrow(), "us-east-1")).isEqualTo(0.096);
        assertThat(prices.onDemandLinux(catalog.find("m5.4xlarge").orElseThrow(), "us-east-1")).isEqualTo(0.768);
        assertThat(prices.onDemandLinux(catalog.find("t3.micro").orElseThrow(), "us-east-1")).isEqualTo(0.0104);
        assertThat(prices.onDemandLinux(catalog.find("g5.xlarge").orElseThrow(), "us-east-1")).isEqualTo(1.006);
        assertThat(prices.onDemandLinux(catalog.find("m5.large").orElseThrow(), "ap-northeast-2")).isCloseTo(0.118, within(0.0005));
        assertThat(prices.onDemand(catalog.find("m5.large").orElseThrow(), "us-east-1", true)).isEqualTo(0.188);
        InstanceTypeInfo unpublished = catalog.find("m8i.large").orElseThrow();
        assertThat(prices.isPublished(unpublished)).isFalse();
        assertThat(prices.onDemandLinux(unpublished, "us-east-1")).isCloseTo(0.096, within(1e-9));
        for (InstanceTypeInfo t : catalog.all()) {
            assertThat(prices.onDemandLinux(t, "us-east-1")).as(t.name()).isPositive();
        }
    }
}
