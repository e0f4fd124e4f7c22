package dev.gureum.core.http;

import io.undertow.server.HttpServerExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostRoutesTest {

    @ParameterizedTest
    @CsvSource({
            "web-123.us-east-1.elb.localhost.localstack.cloud:4566, elb",
            "WEB-123.ELB.LOCALHOST.LOCALSTACK.CLOUD, elb",
            "elb.localhost.localstack.cloud, next",
            "sqs.us-east-1.localhost.localstack.cloud, next",
            "127.0.0.1:4566, next",
    })
    void aHostEndingWithAClaimedSuffixGoesToItsHandler(String host, String expected) throws Exception {
        List<String> reached = new ArrayList<>();
        HostRoutes routes = new HostRoutes(exchange -> reached.add("next"))
                .add(".elb.localhost.localstack.cloud", exchange -> reached.add("elb"));
        routes.handleRequest(ErrorRendererTest.exchange(Map.of("Host", host)));
        assertThat(reached).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "a.x.example.cloud, wide",
            "a.example.cloud, wide",
            "example.cloud, next",
            "a.x.example.com, narrow",
            "x.example.com, wide",
            "10.0.0.1, next",
            "a.x.example.cloud.evil, next",
    })
    void theFirstClaimedSuffixAHostEndsWithWins(String host, String expected) throws Exception {
        List<String> reached = new ArrayList<>();
        HostRoutes routes = new HostRoutes(exchange -> reached.add("next"))
                .add(".example.cloud", exchange -> reached.add("wide"))
                .add(".x.example.cloud", exchange -> reached.add("narrow"))
                .add(".x.example.com", exchange -> reached.add("narrow"))
                .add(".example.com", exchange -> reached.add("wide"));
        routes.handleRequest(ErrorRendererTest.exchange(Map.of("Host", host)));
        assertThat(reached).containsExactly(expected);
    }

    @Test
    void aSuffixIsClaimedOnce() {
        HostRoutes routes = new HostRoutes(HttpServerExchange::endExchange).add(".a.example", e -> { });
        assertThatThrownBy(() -> routes.add(".A.example", e -> { })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> routes.add("b.example", e -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "/_gureum/lambda-url/abc/x, url",
            "/_gureum/lambda-url/, url",
            "/_gureum/lambda-url, next",
            "/_gureum/health, next",
            "/2015-03-31/functions, next",
    })
    void aPathUnderAClaimedPrefixGoesToItsHandler(String path, String expected) throws Exception {
        List<String> reached = new ArrayList<>();
        HostRoutes routes = new HostRoutes(exchange -> reached.add("next"))
                .addPathPrefix("/_gureum/lambda-url/", exchange -> reached.add("url"));
        HttpServerExchange exchange = ErrorRendererTest.exchange(Map.of("Host", "localhost:4566"));
        exchange.setRequestPath(path);
        routes.handleRequest(exchange);
        assertThat(reached).containsExactly(expected);
    }

    @Test
    void aPathPrefixIsClaimedOnceUnderGureum() {
        HostRoutes routes = new HostRoutes(HttpServerExchange::endExchange).addPathPrefix("/_gureum/a/", e -> { });
        assertThatThrownBy(() -> routes.addPathPrefix("/_gureum/a/", e -> { })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> routes.addPathPrefix("/a/", e -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> routes.addPathPrefix("/_gureum/a", e -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
