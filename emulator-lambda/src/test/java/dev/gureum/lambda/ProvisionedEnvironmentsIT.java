package dev.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Provisioned concurrency starts its environments ahead: READY once they are initialised, invocations of the
 * version served by them without a cold start, kept past the idle keep-alive, ended with the configuration.
 */
class ProvisionedEnvironmentsIT {

    static LambdaTestSupport t;

    @BeforeAll
    static void start() {
        LambdaTestSupport.assumeRuns("python3", "--version");
        // a short keep-alive: environments started on demand are reaped within seconds, provisioned ones are not
        t = new LambdaTestSupport(Map.of("lambda.keep-alive-seconds", "1"));
        t.create("ahead", "python3.12", "app.handler", Map.of("app.py",
                "import os\ndef handler(e, c):\n    return os.environ['AWS_LAMBDA_INITIALIZATION_TYPE']\n"));
        LambdaTestSupport.waitActive(t.lambda, "ahead");
        t.lambda.publishVersion(r -> r.functionName("ahead"));
        t.lambda.createAlias(r -> r.functionName("ahead").name("prod").functionVersion("1"));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    static List<JsonNode> environmentsOf(String qualifiedSuffix) {
        return LambdaEnvironments.environments(t, "ahead").stream()
                .filter(e -> e.path("functionArn").asText().endsWith(qualifiedSuffix)).toList();
    }

    static InvokeResponse invoke(String qualifier) {
        return t.lambda.invoke(r -> r.functionName("ahead").qualifier(qualifier).logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{}")));
    }

    @Test
    void environmentsAreInitialisedAheadAndServeWithoutAColdStart() {
        assertThat(t.lambda.putProvisionedConcurrencyConfig(r -> r.functionName("ahead").qualifier("prod")
                .provisionedConcurrentExecutions(2)).status()).isEqualTo(ProvisionedConcurrencyStatusEnum.IN_PROGRESS);
        t.server.serverClock().advance(Duration.ofMinutes(1));
        Await.until(Duration.ofSeconds(30), () -> t.lambda.getProvisionedConcurrencyConfig(r -> r.functionName("ahead")
                .qualifier("prod")).status() == ProvisionedConcurrencyStatusEnum.READY, "provisioned environments ready");
        assertThat(environmentsOf(":ahead:1")).hasSize(2)
                .allSatisfy(e -> assertThat(e.path("state").asText()).isEqualTo("idle"));
        assertThat(t.lambda.getProvisionedConcurrencyConfig(r -> r.functionName("ahead").qualifier("prod"))
                .allocatedProvisionedConcurrentExecutions()).isEqualTo(2);

        InvokeResponse warm = invoke("prod");
        assertThat(warm.payload().asUtf8String()).isEqualTo("\"provisioned-concurrency\"");
        assertThat(LambdaTestSupport.tail(warm)).contains("REPORT RequestId").doesNotContain("Init Duration");
        assertThat(environmentsOf(":ahead:1")).hasSize(2);

        // $LATEST has no provisioned concurrency: a cold start, and its environment is reaped once idle
        InvokeResponse cold = invoke("$LATEST");
        assertThat(cold.payload().asUtf8String()).isEqualTo("\"on-demand\"");
        assertThat(LambdaTestSupport.tail(cold)).contains("Init Duration");
        Await.until(Duration.ofSeconds(30), () -> environmentsOf(":ahead:$LATEST").isEmpty(), "idle $LATEST reaped");
        assertThat(environmentsOf(":ahead:1")).hasSize(2);

        t.lambda.deleteProvisionedConcurrencyConfig(r -> r.functionName("ahead").qualifier("prod"));
        Await.until(Duration.ofSeconds(30), () -> environmentsOf(":ahead:1").isEmpty(), "provisioned environments ended");
    }
}
