package dev.gureum.server.iam;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With {@code --enforce-iam}, giving a role to a service (a function's execution role, an instance's profile) needs
 * {@code iam:PassRole} on the role, as on AWS; the account's root user passes its roles freely.
 */
class PassRoleIT {

    private static final String LAMBDA_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String EC2_TRUST = LAMBDA_TRUST.replace("lambda.amazonaws.com", "ec2.amazonaws.com");

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.enforceIam(true));

    private final IamClient rootIam = gureum.configure(IamClient.builder()).region(Region.AWS_GLOBAL).build();

    @BeforeEach
    void reset() {
        gureum.reset();
    }

    private AccessKey user(String name, String policy) {
        rootIam.createUser(r -> r.userName(name));
        rootIam.putUserPolicy(r -> r.userName(name).policyName("inline").policyDocument(policy));
        return rootIam.createAccessKey(r -> r.userName(name)).accessKey();
    }

    private static StaticCredentialsProvider keys(AccessKey key) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
    }

    private static SdkBytes zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("app.py"));
            zip.write("def handler(event, context):\n    return 1\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }

    @Test
    void lambdaNeedsPassRoleOnTheExecutionRole() throws IOException {
        String role = rootIam.createRole(r -> r.roleName("fn-role").assumeRolePolicyDocument(LAMBDA_TRUST)).role().arn();
        String other = rootIam.createRole(r -> r.roleName("other-role").assumeRolePolicyDocument(LAMBDA_TRUST)).role()
                .arn();
        AccessKey key = user("dev", """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"lambda:*","Resource":"*"},
                 {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::000000000000:role/fn-role",
                  "Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}]}""");
        LambdaClient dev = gureum.configure(LambdaClient.builder()).credentialsProvider(keys(key)).build();
        SdkBytes code = zip();

        assertThatThrownBy(() -> dev.createFunction(r -> r.functionName("f").runtime("python3.12")
                .handler("app.handler").role(other).code(c -> c.zipFile(code))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::000000000000:user/dev "
                            + "is not authorized to perform: iam:PassRole on resource: "
                            + "arn:aws:iam::000000000000:role/other-role because no identity-based policy allows the "
                            + "iam:PassRole action");
                });
        assertThat(dev.createFunction(r -> r.functionName("f").runtime("python3.12").handler("app.handler")
                .role(role).code(c -> c.zipFile(code))).role()).isEqualTo(role);
        // changing the role passes the new one
        assertThatThrownBy(() -> dev.updateFunctionConfiguration(r -> r.functionName("f").role(other)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        assertThat(dev.getFunctionConfiguration(r -> r.functionName("f")).role()).isEqualTo(role);
        // the root user needs no permission to pass its account's roles
        LambdaClient root = gureum.configure(LambdaClient.builder()).build();
        assertThat(root.createFunction(r -> r.functionName("g").runtime("python3.12").handler("app.handler")
                .role(other).code(c -> c.zipFile(code))).role()).isEqualTo(other);
    }

    @Test
    void ec2NeedsPassRoleOnTheInstanceProfilesRole() {
        rootIam.createRole(r -> r.roleName("web").assumeRolePolicyDocument(EC2_TRUST));
        rootIam.createInstanceProfile(r -> r.instanceProfileName("web-profile"));
        rootIam.addRoleToInstanceProfile(r -> r.instanceProfileName("web-profile").roleName("web"));
        AccessKey denied = user("ops", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"},
                 {"Effect":"Allow","Action":"iam:PassRole","Resource":"*",
                  "Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}]}""");
        Ec2Client ops = gureum.configure(Ec2Client.builder()).credentialsProvider(keys(denied)).build();
        assertThatThrownBy(() -> ops.runInstances(r -> r.imageId("ami-0c02fb55956c7d316").instanceType("t3.micro")
                .minCount(1).maxCount(1).iamInstanceProfile(p -> p.name("web-profile"))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("You are not authorized to perform this "
                            + "operation. User: arn:aws:iam::000000000000:user/ops is not authorized to perform: "
                            + "iam:PassRole on resource: arn:aws:iam::000000000000:role/web because no identity-based "
                            + "policy allows the iam:PassRole action");
                });
        assertThat(ops.describeInstances().reservations()).isEmpty();
        // without a profile there is no role to pass
        assertThat(ops.runInstances(r -> r.imageId("ami-0c02fb55956c7d316").instanceType("t3.micro")
                .minCount(1).maxCount(1)).instances()).hasSize(1);

        AccessKey allowed = user("admin", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"},
                 {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::000000000000:role/web"}]}""");
        Ec2Client admin = gureum.configure(Ec2Client.builder()).credentialsProvider(keys(allowed)).build();
        assertThat(admin.runInstances(r -> r.imageId("ami-0c02fb55956c7d316").instanceType("t3.micro")
                .minCount(1).maxCount(1).iamInstanceProfile(p -> p.name("web-profile"))).instances().get(0)
                .iamInstanceProfile().arn()).endsWith(":instance-profile/web-profile");
    }
}
