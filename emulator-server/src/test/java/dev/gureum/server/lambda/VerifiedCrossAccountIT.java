package dev.gureum.server.lambda;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Under {@code --verify-signatures}, with verified keys of two accounts: a function's policy that names a
 * role of the other account lets that role's sessions in, and neither the account's root nor other roles.
 */
class VerifiedCrossAccountIT {

    static final String A = "111111111111";
    static final String B = "222222222222";

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.verifySignatures(true)
            .credentials(A, "secret-of-a").credentials(B, "secret-of-b"));

    static StaticCredentialsProvider keys(String id, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
    }

    static LambdaClient sessionOf(String roleArn) {
        Credentials c;
        try (StsClient sts = gureum.configure(StsClient.builder()).credentialsProvider(keys(A, "secret-of-a")).build()) {
            c = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("caller")).credentials();
        }
        return gureum.configure(LambdaClient.builder()).credentialsProvider(StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))).build();
    }

    @Test
    void aRoleNamedByTheFunctionsPolicyMayInvokeItAndNoOneElseOfItsAccount() {
        String roleArn = "arn:aws:iam::" + A + ":role/deployer";
        try (LambdaClient b = gureum.configure(LambdaClient.builder()).credentialsProvider(keys(B, "secret-of-b")).build();
             LambdaClient root = gureum.configure(LambdaClient.builder()).credentialsProvider(keys(A, "secret-of-a"))
                     .build();
             LambdaClient deployer = sessionOf(roleArn);
             LambdaClient other = sessionOf("arn:aws:iam::" + A + ":role/other")) {
            String arn = b.createFunction(r -> r.functionName("shared").runtime("python3.12").handler("app.handler")
                    .role("arn:aws:iam::" + B + ":role/lambda-role")
                    .code(c -> c.zipFile(Packages.zip(Map.of("app.py", "def handler(e, c):\n    return 1\n")))))
                    .functionArn();
            b.addPermission(r -> r.functionName("shared").statementId("deployer").action("lambda:InvokeFunction")
                    .principal(roleArn));

            assertThat(deployer.invoke(r -> r.functionName(arn).invocationType(InvocationType.DRY_RUN)).statusCode())
                    .isEqualTo(204);
            LambdaException rootRefused = catchThrowableOfType(() -> root.invoke(r -> r.functionName(arn)
                    .invocationType(InvocationType.DRY_RUN)), LambdaException.class);
            assertThat(rootRefused.statusCode()).isEqualTo(403);
            assertThat(rootRefused.awsErrorDetails().errorMessage()).startsWith("User: arn:aws:iam::" + A + ":root is "
                    + "not authorized to perform: lambda:InvokeFunction on resource: " + arn);
            LambdaException otherRefused = catchThrowableOfType(() -> other.invoke(r -> r.functionName(arn)
                    .invocationType(InvocationType.DRY_RUN)), LambdaException.class);
            assertThat(otherRefused.awsErrorDetails().errorMessage()).startsWith("User: arn:aws:sts::" + A
                    + ":assumed-role/other/caller is not authorized to perform: lambda:InvokeFunction");
            assertThat(catchThrowableOfType(() -> deployer.getFunction(r -> r.functionName(arn)), LambdaException.class)
                    .statusCode()).isEqualTo(403);
        }
    }
}
