package dev.gureum.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** With a data directory the clock's offset is kept: a restarted server's clock does not jump back. */
class ClockRestartIT {

    private static GureumServer server(Path dataDir) {
        return GureumServer.builder().port(0).dataDir(dataDir).services(Set.of("sqs")).build().start();
    }

    private static JsonNode post(GureumServer server, String body) throws Exception {
        return Json.mapper().readTree(RawHttp.post(server.endpoint(), "/_gureum/clock",
                Map.of("Content-Type", "application/json"), body).body());
    }

    private static Duration offset(GureumServer server) throws Exception {
        JsonNode clock = Json.mapper().readTree(RawHttp.get(server.endpoint(), "/_gureum/clock").body());
        return Duration.parse(clock.path("offset").asText());
    }

    @Test
    void anAdvancedClockStaysAheadAfterARestartAndItsDeadlinesWithIt(@TempDir Path dataDir) throws Exception {
        String url;
        try (GureumServer first = server(dataDir); SqsClient sqs = SdkClients.configure(SqsClient.builder(),
                first.endpoint()).build()) {
            url = sqs.createQueue(r -> r.queueName("kept-clock")).queueUrl();
            post(first, "{\"advance\": \"PT3H\"}");
            // due three hours and ten minutes after real time: judged against the kept clock after the restart
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("delayed").delaySeconds(600));
        }
        try (GureumServer second = server(dataDir); SqsClient sqs = SdkClients.configure(SqsClient.builder(),
                second.endpoint()).build()) {
            assertThat(offset(second)).isBetween(Duration.ofHours(3), Duration.ofHours(3).plusMinutes(1));
            assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
            post(second, "{\"advance\": \"PT10M\"}");
            assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).hasSize(1);
            // back to real time is kept too
            post(second, "{\"realTime\": true}");
        }
        try (GureumServer third = server(dataDir)) {
            assertThat(offset(third)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void theSpeedIsNotKept(@TempDir Path dataDir) throws Exception {
        try (GureumServer first = server(dataDir)) {
            post(first, "{\"speed\": 100}");
        }
        try (GureumServer second = server(dataDir)) {
            JsonNode clock = Json.mapper().readTree(RawHttp.get(second.endpoint(), "/_gureum/clock").body());
            assertThat(clock.path("speed").asDouble()).isEqualTo(1.0);
            // the time it ran ahead at speed 100 is kept as an offset
            assertThat(Duration.parse(clock.path("offset").asText())).isPositive();
        }
    }
}
