package dev.gureum.lambda.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationRecordsTest {

    @Test
    void filterCriteriaKeepsItsPatternsAsGiven() {
        List<String> given = new ArrayList<>(List.of("{\"body\":{\"a\":[1]}}", "{\"attributes\":{}}"));
        FilterCriteria criteria = new FilterCriteria(given);
        given.clear();
        assertThat(criteria.patterns()).containsExactly("{\"body\":{\"a\":[1]}}", "{\"attributes\":{}}");
        assertThat(criteria).isEqualTo(new FilterCriteria(List.of("{\"body\":{\"a\":[1]}}", "{\"attributes\":{}}")));
    }

    @Test
    void vpcConfigWithoutSubnetsHasAnEmptyVpcId() {
        List<String> subnets = new ArrayList<>(List.of("subnet-1"));
        VpcConfig vpc = new VpcConfig(subnets, List.of("sg-1"), "vpc-1", true);
        subnets.add("subnet-2");
        assertThat(vpc.subnetIds()).containsExactly("subnet-1");
        assertThat(new VpcConfig(List.of(), List.of(), null, false).vpcId()).isEmpty();
        // functions compare their VPC settings to decide whether a published version would differ
        assertThat(vpc).isEqualTo(new VpcConfig(List.of("subnet-1"), List.of("sg-1"), "vpc-1", true));
    }

    @Test
    void corsTellsAnAbsentListFromAnEmptyOne() {
        List<String> origins = new ArrayList<>(List.of("https://example.com"));
        Cors cors = new Cors(null, null, List.of(), origins, null, 300);
        origins.clear();
        assertThat(cors.allowOrigins()).containsExactly("https://example.com");
        assertThat(cors.allowHeaders()).isNull();
        assertThat(cors.allowMethods()).isEmpty();
        assertThat(cors.allowCredentials()).isNull();
        assertThat(cors.maxAge()).isEqualTo(300);
    }
}
