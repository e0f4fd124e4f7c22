package dev.gureum.core.http;

import io.undertow.server.HttpServerExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceRouterTest {

    @ParameterizedTest
    @CsvSource({
            "localhost:4566,localhost",
            "LocalHost:4566,localhost",
            "SQS.US-EAST-1.LOCALHOST.LOCALSTACK.CLOUD:4566,sqs.us-east-1.localhost.localstack.cloud",
            "[::1]:4566,[::1]",
            "[::1],[::1]",
            "example.com,example.com",
    })
    void hostNameDropsThePortAndCase(String hostHeader, String expected) {
        assertThat(ServiceRouter.hostName(ErrorRendererTest.exchange(Map.of("Host", hostHeader)))).isEqualTo(expected);
    }

    @Test
    void exchangeHelperBuildsHeaders() {
        HttpServerExchange exchange = ErrorRendererTest.exchange(Map.of("Host", "h"));
        assertThat(exchange.getRequestHeaders().getFirst("Host")).isEqualTo("h");
    }
}
