package dev.gureum.lambda.runtime;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.spi.MetricSink.Dimension;
import dev.gureum.core.spi.MetricSink.MetricDatum;
import dev.gureum.lambda.domain.FunctionConfig;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code AWS/Lambda} metrics. Each invocation that ran puts {@code Invocations} (1), {@code Errors}
 * (1 for a function error, timeouts included, else 0) and {@code Duration}; each throttled one
 * {@code Throttles} (1): for the account and region as a whole (no dimension), per {@code FunctionName},
 * per {@code FunctionName} and {@code Resource} (the function, or {@code name:qualifier} when a version
 * or alias was invoked), and, through an alias, with the {@code ExecutedVersion} too.
 * {@code ConcurrentExecutions} is the most invocations that ran at once in each minute, per function
 * and for the account, put only when not zero, as Lambda does.
 */
public final class FunctionMetrics {

    public static final String NAMESPACE = "AWS/Lambda";

    /** The metrics of nothing: no sink is bound. */
    static final FunctionMetrics NONE = new FunctionMetrics(null, Clock.systemUTC());

    /** Where an invocation's values go: the account, region and the dimension sets that name it. */
    private record Series(String account, String region, List<List<Dimension>> dimensions) {
    }

    /** Invocations running now for a function (or the account), and the most in this minute. */
    private record Concurrency(String account, String region, List<Dimension> dimensions, AtomicInteger running,
                               AtomicInteger peak) {
    }

    private final MetricSink sink;
    private final Clock clock;
    private final Map<String, Series> series = new ConcurrentHashMap<>();
    private final Map<String, Concurrency> concurrency = new ConcurrentHashMap<>();

    private FunctionMetrics(MetricSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** Metrics published to {@code sink}; none when it is {@code null}. */
    public static FunctionMetrics publishedTo(MetricSink sink, Clock clock) {
        if (sink == null) {
            return NONE;
        }
        FunctionMetrics metrics = new FunctionMetrics(sink, clock);
        sink.sampleEveryMinute(metrics::sampleConcurrency);
        return metrics;
    }

    /** An invocation admitted: it counts as running until {@code ended} is called. */
    void started(FunctionConfig config) {
        if (sink == null) {
            return;
        }
        for (Concurrency c : List.of(concurrency(config, true), concurrency(config, false))) {
            int now = c.running().incrementAndGet();
            c.peak().accumulateAndGet(now, Math::max);
        }
    }

    void ended(FunctionConfig config) {
        if (sink != null) {
            concurrency(config, true).running().decrementAndGet();
            concurrency(config, false).running().decrementAndGet();
        }
    }

    /** An invocation that ran, for {@code durationMillis}, with or without a function error. */
    void invoked(FunctionConfig config, InvokeRequest request, boolean functionError, double durationMillis) {
        if (sink == null) {
            return;
        }
        Series s = series(config, request);
        Instant now = clock.instant();
        put(s, "Invocations", 1, "Count", now);
        put(s, "Errors", functionError ? 1 : 0, "Count", now);
        put(s, "Duration", durationMillis, "Milliseconds", now);
    }

    /** An invocation refused for want of concurrency. */
    void throttled(FunctionConfig config, InvokeRequest request) {
        if (sink != null) {
            put(series(config, request), "Throttles", 1, "Count", clock.instant());
        }
    }

    private void put(Series s, String name, double value, String unit, Instant now) {
        for (List<Dimension> dimensions : s.dimensions()) {
            sink.put(new MetricDatum(s.account(), s.region(), NAMESPACE, name, dimensions, value, unit, now));
        }
    }

    private Series series(FunctionConfig config, InvokeRequest request) {
        String invoked = request.invokedArn() == null ? config.functionArn : request.invokedArn();
        return series.computeIfAbsent(invoked + "\n" + config.version, key -> {
            Dimension name = new Dimension("FunctionName", config.name);
            String qualifier = invoked.length() > config.functionArn.length()
                    ? invoked.substring(config.functionArn.length() + 1) : null;
            List<List<Dimension>> sets = new ArrayList<>();
            sets.add(List.of());
            sets.add(List.of(name));
            Dimension resource = new Dimension("Resource", qualifier == null ? config.name : config.name + ":" + qualifier);
            sets.add(List.of(name, resource));
            if (qualifier != null && !qualifier.equals(FunctionConfig.LATEST) && !qualifier.matches("\\d+")) {
                sets.add(List.of(name, resource, new Dimension("ExecutedVersion", config.version)));
            }
            return new Series(config.accountId, config.region, List.copyOf(sets));
        });
    }

    private Concurrency concurrency(FunctionConfig config, boolean perFunction) {
        String key = perFunction ? config.functionArn : config.accountId + "/" + config.region;
        Concurrency c = concurrency.get(key);
        return c != null ? c : concurrency.computeIfAbsent(key, k -> new Concurrency(config.accountId, config.region,
                perFunction ? List.of(new Dimension("FunctionName", config.name)) : List.of(), new AtomicInteger(),
                new AtomicInteger()));
    }

    /** The minute's peak of each function and account; the next minute starts from what runs now. */
    void sampleConcurrency() {
        Instant now = clock.instant();
        for (Concurrency c : concurrency.values()) {
            int peak = c.peak().getAndSet(c.running().get());
            if (peak > 0) {
                sink.put(new MetricDatum(c.account(), c.region(), NAMESPACE, "ConcurrentExecutions", c.dimensions(),
                        peak, "Count", now));
            }
        }
    }
}
