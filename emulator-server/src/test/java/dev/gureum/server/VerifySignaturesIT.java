package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With {@code --verify-signatures}, SigV4 is checked against the configured credentials. */
class VerifySignaturesIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.verifySignatures(true)
            .credentials("AKIAGUREUMEXAMPLE001", "s3cr3t/With+Symbols=and/More0123456789ab"));

    private static StsClient sts(String key, String secret) {
        return gureum.configure(StsClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))).build();
    }

    @Test
    void correctSignaturesPass() {
        try (StsClient sts = sts("test", "test")) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("000000000000");
        }
        try (StsClient sts = sts("AKIAGUREUMEXAMPLE001", "s3cr3t/With+Symbols=and/More0123456789ab")) {
            assertThat(sts.assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/app")
                    .roleSessionName("deploy.bot@example.com")).assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::123456789012:assumed-role/app/deploy.bot@example.com");
        }
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        try (StsClient sts = sts("test", "not-the-secret")) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            });
        }
    }

    @Test
    void unknownKeyIsInvalidClientTokenId() {
        try (StsClient sts = sts("AKIAUNKNOWNKEY000000", "whatever")) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
            });
        }
    }

    @Test
    void issuedTemporaryCredentialsAreAccepted() {
        Credentials c;
        try (StsClient sts = sts("test", "test")) {
            c = sts.getSessionToken().credentials();
        }
        try (StsClient temp = gureum.configure(StsClient.builder()).credentialsProvider(StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))).build()) {
            assertThat(temp.getCallerIdentity().account()).isEqualTo("000000000000");
        }
    }

    @Test
    void signatureErrorsComeInTheProtocolTheClientSpoke() throws Exception {
        HttpResponse<String> json = RawHttp.post(gureum.endpoint(), "/", Map.of(
                "X-Amz-Target", "AWSSecurityTokenServiceV20110615.GetCallerIdentity",
                "Content-Type", "application/x-amz-json-1.0", "X-Amz-Date", "20260101T000000Z",
                "Authorization", RawHttp.authorization("test", "us-east-1", "sts")), "{}");
        assertThat(json.statusCode()).isEqualTo(403);
        assertThat(json.body()).contains("\"__type\":\"com.amazon.coral.service#SignatureDoesNotMatch\"");
    }

    @Test
    void anonymousAndMalformedRequestsAreRefused() throws Exception {
        HttpResponse<String> anonymous = RawHttp.post(gureum.endpoint(), "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=GetCallerIdentity&Version=2011-06-15");
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).contains("<Code>MissingAuthenticationToken</Code>");

        HttpResponse<String> malformed = RawHttp.post(gureum.endpoint(), "/", Map.of(
                "Authorization", "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00",
                "Content-Type", "application/x-www-form-urlencoded"), "Action=GetCallerIdentity&Version=2011-06-15");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("<Code>IncompleteSignature</Code>");
    }
}
