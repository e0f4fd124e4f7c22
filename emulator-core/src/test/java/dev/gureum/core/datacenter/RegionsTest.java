package dev.gureum.core.datacenter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegionsTest {

    @Test
    void seoulHasFourZonesWithTheirIds() {
        Region seoul = Regions.standard().find("ap-northeast-2").orElseThrow();
        assertThat(seoul.longName()).isEqualTo("Asia Pacific (Seoul)");
        assertThat(seoul.optIn()).isFalse();
        assertThat(seoul.zones()).extracting(AvailabilityZone::name)
                .containsExactly("ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2d");
        assertThat(seoul.zones()).extracting(AvailabilityZone::zoneId)
                .containsExactly("apne2-az1", "apne2-az2", "apne2-az3", "apne2-az4");
        assertThat(seoul.ec2Endpoint()).isEqualTo("ec2.ap-northeast-2.amazonaws.com");
    }

    @Test
    void theCommercialRegionsAreAllThere() {
        Regions regions = Regions.standard();
        assertThat(regions.all()).extracting(Region::name).contains("us-east-1", "us-east-2", "us-west-1", "us-west-2",
                "eu-west-1", "eu-central-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "sa-east-1",
                "ca-central-1", "ap-south-1");
        assertThat(regions.find("us-east-1").orElseThrow().zones()).hasSize(6);
        assertThat(regions.find("af-south-1").orElseThrow().optIn()).isTrue();
        assertThat(regions.zone("us-east-1f").orElseThrow().zoneId()).isEqualTo("use1-az5");
        assertThat(regions.zoneById("use1-az5").orElseThrow().name()).isEqualTo("us-east-1f");
        assertThat(regions.find("mars-north-1")).isEmpty();
        assertThat(regions.zone(null)).isEmpty();
    }
}
