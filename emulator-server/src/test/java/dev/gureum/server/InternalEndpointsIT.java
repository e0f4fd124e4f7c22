package dev.gureum.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.json.Json;
import dev.gureum.server.junit.GureumExtension;
import dev.gureum.sqs.SqsModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InternalEndpointsIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.services(java.util.Set.of("sts", "s3"))
            .module(TestModules.echo(SqsModule.DESCRIPTOR)));

    private static final ObjectMapper JSON = Json.mapper();

    @Test
    void healthListsEveryService() throws Exception {
        for (String path : new String[] {"/_gureum/health", "/_localstack/health"}) {
            HttpResponse<String> response = RawHttp.get(gureum.endpoint(), path);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode health = JSON.readTree(response.body());
            assertThat(health.path("services").path("sts").asText()).isEqualTo("running");
            assertThat(health.path("services").path("sqs").asText()).isEqualTo("disabled");
            assertThat(health.path("services").path("ec2").asText()).isEqualTo("disabled");
            assertThat(health.path("services").fieldNames()).toIterable()
                    .containsExactly("s3", "sqs", "sns", "lambda", "ec2", "elb", "autoscaling", "sts", "iam", "logs", "cloudwatch");
            assertThat(health.path("version").asText()).isNotBlank();
        }
    }

    @Test
    void infoDescribesTheServer() throws Exception {
        JsonNode info = JSON.readTree(RawHttp.get(gureum.endpoint(), "/_gureum/info").body());
        assertThat(info.path("defaultAccount").asText()).isEqualTo("000000000000");
        assertThat(info.path("defaultRegion").asText()).isEqualTo("us-east-1");
        assertThat(info.path("port").asInt()).isEqualTo(gureum.server().port());
        assertThat(info.path("dataDir").asText()).isEqualTo(gureum.server().config().dataDir().toString());
        assertThat(info.path("uptimeSeconds").asDouble()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void disabledServiceSaysSo() throws Exception {
        HttpResponse<String> response = RawHttp.post(gureum.endpoint(), "/", Map.of(
                "X-Amz-Target", "AmazonSQS.ListQueues", "Content-Type", "application/x-amz-json-1.0"), "{}");
        assertThat(response.statusCode()).isEqualTo(501);
        assertThat(response.body()).contains("NotImplemented").contains("disabled");
    }

    @Test
    void resetForgetsIssuedCredentials() throws Exception {
        Credentials c;
        try (StsClient sts = gureum.configure(StsClient.builder()).build()) {
            c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::444455556666:role/r").roleSessionName("s1")).credentials();
        }
        try (StsClient asRole = gureum.configure(StsClient.builder()).credentialsProvider(StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))).build()) {
            assertThat(asRole.getCallerIdentity().account()).isEqualTo("444455556666");
            HttpResponse<String> reset = RawHttp.post(gureum.endpoint(), "/_gureum/reset",
                    Map.of("Content-Type", "application/json"), "");
            assertThat(reset.statusCode()).isEqualTo(200);
            assertThat(asRole.getCallerIdentity().account()).isEqualTo("000000000000");
        }
    }

    @Test
    void unknownInternalPathAndWrongMethod() throws Exception {
        assertThat(RawHttp.get(gureum.endpoint(), "/_gureum/nothing-here").statusCode()).isEqualTo(404);
        HttpResponse<String> response = RawHttp.get(gureum.endpoint(), "/_gureum/reset");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }
}
