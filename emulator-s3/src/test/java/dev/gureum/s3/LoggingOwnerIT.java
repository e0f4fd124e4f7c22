package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** PutBucketLogging is the bucket owner's alone, even where the bucket's policy lets another account call it. */
class LoggingOwnerIT {

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static S3Client otherAccount;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
        otherAccount = S3Clients.client(server, "us-east-1", S3Clients.OTHER_ACCOUNT);
    }

    @AfterAll
    static void stop() {
        s3.close();
        otherAccount.close();
        server.close();
    }

    @Test
    void onlyTheOwnerSetsOrRemovesLogging() {
        String source = bucketName("logged");
        String target = bucketName("logs");
        s3.createBucket(b -> b.bucket(source));
        s3.createBucket(b -> b.bucket(target));
        s3.putBucketPolicy(b -> b.bucket(source).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":[\"s3:PutBucketLogging\",\"s3:GetBucketLogging\"],"
                + "\"Resource\":\"arn:aws:s3:::" + source + "\"}]}"));

        assertS3Error(() -> otherAccount.putBucketLogging(b -> b.bucket(source).bucketLoggingStatus(l -> l
                .loggingEnabled(e -> e.targetBucket(target).targetPrefix("log/")))), 403, "AccessDenied");
        s3.putBucketLogging(b -> b.bucket(source).bucketLoggingStatus(l -> l
                .loggingEnabled(e -> e.targetBucket(target).targetPrefix("log/"))));
        assertS3Error(() -> otherAccount.putBucketLogging(b -> b.bucket(source).bucketLoggingStatus(l -> { })),
                403, "AccessDenied");
        assertThat(s3.getBucketLogging(b -> b.bucket(source)).loggingEnabled().targetBucket()).isEqualTo(target);
    }
}
