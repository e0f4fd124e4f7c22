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
}
