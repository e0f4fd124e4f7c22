package dev.gureum.lambda;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.CodeSigningConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.CodeSigningPolicy;
import software.amazon.awssdk.services.lambda.model.CodeVerificationFailedException;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deployments to functions with a code signing configuration: refused under Enforce, accepted under Warn. */
class CodeSigningIT {

    static final String PROFILE = "arn:aws:signer:us-east-1:000000000000:/signing-profiles/p/abcdef0123";
    static final Map<String, String> CODE = Map.of("app.py", "def handler(e, c):\n    return e\n");
    static LambdaTestSupport t;

    @BeforeAll
    static void start() {
        t = new LambdaTestSupport();
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    static String config(CodeSigningPolicy policy) {
        return t.lambda.createCodeSigningConfig(r -> r.allowedPublishers(p -> p.signingProfileVersionArns(PROFILE))
                .codeSigningPolicies(p -> p.untrustedArtifactOnDeployment(policy))).codeSigningConfig()
                .codeSigningConfigArn();
    }

    @Test
    void enforceRefusesAnUnsignedPackageAtCreation() {
        String enforce = config(CodeSigningPolicy.ENFORCE);
        assertThatThrownBy(() -> t.lambdaNoRetries.createFunction(r -> r.functionName("unsigned").runtime("python3.12")
                .handler("app.handler").role(LambdaTestSupport.ROLE).codeSigningConfigArn(enforce)
                .code(c -> c.zipFile(LambdaTestSupport.zip(CODE)))))
                .isInstanceOfSatisfying(CodeVerificationFailedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Lambda cannot deploy the function. The "
                            + "function or layer might be signed using a signature that the client is not configured "
                            + "to accept. Check the provided signature for unsigned.");
                });
        assertThatThrownBy(() -> t.lambda.getFunction(r -> r.functionName("unsigned")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void warnAcceptsItAndTheFunctionKeepsTheConfiguration() {
        String warn = config(CodeSigningPolicy.WARN);
        CreateFunctionResponse created = t.lambda.createFunction(r -> r.functionName("warned").runtime("python3.12")
                .handler("app.handler").role(LambdaTestSupport.ROLE).codeSigningConfigArn(warn)
                .code(c -> c.zipFile(LambdaTestSupport.zip(CODE))));
        assertThat(created.functionName()).isEqualTo("warned");
        assertThat(t.lambda.getFunctionCodeSigningConfig(r -> r.functionName("warned")).codeSigningConfigArn())
                .isEqualTo(warn);
        t.lambda.updateFunctionCode(r -> r.functionName("warned").zipFile(LambdaTestSupport.zip(CODE)));
    }

    @Test
    void enforceRefusesUpdatesOfCodeUntilThePolicyIsWarn() {
        t.create("updated", "python3.12", "app.handler", CODE);
        String sha = t.lambda.getFunction(r -> r.functionName("updated")).configuration().codeSha256();
        String enforce = config(CodeSigningPolicy.ENFORCE);
        t.lambda.putFunctionCodeSigningConfig(r -> r.functionName("updated").codeSigningConfigArn(enforce));

        Map<String, String> changed = Map.of("app.py", "def handler(e, c):\n    return 2\n");
        assertThatThrownBy(() -> t.lambdaNoRetries.updateFunctionCode(r -> r.functionName("updated")
                .zipFile(LambdaTestSupport.zip(changed))))
                .isInstanceOf(CodeVerificationFailedException.class)
                .hasMessageContaining("Check the provided signature for updated.");
        assertThat(t.lambda.getFunction(r -> r.functionName("updated")).configuration().codeSha256()).isEqualTo(sha);

        t.lambda.updateCodeSigningConfig(r -> r.codeSigningConfigArn(enforce)
                .codeSigningPolicies(p -> p.untrustedArtifactOnDeployment(CodeSigningPolicy.WARN)));
        assertThat(t.lambda.updateFunctionCode(r -> r.functionName("updated").zipFile(LambdaTestSupport.zip(changed)))
                .codeSha256()).isNotEqualTo(sha);
    }

    @Test
    void aConfigurationThatDoesNotExistIsNotFound() {
        String missing = "arn:aws:lambda:us-east-1:000000000000:code-signing-config:csc-0123456789abcdefg";
        assertThatThrownBy(() -> t.lambdaNoRetries.createFunction(r -> r.functionName("nowhere").runtime("python3.12")
                .handler("app.handler").role(LambdaTestSupport.ROLE).codeSigningConfigArn(missing)
                .code(c -> c.zipFile(LambdaTestSupport.zip(CODE)))))
                .isInstanceOf(CodeSigningConfigNotFoundException.class);
    }

    @Test
    void aFunctionWithoutVariablesHasNoEnvironmentMember() {
        // AWS leaves Environment out of the configuration of a function created without variables
        CreateFunctionResponse created = t.create("plain", "python3.12", "app.handler", CODE);
        assertThat(created.environment()).isNull();
        assertThat(t.lambda.getFunctionConfiguration(r -> r.functionName("plain")).environment()).isNull();
        assertThat(t.lambda.getFunction(r -> r.functionName("plain")).configuration().environment()).isNull();
        t.lambda.updateFunctionConfiguration(r -> r.functionName("plain").environment(e -> e.variables(Map.of("AB", "1"))));
        assertThat(t.lambda.getFunctionConfiguration(r -> r.functionName("plain")).environment().variables())
                .containsEntry("AB", "1");
    }
}
