package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StsIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    private StsClient sts(String accessKey) {
        return gureum.configure(StsClient.builder(), accessKey).build();
    }

    @Test
    void callerIdentityIsTheDefaultAccountRoot() {
        try (StsClient sts = sts("test")) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertThat(me.account()).isEqualTo("000000000000");
            assertThat(me.arn()).isEqualTo("arn:aws:iam::000000000000:root");
            assertThat(me.userId()).isEqualTo("000000000000");
            assertThat(me.responseMetadata().requestId()).matches("[0-9a-f-]{36}");
        }
    }

    @Test
    void twelveDigitAccessKeySelectsThatAccount() {
        try (StsClient sts = sts("123456789012")) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertThat(me.account()).isEqualTo("123456789012");
            assertThat(me.arn()).isEqualTo("arn:aws:iam::123456789012:root");
        }
    }

    @Test
    void assumedRoleCredentialsActInTheRolesAccount() {
        AssumeRoleResponse assumed;
        try (StsClient sts = sts("test")) {
            assumed = sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/deploy/Builder")
                    .roleSessionName("ci-run-7").durationSeconds(1800));
        }
        Credentials c = assumed.credentials();
        assertThat(c.accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(c.secretAccessKey()).hasSize(40);
        assertThat(c.sessionToken()).isNotBlank();
        assertThat(Duration.between(Instant.now(), c.expiration())).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(31));
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/Builder/ci-run-7");
        assertThat(assumed.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z2-7]{17}:ci-run-7");

        try (StsClient asRole = gureum.configure(StsClient.builder()).credentialsProvider(StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))).build()) {
            GetCallerIdentityResponse me = asRole.getCallerIdentity();
            assertThat(me.account()).isEqualTo("111122223333");
            assertThat(me.arn()).isEqualTo(assumed.assumedRoleUser().arn());
            assertThat(me.userId()).isEqualTo(assumed.assumedRoleUser().assumedRoleId());
        }
    }

    @Test
    void sessionTokenKeepsTheCallersAccount() {
        try (StsClient sts = sts("210987654321")) {
            Credentials c = sts.getSessionToken(r -> r.durationSeconds(900)).credentials();
            try (StsClient again = gureum.configure(StsClient.builder()).credentialsProvider(StaticCredentialsProvider
                    .create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))).build()) {
                assertThat(again.getCallerIdentity().account()).isEqualTo("210987654321");
            }
            assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId(c.accessKeyId())).account()).isEqualTo("210987654321");
        }
    }

    @Test
    void federationTokenNamesTheFederatedUser() {
        try (StsClient sts = sts("test")) {
            var response = sts.getFederationToken(r -> r.name("alice"));
            assertThat(response.federatedUser().arn()).isEqualTo("arn:aws:sts::000000000000:federated-user/alice");
            assertThat(response.federatedUser().federatedUserId()).isEqualTo("000000000000:alice");
        }
    }

    @Test
    void identitiesInAChinaRegionAreInTheAwsCnPartition() {
        try (StsClient sts = gureum.configure(StsClient.builder()).region(Region.CN_NORTH_1).build()) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws-cn:iam::000000000000:root");
            assertThat(sts.getFederationToken(r -> r.name("bob")).federatedUser().arn())
                    .isEqualTo("arn:aws-cn:sts::000000000000:federated-user/bob");
        }
    }

    @Test
    void invalidInputAnswersValidationError() {
        try (StsClient sts = sts("test")) {
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/x")
                    .roleSessionName("a")))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("roleSessionName")
                                .contains("greater than or equal to 2");
                        assertThat(e.requestId()).isNotBlank();
                    });
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("not-an-arn-but-long-enough").roleSessionName("ok")))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/x")
                    .roleSessionName("ok").durationSeconds(60)))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("durationSeconds"));
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/x")
                    .roleSessionName("ok").policy("{not json")))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument"));
        }
    }

    @Test
    void answersTheJsonProtocolToo() throws Exception {
        HttpResponse<String> response = RawHttp.post(gureum.endpoint(), "/", Map.of(
                "X-Amz-Target", "AWSSecurityTokenServiceV20110615.GetCallerIdentity",
                "Content-Type", "application/x-amz-json-1.0",
                "Authorization", RawHttp.authorization("123456789012", "us-east-1", "sts")), "{}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(response.body()).contains("\"Account\":\"123456789012\"")
                .contains("\"Arn\":\"arn:aws:iam::123456789012:root\"");
    }

    @Test
    void unknownActionIsInvalidAction() throws Exception {
        HttpResponse<String> response = RawHttp.post(gureum.endpoint(), "/", Map.of(
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", RawHttp.authorization("test", "us-east-1", "sts")), "Action=MakeCoffee&Version=2011-06-15");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
                .contains("<Type>Sender</Type>")
                .contains("<Code>InvalidAction</Code>")
                .contains("<RequestId>" + response.headers().firstValue("x-amzn-RequestId").orElseThrow() + "</RequestId>");
    }
}
