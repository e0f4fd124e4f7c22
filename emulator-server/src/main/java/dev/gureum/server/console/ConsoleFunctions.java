package dev.gureum.server.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.json.Json;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.LambdaFunction;
import dev.gureum.lambda.logs.LogStore;
import dev.gureum.lambda.protocol.LambdaService;
import dev.gureum.monitoring.metrics.Bucket;
import dev.gureum.monitoring.metrics.MetricId;
import dev.gureum.monitoring.metrics.MetricStore;
import dev.gureum.monitoring.protocol.CloudWatchService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Lambda's functions as the functions view shows them: every function of every account and region, its
 * execution environments, the {@code AWS/Lambda} metrics Lambda publishes to CloudWatch for it
 * ({@code Invocations}, {@code Errors}, {@code Throttles}, {@code Duration} by {@code FunctionName}), and
 * the newest events of its newest log stream in CloudWatch Logs.
 */
final class ConsoleFunctions {

    /** The metrics are summed over this many minutes before the server clock's now. */
    static final int WINDOW_MINUTES = 24 * 60;
    /** How many of a log stream's newest events are shown. */
    static final int MAX_LOG_EVENTS = 100;

    private static final List<String> METRICS = List.of("Invocations", "Errors", "Throttles", "Duration");

    private final ServiceRegistry services;
    /**
     * Each function's metrics as last summed, with what they were summed from: the view is read every second
     * while it is open, and sums only the functions whose metrics changed since (or all once a minute, as the
     * window moves).
     */
    private volatile Map<String, Summed> summed = Map.of();

    private record Summed(long windowEnd, long[] changes, ObjectNode metrics) {
    }

    ConsoleFunctions(ServiceRegistry services) {
        this.services = services;
    }

    /** {@code {"windowMinutes", "functions": [...]}}, by account, region and name. */
    ObjectNode functions() {
        ObjectNode body = Json.mapper().createObjectNode().put("windowMinutes", WINDOW_MINUTES);
        ArrayNode functions = body.putArray("functions");
        if (!(services.peek("lambda") instanceof LambdaService lambda)) {
            return body;
        }
        List<FunctionConfig> all = new ArrayList<>();
        lambda.functions().forEachFunction((scope, f) -> all.add(f.latest()));
        all.sort(Comparator.comparing((FunctionConfig f) -> f.accountId).thenComparing(f -> f.region)
                .thenComparing(f -> f.name));
        List<Map<String, Object>> environments = lambda.runner().describeEnvironments();
        MetricStore metrics = services.peek("cloudwatch") instanceof CloudWatchService cw ? cw.metrics() : null;
        Map<String, Summed> before = summed;
        Map<String, Summed> now = new java.util.HashMap<>();
        for (FunctionConfig f : all) {
            ObjectNode node = functions.addObject().put("name", f.name).put("arn", f.functionArn)
                    .put("accountId", f.accountId).put("region", f.region).put("runtime", f.runtime)
                    .put("state", f.state).put("logGroup", logGroup(f));
            ArrayNode envs = node.putArray("environments");
            for (Map<String, Object> env : environments) {
                String arn = String.valueOf(env.get("functionArn"));
                if (arn.equals(f.functionArn) || arn.startsWith(f.functionArn + ":")) {
                    envs.add(Json.mapper().valueToTree(env));
                }
            }
            if (metrics != null) {
                Summed s = summed(metrics, f, before.get(f.functionArn));
                now.put(f.functionArn, s);
                node.set("metrics", s.metrics());
            }
        }
        summed = now;
        return body;
    }

    private static String logGroup(FunctionConfig f) {
        return f.logGroup != null ? f.logGroup : "/aws/lambda/" + f.name;
    }

