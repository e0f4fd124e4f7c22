package dev.gureum.sqs;

import dev.gureum.core.testing.SdkClients;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
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
        return SdkClients.configure(SqsClient.builder(), server.endpoint(), accessKey).build();
    }

    SqsAsyncClient asyncClient() {
        return SdkClients.configure(SqsAsyncClient.builder(), server.endpoint()).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
