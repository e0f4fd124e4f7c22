package dev.gureum.sns;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP server standing in for a subscriber: it keeps every POST it receives and answers
 * with the statuses it is told to (200 once they run out).
 */
final class HttpEndpoint implements AutoCloseable {

    record Request(String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private volatile java.util.concurrent.CountDownLatch gate;

    HttpEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            java.util.concurrent.CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer status = statuses.poll();
            requests.add(new Request(exchange.getRequestURI().getPath(), headers, body));
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The statuses of the next answers, in order. */
    void answer(Integer... codes) {
        statuses.addAll(java.util.List.of(codes));
    }

    /** Holds every answer until the returned latch is counted down. */
    java.util.concurrent.CountDownLatch hold() {
        gate = new java.util.concurrent.CountDownLatch(1);
        return gate;
    }

    Request next() throws InterruptedException {
        Request r = requests.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("No request arrived at " + url("/"));
        }
        return r;
    }

    int received() {
        return requests.size();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