    /** The function's metrics as {@code before} summed them if none changed and the window is the same; else summed anew. */
    private static Summed summed(MetricStore store, FunctionConfig f, Summed before) {
        long windowEnd = (store.clock().instant().getEpochSecond() / 60 + 1) * 60;
        List<MetricId.Dimension> byName = List.of(new MetricId.Dimension("FunctionName", f.name));
        long[] changes = new long[METRICS.size()];
        for (int i = 0; i < changes.length; i++) {
            changes[i] = store.changeOf(f.accountId, f.region, new MetricId("AWS/Lambda", METRICS.get(i), byName));
        }
        if (before != null && before.windowEnd() == windowEnd && java.util.Arrays.equals(before.changes(), changes)) {
            return before;
        }
        ObjectNode node = Json.mapper().createObjectNode();
        metrics(node, store, f, Instant.ofEpochSecond(windowEnd), byName);
        return new Summed(windowEnd, changes, node);
    }

    /** The function's counts over the window, its average duration, and that of its latest minute with invocations. */
    private static void metrics(ObjectNode node, MetricStore store, FunctionConfig f, Instant end,
                                List<MetricId.Dimension> byName) {
        Instant start = end.minusSeconds(WINDOW_MINUTES * 60L);
        for (String name : List.of("Invocations", "Errors", "Throttles")) {
            double sum = 0;
            for (Bucket b : series(store, f, name, byName, start, end).values()) {
                sum += b.sum();
            }
            node.put(name.toLowerCase(java.util.Locale.ROOT), (long) sum);
        }
        NavigableMap<Long, Bucket> durations = series(store, f, "Duration", byName, start, end);
        double sum = 0;
        double count = 0;
        for (Bucket b : durations.values()) {
            sum += b.sum();
            count += b.count();
        }
        if (count > 0) {
            node.put("averageDurationMillis", sum / count);
            Map.Entry<Long, Bucket> last = durations.lastEntry();
            node.put("recentDurationMillis", last.getValue().average())
                    .put("recentMinute", Instant.ofEpochSecond(last.getKey()).toString());
        }
    }

    private static NavigableMap<Long, Bucket> series(MetricStore store, FunctionConfig f, String name,
                                                     List<MetricId.Dimension> dimensions, Instant start, Instant end) {
        return store.statistics(f.accountId, f.region, new MetricId("AWS/Lambda", name, dimensions), start, end, 60,
                null, false).buckets();
    }

    /**
     * {@code {"functionArn", "logGroup", "stream", "events": [{"timestamp", "message"}]}}: the newest events
     * of the function's log stream that received events last; {@code null} for a function that does not exist.
     */
    ObjectNode logs(String functionArn) {
        if (functionArn == null || !(services.peek("lambda") instanceof LambdaService lambda)) {
            return null;
        }
        FunctionConfig[] found = new FunctionConfig[1];
        lambda.functions().forEachFunction((scope, f) -> {
            if (f.functionArn().equals(functionArn)) {
                found[0] = f.latest();
            }
        });
        FunctionConfig f = found[0];
        if (f == null) {
            return null;
        }
        ObjectNode body = Json.mapper().createObjectNode().put("functionArn", f.functionArn)
                .put("logGroup", logGroup(f));
        ArrayNode events = Json.mapper().createArrayNode();
        LogStore.LogGroup group = lambda.logs() instanceof LogStore store ? store.group(f.accountId, f.region, logGroup(f))
                : null;
        LogStore.LogStream newest = null;
        if (group != null) {
            for (LogStore.LogStream s : group.streams()) {
                if (newest == null || last(s) > last(newest)) {
                    newest = s;
                }
            }
        }
        if (newest != null) {
            body.put("stream", newest.name());
            List<LogStore.LogEvent> all = newest.events();
            for (LogStore.LogEvent e : all.subList(Math.max(0, all.size() - MAX_LOG_EVENTS), all.size())) {
                events.addObject().put("timestamp", Instant.ofEpochMilli(e.timestamp()).toString())
                        .put("message", e.message());
            }
        }
        body.set("events", events);
        return body;
    }

    private static long last(LogStore.LogStream s) {
        Long ingested = s.lastIngestionTime();
        return ingested != null ? ingested : s.creationTime();
    }
}
