package dev.gureum.lambda;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionEventInvokeConfig;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With a data directory, what a function has beside its configurations is there after a restart. */
class FunctionSettingsRestartIT {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private final class Server implements AutoCloseable {
        final EmbeddedFrontEnd server;
        final LambdaClient lambda;

        Server() {
            LambdaModule module = new LambdaModule();
            server = EmbeddedFrontEnd.persistent(dir, clock, module, module.logs());
            lambda = SdkClients.configure(LambdaClient.builder(), server.endpoint()).build();
        }

        @Override
        public void close() {
            lambda.close();
            server.close();
        }
    }

    @Test
    void eventInvokeConfigurationsProvisionedConcurrencyAndCodeSigningAreKept() {
        LambdaTestSupport.assumeRuns("python3", "--version");
        List<FunctionEventInvokeConfig> before;
        software.amazon.awssdk.services.lambda.model.CodeSigningConfig signing;
        try (Server s = new Server()) {
            s.lambda.createFunction(r -> r.functionName("kept").runtime("python3.12").handler("app.handler")
                    .role(LambdaTestSupport.ROLE).code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py",
                            "def handler(e, c):\n    return e\n")))));
            s.lambda.publishVersion(r -> r.functionName("kept"));
            s.lambda.createAlias(r -> r.functionName("kept").name("live").functionVersion("1"));
            s.lambda.putFunctionEventInvokeConfig(r -> r.functionName("kept").maximumRetryAttempts(0)
                    .destinationConfig(d -> d.onFailure(f -> f.destination("arn:aws:sqs:us-east-1:000000000000:f"))));
            s.lambda.putFunctionEventInvokeConfig(r -> r.functionName("kept").qualifier("live")
                    .maximumEventAgeInSeconds(300));
            s.lambda.putFunctionEventInvokeConfig(r -> r.functionName("kept").qualifier("1").maximumRetryAttempts(1));
            // a deleted alias takes its configuration with it
            s.lambda.createAlias(r -> r.functionName("kept").name("gone").functionVersion("1"));
            s.lambda.putFunctionEventInvokeConfig(r -> r.functionName("kept").qualifier("gone").maximumRetryAttempts(1));
            s.lambda.deleteAlias(r -> r.functionName("kept").name("gone"));
            before = s.lambda.listFunctionEventInvokeConfigs(r -> r.functionName("kept")).functionEventInvokeConfigs();
            assertThat(before).hasSize(3);
            s.lambda.putProvisionedConcurrencyConfig(r -> r.functionName("kept").qualifier("live")
                    .provisionedConcurrentExecutions(2));
            signing = s.lambda.createCodeSigningConfig(r -> r.allowedPublishers(p -> p.signingProfileVersionArns(
                    "arn:aws:signer:us-east-1:000000000000:/signing-profiles/p/abcdef0123"))).codeSigningConfig();
            s.lambda.putFunctionCodeSigningConfig(r -> r.functionName("kept")
                    .codeSigningConfigArn(signing.codeSigningConfigArn()));
        }
        clock.advance(java.time.Duration.ofMinutes(5));
        try (Server s = new Server()) {
            assertThat(s.lambda.listFunctionEventInvokeConfigs(r -> r.functionName("kept")).functionEventInvokeConfigs())
                    .isEqualTo(before);
            // the restarted server starts the configuration's environments again: READY once they are initialised
            dev.gureum.core.testing.Await.until(java.time.Duration.ofSeconds(30), () -> "READY".equals(s.lambda
                    .getProvisionedConcurrencyConfig(r -> r.functionName("kept").qualifier("live")).statusAsString()),
                    "provisioned environments started again");
            var provisioned = s.lambda.getProvisionedConcurrencyConfig(r -> r.functionName("kept").qualifier("live"));
            assertThat(provisioned.requestedProvisionedConcurrentExecutions()).isEqualTo(2);
            assertThat(provisioned.statusAsString()).isEqualTo("READY");
            assertThat(s.lambda.listCodeSigningConfigs(r -> { }).codeSigningConfigs()).containsExactly(signing);
            assertThat(s.lambda.getFunctionCodeSigningConfig(r -> r.functionName("kept")).codeSigningConfigArn())
                    .isEqualTo(signing.codeSigningConfigArn());
            s.lambda.deleteFunctionCodeSigningConfig(r -> r.functionName("kept"));
            s.lambda.createAlias(r -> r.functionName("kept").name("gone").functionVersion("1"));
            assertThatThrownBy(() -> s.lambda.getFunctionEventInvokeConfig(r -> r.functionName("kept").qualifier("gone")))
                    .isInstanceOf(ResourceNotFoundException.class);
            // and a deleted function its configurations
            s.lambda.deleteFunction(r -> r.functionName("kept"));
            s.lambda.createFunction(r -> r.functionName("kept").runtime("python3.12").handler("app.handler")
                    .role(LambdaTestSupport.ROLE).code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py",
                            "def handler(e, c):\n    return e\n")))));
            assertThat(s.lambda.listFunctionEventInvokeConfigs(r -> r.functionName("kept")).functionEventInvokeConfigs())
                    .isEmpty();
        }
        try (Server s = new Server()) {
            assertThat(s.lambda.listFunctionEventInvokeConfigs(r -> r.functionName("kept")).functionEventInvokeConfigs())
                    .isEmpty();
        }
    }
}
