package dev.gureum.lambda.protocol;

import dev.gureum.core.protocol.JsonEncoder;
import dev.gureum.core.protocol.Struct;
import dev.gureum.lambda.domain.Cors;
import dev.gureum.lambda.domain.EventSourceMapping;
import dev.gureum.lambda.domain.FilterCriteria;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.StoredCode;
import dev.gureum.lambda.domain.UrlConfig;
import dev.gureum.lambda.domain.VpcConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The documents built from typed configuration read as the members clients sent, absent ones left out. */
class ShapesTest {

    private static final Instant NOW = Instant.parse("2024-01-31T10:00:00Z");

    private static String json(Struct s) {
        return JsonEncoder.toJson(s).toString();
    }

    @Test
    void filterCriteriaIsReportedAsSent() {
        EventSourceMapping m = new EventSourceMapping("u-1", "arn:aws:lambda:us-east-1:000000000000:event-source-mapping:u-1",
                "000000000000", "us-east-1", "arn:aws:sqs:us-east-1:000000000000:q");
        assertThat(JsonEncoder.toJson(Shapes.mapping(m)).has("FilterCriteria")).isFalse();
        m.filterCriteria(new FilterCriteria(List.of("{\"body\":{\"k\":[\"v\"]}}", "{\"attributes\":{}}")));
        assertThat(JsonEncoder.toJson(Shapes.mapping(m)).get("FilterCriteria").toString())
                .isEqualTo("{\"Filters\":[{\"Pattern\":\"{\\\"body\\\":{\\\"k\\\":[\\\"v\\\"]}}\"},"
                        + "{\"Pattern\":\"{\\\"attributes\\\":{}}\"}]}");
    }

    @Test
    void corsHasOnlyTheMembersThatWereSet() {
        UrlConfig none = new UrlConfig("http://u/", "arn:aws:lambda:us-east-1:000000000000:function:f", "NONE", null,
                "BUFFERED", NOW, NOW);
        assertThat(JsonEncoder.toJson(Shapes.url(none)).has("Cors")).isFalse();
        UrlConfig some = new UrlConfig("http://u/", "arn:aws:lambda:us-east-1:000000000000:function:f", "NONE",
                new Cors(true, null, List.of(), List.of("*"), null, 60), "BUFFERED", NOW, NOW);
        assertThat(JsonEncoder.toJson(Shapes.url(some)).get("Cors").toString())
                .isEqualTo("{\"AllowCredentials\":true,\"AllowMethods\":[],\"AllowOrigins\":[\"*\"],\"MaxAge\":60}");
        assertThat(json(Shapes.cors(new Cors(null, null, null, null, null, null)))).isEqualTo("{}");
    }

    @Test
    void vpcConfigReportsEveryMember() {
        FunctionConfig.Builder b = new FunctionConfig.Builder();
        b.name = "f";
        b.functionArn = "arn:aws:lambda:us-east-1:000000000000:function:f";
        b.region = "us-east-1";
        b.accountId = "000000000000";
        b.runtime = "python3.12";
        b.code = new StoredCode("k", "sha", 1, Path.of("z"), Path.of("d"), 1);
        b.lastModified = NOW;
        assertThat(JsonEncoder.toJson(Shapes.configuration(b.build())).has("VpcConfig")).isFalse();
        b.vpcConfig = new VpcConfig(List.of("subnet-1"), List.of(), "vpc-1", false);
        assertThat(JsonEncoder.toJson(Shapes.configuration(b.build())).get("VpcConfig").toString())
                .isEqualTo("{\"SubnetIds\":[\"subnet-1\"],\"SecurityGroupIds\":[],\"VpcId\":\"vpc-1\","
                        + "\"Ipv6AllowedForDualStack\":false}");
        assertThat(JsonEncoder.toJson(Shapes.configuration(b.build())).path("RuntimeVersionConfig")
                .path("RuntimeVersionArn").asText()).isEqualTo("arn:aws:lambda:us-east-1::runtime:python3.12.gureum");
    }
}
