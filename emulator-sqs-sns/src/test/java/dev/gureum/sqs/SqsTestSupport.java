package dev.gureum.sqs;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A front end with SQS on a free port, a hand-moved clock, and SDK v2 clients pointed at it. */
final class SqsTestSupport implements AutoCloseable {

    final MutableClock clock = new MutableClock();
    final EmbeddedFrontEnd server = new EmbeddedFrontEnd(clock, new SqsModule());

    SqsClient client() {
        return client("test");
    }

    SqsClient client(String accessKey) {
        return SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "test")))
                .build();
    }

    SqsAsyncClient asyncClient() {
        return SqsAsyncClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @Override
    public void close() {
        server.close();
    }
}
