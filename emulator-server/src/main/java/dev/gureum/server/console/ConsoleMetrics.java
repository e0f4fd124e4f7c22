package dev.gureum.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.json.Json;
import dev.gureum.monitoring.alarms.Alarm;
import dev.gureum.monitoring.alarms.MetricAlarm;
import dev.gureum.monitoring.dashboards.Dashboard;
import dev.gureum.monitoring.metrics.Bucket;
import dev.gureum.monitoring.metrics.MetricId;
import dev.gureum.monitoring.metrics.MetricStore;
import dev.gureum.monitoring.protocol.CloudWatchService;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch as the console's metrics view shows it, read from CloudWatch's own stores: the metrics
 * {@code ListMetrics} would list in every account and region, one metric's statistic by period as
 * {@code GetMetricStatistics} computes it, the alarms with their state, and the dashboards stored with
 * {@code PutDashboard}.
 */
final class ConsoleMetrics {

    /** How many metrics the list shows. */
    static final int MAX_METRICS = 2000;
    /** How many periods one chart draws, as {@code GetMetricStatistics} answers at most. */
    static final int MAX_PERIODS = 1440;
    static final List<String> STATISTICS = List.of("Average", "Sum", "Minimum", "Maximum", "SampleCount");

    private final ServiceRegistry services;

    ConsoleMetrics(ServiceRegistry services) {
        this.services = services;
    }

    private CloudWatchService cloudWatch() {
        return services.peek("cloudwatch") instanceof CloudWatchService cw ? cw : null;
    }

    /** {@code {"metrics": [...]}}: every account's and region's listed metrics, sorted. */
    ObjectNode metrics() {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode metrics = body.putArray("metrics");
        CloudWatchService cw = cloudWatch();
        if (cw == null) {
            return body;
        }
        List<String[]> scopes = new ArrayList<>(cw.metrics().scopes());
        scopes.sort(Comparator.<String[], String>comparing(s -> s[0]).thenComparing(s -> s[1]));
        for (String[] scope : scopes) {
            for (MetricStore.Listed listed : cw.metrics().metrics(scope[0], scope[1])) {
                if (metrics.size() == MAX_METRICS) {
                    body.put("truncated", true);
                    return body;
                }
                MetricId id = listed.id();
                ObjectNode m = metrics.addObject().put("accountId", scope[0]).put("region", scope[1])
                        .put("namespace", id.namespace()).put("name", id.name());
                ArrayNode dimensions = m.putArray("dimensions");
                id.dimensions().forEach(d -> dimensions.addObject().put("name", d.name()).put("value", d.value()));
            }
        }
        return body;
    }

    /** A refused question: the view answers it as a 400. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /**
     * One statistic of one metric by {@code period} seconds over the {@code minutes} before the server
     * clock's now: {@code {"label", "stat", "period", "unit", "start", "end", "datapoints": [{"timestamp", "value"}]}},
     * the periods without data left out, as CloudWatch leaves them out.
     */
    ObjectNode metricData(String account, String region, String namespace, String name, List<String> dimensions,
                          String stat, int period, int minutes) throws Invalid {
        if (account == null || region == null || namespace == null || name == null) {
            throw new Invalid("Give accountId, region, namespace and metric");
        }
        if (!STATISTICS.contains(stat)) {
            throw new Invalid("stat must be one of " + STATISTICS);
        }
        if (period < 60 || period % 60 != 0) {
            throw new Invalid("period must be a multiple of 60 seconds");
        }
        if (minutes < 1 || minutes > 15 * 24 * 60) {
            throw new Invalid("minutes must be between 1 and 21600 (15 days)");
        }
        if ((long) minutes * 60 / period > MAX_PERIODS) {
            throw new Invalid("At most " + MAX_PERIODS + " periods: take a longer period");
        }
        List<MetricId.Dimension> dims = new ArrayList<>();
        for (String d : dimensions) {
            int eq = d.indexOf('=');
            if (eq <= 0) {
                throw new Invalid("A dimension is Name=Value: " + d);
            }
            dims.add(new MetricId.Dimension(d.substring(0, eq), d.substring(eq + 1)));
        }
        ObjectNode body = Json.mapper().createObjectNode().put("label", name).put("stat", stat).put("period", period);
        ArrayNode points = Json.mapper().createArrayNode();
        CloudWatchService cw = cloudWatch();
        Instant now = cw == null ? Instant.now() : cw.metrics().clock().instant();
        long endSecond = (now.getEpochSecond() / period + 1) * period;
        Instant end = Instant.ofEpochSecond(endSecond);
        Instant start = end.minusSeconds((long) minutes * 60);
        body.put("start", start.toString()).put("end", end.toString());
        if (cw != null) {
            MetricStore.Series series = cw.metrics().statistics(account, region,
                    new MetricId(namespace, name, dims), start, end, period, null, false);
            body.put("unit", series.unit() == null ? "None" : series.unit().wireName());
            for (Map.Entry<Long, Bucket> e : series.buckets().entrySet()) {
                points.addObject().put("timestamp", Instant.ofEpochSecond(e.getKey()).toString())
                        .put("value", value(e.getValue(), stat));
            }
        }
        body.set("datapoints", points);
        return body;
    }

    private static double value(Bucket b, String stat) {
        return switch (stat) {
            case "Sum" -> b.sum();
            case "Minimum" -> b.min();
            case "Maximum" -> b.max();
            case "SampleCount" -> b.count();
            default -> b.average();
        };
    }

    /** {@code {"alarms": [...]}}: every account's alarms with their state, by account, region and name. */
    ObjectNode alarms() {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode alarms = body.putArray("alarms");
        CloudWatchService cw = cloudWatch();
        if (cw == null) {
            return body;
        }
        List<Alarm> all = new ArrayList<>();
        for (Object record : cw.alarms().records()) {
            if (record instanceof Alarm a) {
                all.add(a);
            }
        }
        all.sort(Comparator.comparing(Alarm::account).thenComparing(Alarm::region).thenComparing(Alarm::name));
        for (Alarm a : all) {
            ObjectNode node = alarms.addObject().put("accountId", a.account()).put("region", a.region())
                    .put("name", a.name()).put("arn", a.arn()).put("type", a.type())
                    .put("state", a.status().value().name()).put("reason", a.status().reason())
                    .put("updated", a.status().updated() == null ? null : a.status().updated().toString());
            if (a instanceof MetricAlarm m) {
                node.put("namespace", m.namespace()).put("metric", m.metricName())
                        .put("statistic", m.statistic() != null ? m.statistic() : m.extendedStatistic())
                        .put("comparison", m.comparisonOperator() == null ? null : m.comparisonOperator().wireName());
                if (m.threshold() != null) {
                    node.put("threshold", m.threshold());
                }
            }
        }
        return body;
    }

    /** {@code {"dashboards": [{"accountId", "name", "lastModified", "body"}]}}: the bodies as stored, parsed. */
    ObjectNode dashboards() {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode dashboards = body.putArray("dashboards");
        CloudWatchService cw = cloudWatch();
        if (cw == null) {
            return body;
        }
        List<Dashboard> all = new ArrayList<>(cw.dashboards().records());
        all.sort(Comparator.comparing(Dashboard::account).thenComparing(Dashboard::name));
        for (Dashboard d : all) {
            JsonNode parsed;
            try {
                parsed = Json.mapper().readTree(d.body());
            } catch (IOException e) {
                parsed = Json.mapper().createObjectNode();
            }
            dashboards.addObject().put("accountId", d.account()).put("name", d.name())
                    .put("lastModified", d.lastModified().toString()).set("body", parsed);
        }
        return body;
    }
}
