package dev.gureum.sns.delivery;

import dev.gureum.core.time.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * POSTs to HTTP/S endpoints without holding the publishing request: requests go out asynchronously
 * on a small pool, failed ones are retried when their delivery policy says, by one timer thread.
 * As AWS does, a 2xx answer is a delivery, a 4xx other than 429 a failure not worth retrying, and
 * anything else (5xx, 429, no connection, no answer in 15 s) is retried until the policy gives up.
 */
public final class HttpDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpDelivery.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final String USER_AGENT = "Amazon Simple Notification Service Agent";

    /**
     * One message to POST.
     *
     * @param retryDelays the waits before each retry
     * @param onFailure   told the reason when the message is given up on
     * @param onDelivered told when an attempt is answered with a 2xx
     */
    public record Post(URI endpoint, Map<String, String> headers, String body, List<Duration> retryDelays,
                       String description, Consumer<String> onFailure, Runnable onDelivered) {

        public Post(URI endpoint, Map<String, String> headers, String body, List<Duration> retryDelays,
                    String description, Consumer<String> onFailure) {
            this(endpoint, headers, body, retryDelays, description, onFailure, () -> {
            });
        }
    }

    private final ExecutorService executor;
    private final HttpClient client;
    private final DeliveryTimer timer;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();

    public HttpDelivery(Timers timers) {
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "gureum-sns-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .executor(executor)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timer = new DeliveryTimer(timers, executor);
    }

    public void send(Post post) {
        attempt(post, 0);
    }

    private void attempt(Post post, int retries) {
        HttpRequest.Builder request = HttpRequest.newBuilder(post.endpoint())
                .timeout(TIMEOUT)
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(post.body(), StandardCharsets.UTF_8));
        post.headers().forEach(request::header);
        inFlight.incrementAndGet();
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            try {
                completed(post, retries, response, error);
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private void completed(Post post, int retries, HttpResponse<Void> response, Throwable error) {
        int status = response == null ? 0 : response.statusCode();
        if (error == null && status >= 200 && status < 300) {
            delivered.incrementAndGet();
            post.onDelivered().run();
            return;
        }
        String reason = error != null ? describe(error) : "HTTP status " + status;
        boolean permanent = status >= 400 && status < 500 && status != 429;
        if (!permanent && retries < post.retryDelays().size()) {
            LOG.debug("SNS delivery of {} failed ({}), retry {} in {}", post.description(), reason, retries + 1,
                    post.retryDelays().get(retries));
            timer.schedule(post.retryDelays().get(retries), () -> attempt(post, retries + 1));
            return;
        }
        failed.incrementAndGet();
        LOG.warn("SNS gave up delivering {} after {} attempt(s): {}", post.description(), retries + 1, reason);
        post.onFailure().accept(reason);
    }

    private static String describe(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Deliveries that succeeded, for diagnostics. */
    public long delivered() {
        return delivered.get();
    }

    /** Deliveries given up on. */
    public long failed() {
        return failed.get();
    }

    /** Requests on the wire and retries waiting. */
    public int pending() {
        return inFlight.get() + timer.pending();
    }

    /** Retries waiting for their time. */
    public int retriesWaiting() {
        return timer.pending();
    }

    /** Forgets waiting retries ({@code POST /_gureum/reset}). */
    public void clear() {
        timer.clear();
    }

    @Override
    public void close() {
        timer.close();
        executor.shutdownNow();
    }
}
