package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code --sqs-endpoint-strategy domain}, queue URLs take LocalStack's host name form and still work. */
class SqsEndpointStrategyIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.setting("sqs.endpoint-strategy", "domain"));

    @Test
    void queueUrlsNameTheRegionInTheHost() {
        try (SqsClient sqs = gureum.configure(SqsClient.builder()).region(Region.EU_WEST_1).build()) {
            String url = sqs.createQueue(r -> r.queueName("domain-style")).queueUrl();
            assertThat(url).isEqualTo("http://sqs.eu-west-1.localhost.localstack.cloud:" + gureum.server().port()
                    + "/000000000000/domain-style");
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("still reachable"));
            assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).singleElement()
                    .satisfies(m -> assertThat(m.body()).isEqualTo("still reachable"));
        }
    }
}
