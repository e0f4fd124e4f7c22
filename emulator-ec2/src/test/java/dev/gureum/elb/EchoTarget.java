package dev.gureum.elb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP target on a free port: it answers every request with its name, the request's line and headers, and
 * the size of the body it read; {@code /health} answers the status the test sets; {@code /login} sets an
 * {@code APPSESSION} cookie.
 */
final class EchoTarget implements AutoCloseable {

    final String name;
    final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger healthChecks = new AtomicInteger();
    volatile int healthStatus = 200;
    final AtomicInteger slowArrived = new AtomicInteger();
    /** What {@code /slow} waits for before it answers. */
    final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

    EchoTarget(String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/health", this::health);
        server.createContext("/slow", exchange -> {
            slowArrived.incrementAndGet();
            try {
                release.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            echo(exchange);
        });
        server.createContext("/login", exchange -> {
            // the application's own session cookie, for app_cookie stickiness
            exchange.getResponseHeaders().add("Set-Cookie", "APPSESSION=" + name + "; Path=/");
            echo(exchange);
        });
        server.createContext("/", this::echo);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange exchange) throws IOException {
        healthChecks.incrementAndGet();
        byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(healthStatus, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void echo(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        long size = 0;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
            }
        }
        StringBuilder text = new StringBuilder("target=" + name + "\nline=" + exchange.getRequestMethod() + " "
                + exchange.getRequestURI() + "\nbytes=" + size + "\n");
        Map<String, List<String>> sorted = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> sorted.put(k.toLowerCase(Locale.ROOT), v));
        sorted.forEach((k, v) -> text.append(k).append(": ").append(String.join(",", v)).append('\n'));
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("X-Target", name);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
