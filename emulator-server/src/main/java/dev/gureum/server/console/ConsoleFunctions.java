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

    private final ServiceRegistry services;

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
                metrics(node.putObject("metrics"), metrics, f);
            }
        }
        return body;
    }

    private static String logGroup(FunctionConfig f) {
        return f.logGroup != null ? f.logGroup : "/aws/lambda/" + f.name;
    }

    /** The function's counts over the window, its average duration, and that of its latest minute with invocations. */
    private static void metrics(ObjectNode node, MetricStore store, FunctionConfig f) {
        Instant now = store.clock().instant();
        Instant end = Instant.ofEpochSecond((now.getEpochSecond() / 60 + 1) * 60);
        Instant start = end.minusSeconds(WINDOW_MINUTES * 60L);
        List<MetricId.Dimension> byName = List.of(new MetricId.Dimension("FunctionName", f.name));
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
