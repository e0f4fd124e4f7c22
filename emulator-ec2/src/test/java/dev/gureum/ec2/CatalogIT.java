package dev.gureum.ec2;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ArchitectureType;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.Region;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogIT {

    private static final Ec2Harness HARNESS = new Ec2Harness();
    private static final Ec2Client EC2 = HARNESS.ec2();

    @AfterAll
    static void close() {
        HARNESS.close();
    }

    @Test
    void regionsListTheCommercialRegionsWithEndpoints() {
        List<Region> regions = EC2.describeRegions().regions();
        assertThat(regions).extracting(Region::regionName).contains("us-east-1", "ap-northeast-2", "eu-west-1");
        Region seoul = regions.stream().filter(r -> r.regionName().equals("ap-northeast-2")).findFirst().orElseThrow();
        assertThat(seoul.endpoint()).isEqualTo("ec2.ap-northeast-2.amazonaws.com");
        assertThat(seoul.optInStatus()).isEqualTo("opt-in-not-required");

        List<Region> filtered = EC2.describeRegions(r -> r.filters(Filter.builder().name("region-name")
                .values("ap-*").build())).regions();
        assertThat(filtered).isNotEmpty().allSatisfy(r -> assertThat(r.regionName()).startsWith("ap-"));
    }

    @Test
    void zonesAreThoseOfTheClientsRegion() {
        try (Ec2Client seoul = HARNESS.ec2("test", "ap-northeast-2")) {
            List<AvailabilityZone> zones = seoul.describeAvailabilityZones().availabilityZones();
            assertThat(zones).extracting(AvailabilityZone::zoneName)
                    .containsExactly("ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2d");
            assertThat(zones).extracting(AvailabilityZone::zoneId)
                    .containsExactly("apne2-az1", "apne2-az2", "apne2-az3", "apne2-az4");
            assertThat(zones.get(0).regionName()).isEqualTo("ap-northeast-2");
            assertThat(zones.get(0).stateAsString()).isEqualTo("available");
        }
        assertThat(EC2.describeAvailabilityZones(r -> r.zoneIds("use1-az5")).availabilityZones())
                .extracting(AvailabilityZone::zoneName).containsExactly("us-east-1f");
        assertThatThrownBy(() -> EC2.describeAvailabilityZones(r -> r.zoneNames("us-east-1z")))
                .isInstanceOf(Ec2Exception.class)
                .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void instanceTypesCarryTheirRealSpecifications() {
        DescribeInstanceTypesResponse r = EC2.describeInstanceTypes(b -> b.instanceTypesWithStrings("m5.large", "p4d.24xlarge",
                "t3.micro", "m7g.large"));
        assertThat(r.instanceTypes()).hasSize(4);
        InstanceTypeInfo m5 = find(r.instanceTypes(), "m5.large");
        assertThat(m5.vCpuInfo().defaultVCpus()).isEqualTo(2);
        assertThat(m5.vCpuInfo().defaultCores()).isEqualTo(1);
        assertThat(m5.memoryInfo().sizeInMiB()).isEqualTo(8192);
        assertThat(m5.hypervisorAsString()).isEqualTo("nitro");
        assertThat(m5.networkInfo().networkPerformance()).isEqualTo("Up to 10 Gigabit");
        assertThat(m5.processorInfo().supportedArchitectures()).containsExactly(ArchitectureType.X86_64);
        assertThat(m5.burstablePerformanceSupported()).isFalse();
        InstanceTypeInfo p4d = find(r.instanceTypes(), "p4d.24xlarge");
        assertThat(p4d.gpuInfo().gpus().get(0).name()).isEqualTo("A100");
        assertThat(p4d.gpuInfo().gpus().get(0).count()).isEqualTo(8);
        assertThat(p4d.instanceStorageInfo().totalSizeInGB()).isEqualTo(8000);
        assertThat(find(r.instanceTypes(), "t3.micro").burstablePerformanceSupported()).isTrue();
        assertThat(find(r.instanceTypes(), "m7g.large").processorInfo().supportedArchitectures())
                .containsExactly(ArchitectureType.ARM64);
    }

    @Test
    void instanceTypesFilterAndPaginate() {
        List<InstanceTypeInfo> graviton = EC2.describeInstanceTypesPaginator(b -> b.filters(
                Filter.builder().name("processor-info.supported-architecture").values("arm64").build(),
                Filter.builder().name("vcpu-info.default-vcpus").values("2").build(),
                Filter.builder().name("instance-type").values("m*").build())).instanceTypes().stream().toList();
        assertThat(graviton).isNotEmpty().allSatisfy(t -> {
            assertThat(t.instanceTypeAsString()).startsWith("m");
            assertThat(t.vCpuInfo().defaultVCpus()).isEqualTo(2);
            assertThat(t.processorInfo().supportedArchitectures()).contains(ArchitectureType.ARM64);
        });
        assertThat(graviton).extracting(InstanceTypeInfo::instanceTypeAsString).contains("m6g.large", "m7g.large");

        DescribeInstanceTypesResponse first = EC2.describeInstanceTypes(b -> b.maxResults(10));
        assertThat(first.instanceTypes()).hasSize(10);
        assertThat(first.nextToken()).isNotNull();
        DescribeInstanceTypesResponse second = EC2.describeInstanceTypes(b -> b.maxResults(10).nextToken(first.nextToken()));
        assertThat(second.instanceTypes()).doesNotContainAnyElementsOf(first.instanceTypes());

        long all = EC2.describeInstanceTypesPaginator(b -> b.maxResults(100)).instanceTypes().stream().count();
        assertThat(all).isGreaterThan(700);
    }

    @Test
    void unknownFiltersAndTypesAreRefused() {
        assertThatThrownBy(() -> EC2.describeInstanceTypes(b -> b.filters(Filter.builder().name("colour").values("red").build())))
                .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> EC2.describeInstanceTypes(b -> b.instanceTypesWithStrings("m9.huge")))
                .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceType"));
        assertThatThrownBy(() -> EC2.describeInstanceTypes(b -> b.maxResults(1000)))
                .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void offeringsSayWhichZonesHaveAType() {
        List<InstanceTypeOffering> offerings = EC2.describeInstanceTypeOfferings(b -> b
                .locationType(LocationType.AVAILABILITY_ZONE)
                .filters(Filter.builder().name("instance-type").values("m5.large").build())).instanceTypeOfferings();
        // us-east-1e is the zone of few types
        assertThat(offerings).extracting(InstanceTypeOffering::location)
                .containsExactly("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1f");
        List<InstanceTypeOffering> byId = EC2.describeInstanceTypeOfferings(b -> b
                .locationType(LocationType.AVAILABILITY_ZONE_ID)
                .filters(Filter.builder().name("instance-type").values("m5.large").build(),
                        Filter.builder().name("location").values("use1-az2").build())).instanceTypeOfferings();
        assertThat(byId).singleElement().satisfies(o -> assertThat(o.locationTypeAsString()).isEqualTo("availability-zone-id"));
    }

    private static InstanceTypeInfo find(List<InstanceTypeInfo> types, String name) {
        return types.stream().filter(t -> t.instanceTypeAsString().equals(name)).findFirst().orElseThrow();
    }
}
