package dev.gureum.lambda;

import dev.gureum.core.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.CodeSigningConfig;
import software.amazon.awssdk.services.lambda.model.CodeSigningConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.CodeSigningPolicy;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigListItem;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.PutProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Provisioned concurrency configurations (their status on the server clock) and code signing configurations. */
class ProvisionedConcurrencyIT {

    static LambdaTestSupport t;

    @BeforeAll
    static void start() {
        LambdaTestSupport.assumeRuns("python3", "--version");
        t = new LambdaTestSupport();
        t.create("warm", "python3.12", "app.handler", Map.of("app.py", "def handler(e, c):\n    return e\n"));
        t.lambda.publishVersion(r -> r.functionName("warm"));
        t.lambda.createAlias(r -> r.functionName("warm").name("live").functionVersion("1"));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void provisionedConcurrencyIsInProgressThenReadyOnTheClock() {
        PutProvisionedConcurrencyConfigResponse put = t.lambda.putProvisionedConcurrencyConfig(r -> r
                .functionName("warm").qualifier("live").provisionedConcurrentExecutions(3));
        assertThat(put.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(put.status()).isEqualTo(ProvisionedConcurrencyStatusEnum.IN_PROGRESS);
        assertThat(put.requestedProvisionedConcurrentExecutions()).isEqualTo(3);
        assertThat(put.allocatedProvisionedConcurrentExecutions()).isZero();
        assertThat(put.lastModified()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");

        t.server.serverClock().advance(Duration.ofMinutes(1));
        // READY once the clock has passed and its environments are initialised
        Await.until(Duration.ofSeconds(30), () -> t.lambda.getProvisionedConcurrencyConfig(r -> r.functionName("warm")
                .qualifier("live")).status() == ProvisionedConcurrencyStatusEnum.READY, "environments initialised");
        GetProvisionedConcurrencyConfigResponse got = t.lambda.getProvisionedConcurrencyConfig(r -> r
                .functionName("warm").qualifier("live"));
        assertThat(got.status()).isEqualTo(ProvisionedConcurrencyStatusEnum.READY);
        assertThat(got.availableProvisionedConcurrentExecutions()).isEqualTo(3);
        assertThat(got.allocatedProvisionedConcurrentExecutions()).isEqualTo(3);

        assertThat(t.lambda.listProvisionedConcurrencyConfigs(r -> r.functionName("warm"))
                .provisionedConcurrencyConfigs()).extracting(ProvisionedConcurrencyConfigListItem::functionArn)
                .containsExactly(t.lambda.getFunction(r -> r.functionName("warm")).configuration().functionArn() + ":live");

        assertThatThrownBy(() -> t.lambda.putProvisionedConcurrencyConfig(r -> r.functionName("warm")
                .qualifier("$LATEST").provisionedConcurrentExecutions(1)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
        assertThatThrownBy(() -> t.lambda.putProvisionedConcurrencyConfig(r -> r.functionName("warm")
                .qualifier("9").provisionedConcurrentExecutions(1))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> t.lambda.getProvisionedConcurrencyConfig(r -> r.functionName("warm").qualifier("1")))
                .isInstanceOf(ProvisionedConcurrencyConfigNotFoundException.class)
                .hasMessageContaining("No Provisioned Concurrency Config found for this function");

        t.lambda.deleteProvisionedConcurrencyConfig(r -> r.functionName("warm").qualifier("live"));
        assertThat(t.lambda.listProvisionedConcurrencyConfigs(r -> r.functionName("warm"))
                .provisionedConcurrencyConfigs()).isEmpty();
    }

    @Test
    void codeSigningConfigurationsAreStoredAndUsedByFunctions() {
        String profile = "arn:aws:signer:us-east-1:000000000000:/signing-profiles/p/abcdef0123";
        CodeSigningConfig created = t.lambda.createCodeSigningConfig(r -> r.description("signed")
                .allowedPublishers(p -> p.signingProfileVersionArns(profile))
                .codeSigningPolicies(p -> p.untrustedArtifactOnDeployment(CodeSigningPolicy.ENFORCE)))
                .codeSigningConfig();
        assertThat(created.codeSigningConfigId()).matches("csc-[a-z0-9]{17}");
        assertThat(created.codeSigningConfigArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:code-signing-config:"
                + created.codeSigningConfigId());
        assertThat(created.allowedPublishers().signingProfileVersionArns()).containsExactly(profile);
        String arn = created.codeSigningConfigArn();

        assertThat(t.lambda.getFunctionCodeSigningConfig(r -> r.functionName("warm")).codeSigningConfigArn()).isEmpty();
        t.lambda.putFunctionCodeSigningConfig(r -> r.functionName("warm").codeSigningConfigArn(arn));
        assertThat(t.lambda.getFunctionCodeSigningConfig(r -> r.functionName("warm")).codeSigningConfigArn())
                .isEqualTo(arn);
        assertThat(t.lambda.listFunctionsByCodeSigningConfig(r -> r.codeSigningConfigArn(arn)).functionArns())
                .hasSize(1);
        assertThat(t.lambda.updateCodeSigningConfig(r -> r.codeSigningConfigArn(arn).description("changed"))
                .codeSigningConfig().codeSigningPolicies().untrustedArtifactOnDeployment())
                .isEqualTo(CodeSigningPolicy.ENFORCE);
        assertThat(t.lambda.listCodeSigningConfigs(r -> { }).codeSigningConfigs())
                .extracting(CodeSigningConfig::description).containsExactly("changed");
        assertThatThrownBy(() -> t.lambda.deleteCodeSigningConfig(r -> r.codeSigningConfigArn(arn)))
                .isInstanceOf(ResourceConflictException.class);

        t.lambda.deleteFunctionCodeSigningConfig(r -> r.functionName("warm"));
        t.lambda.deleteCodeSigningConfig(r -> r.codeSigningConfigArn(arn));
        assertThatThrownBy(() -> t.lambda.getCodeSigningConfig(r -> r.codeSigningConfigArn(arn)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> t.lambda.putFunctionCodeSigningConfig(r -> r.functionName("warm")
                .codeSigningConfigArn(arn))).isInstanceOf(CodeSigningConfigNotFoundException.class);
    }
}
