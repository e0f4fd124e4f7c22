package dev.gureum.server.iam;

import dev.gureum.core.testing.MutableClock;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A role session's credentials stop working at their expiration, on the server's clock, as AWS's do. */
class SessionExpiryIT {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.clock(CLOCK));

    private final StsClient sts = gureum.configure(StsClient.builder()).build();

    @BeforeEach
    void reset() {
        gureum.reset();
    }

    private static StaticCredentialsProvider of(Credentials c) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
                c.sessionToken()));
    }

    private static void assertExpired(Runnable call, int status, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void anExpiredSessionsKeyAnswersExpiredToken() {
        Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/app").roleSessionName("batch")
                .durationSeconds(900)).credentials();
        assertThat(c.expiration()).isEqualTo(CLOCK.instant().plusSeconds(900));
        StsClient session = gureum.configure(StsClient.builder()).credentialsProvider(of(c)).build();
        SqsClient sqs = gureum.configure(SqsClient.builder()).credentialsProvider(of(c)).build();
        S3Client s3 = gureum.configure(S3Client.builder()).credentialsProvider(of(c)).build();

        CLOCK.advanceSeconds(899);
        assertThat(session.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::000000000000:assumed-role/app/batch");
        sqs.listQueues();
        s3.listBuckets();

        CLOCK.advanceSeconds(1);
        assertExpired(session::getCallerIdentity, 403, "The security token included in the request is expired");
        assertExpired(sqs::listQueues, 403, "The security token included in the request is expired");
        assertExpired(s3::listBuckets, 400, "The provided token has expired.");

        // a new session of the role works
        Credentials renewed = sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/app")
                .roleSessionName("batch")).credentials();
        StsClient again = gureum.configure(StsClient.builder()).credentialsProvider(of(renewed)).build();
        assertThat(again.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::000000000000:assumed-role/app/batch");
    }
}
