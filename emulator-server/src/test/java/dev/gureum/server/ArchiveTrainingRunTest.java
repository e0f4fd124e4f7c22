package dev.gureum.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The training run behind the build's class-data archive reaches every service it means to. */
class ArchiveTrainingRunTest {

    @Test
    void everyTrainingRequestSucceeds() {
        try (GureumServer server = GureumServer.builder().port(0).build().start()) {
            assertThat(ArchiveTrainingRun.exercise(server.endpoint())).isEmpty();
            for (String service : new String[] {"s3", "sqs", "sns", "ec2", "sts", "lambda"}) {
                assertThat(server.services().isBuilt(service)).as(service).isTrue();
            }
        }
    }

    @Test
    void theAotTrainingWorkloadsRequestsAllSucceed() throws Exception {
        try (GureumServer server = GureumServer.builder().port(0).build().start()) {
            assertThat(new TrainingWorkload(server.endpoint()).run(0.02, 4)).isZero();
            // every request answered 2xx (SDK-style aws-chunked uploads with a CRC32 trailer among them); the last
            // bare upload reads back whole
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) server.endpoint().resolve("/bench/obj-999")
                    .toURL().openConnection();
            assertThat(c.getResponseCode()).isEqualTo(200);
            assertThat(c.getInputStream().readAllBytes()).hasSize(4096);
        }
    }
}
