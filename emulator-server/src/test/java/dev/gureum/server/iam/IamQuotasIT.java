package dev.gureum.server.iam;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Without signature checks: an inactive key is still refused; IAM's document size quotas. */
class IamQuotasIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    private final IamClient iam = IamUsersIT.iam(gureum, "test");

    @BeforeEach
    void reset() {
        gureum.reset();
    }

    @Test
    void anInactiveKeyIsRefusedEvenWhenSignaturesAreNotChecked() {
        iam.createUser(r -> r.userName("u"));
        AccessKey key = iam.createAccessKey(r -> r.userName("u")).accessKey();
        StaticCredentialsProvider wrongSecret = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(key.accessKeyId(), "any-secret"));
        try (StsClient sts = gureum.configure(StsClient.builder()).credentialsProvider(wrongSecret).build();
             S3Client s3 = gureum.configure(S3Client.builder()).credentialsProvider(wrongSecret).build()) {
            // signatures are not checked: the key alone says who calls
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::000000000000:user/u");
            iam.updateAccessKey(r -> r.userName("u").accessKeyId(key.accessKeyId()).status("Inactive"));
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
            assertThatThrownBy(s3::listBuckets).isInstanceOfSatisfying(S3Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
            });
        }
    }

    @Test
    void documentsAreHeldToIamsSizeQuotas() {
        String actions = "\"s3:GetObject\",".repeat(400);
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[" + actions
                + "\"s3:PutObject\"],\"Resource\":\"*\"}]}";
        iam.createUser(r -> r.userName("u"));
        assertThatThrownBy(() -> iam.putUserPolicy(r -> r.userName("u").policyName("big").policyDocument(big)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("Maximum policy size of 2048 bytes exceeded for user u");
        iam.createRole(r -> r.roleName("r").assumeRolePolicyDocument(IamPoliciesIT.TRUST));
        iam.putRolePolicy(r -> r.roleName("r").policyName("big").policyDocument(big));
        String huge = big.replace(actions, actions.repeat(2));
        assertThatThrownBy(() -> iam.createPolicy(r -> r.policyName("huge").policyDocument(huge)))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("Cannot exceed quota for PolicySize: 6144");
        String trust = IamPoliciesIT.TRUST.replace("\"sts:AssumeRole\"", "[" + "\"sts:AssumeRole\",".repeat(120)
                + "\"sts:TagSession\"]");
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("t").assumeRolePolicyDocument(trust)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("Cannot exceed quota for ACLSizePerRole: 2048");
    }
}
