package dev.gureum.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.json.Json;
import dev.gureum.monitoring.dashboards.Dashboard;
import dev.gureum.monitoring.metrics.ExpressionEvaluator;
import dev.gureum.monitoring.metrics.MetricData;
import dev.gureum.monitoring.metrics.MetricException;
import dev.gureum.monitoring.metrics.MetricId;
import dev.gureum.monitoring.protocol.CloudWatchService;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data of a stored dashboard's {@code metric} widgets, read as {@code GetMetricData} reads it: each row of
 * a widget's {@code metrics} array is a metric query or a metric-math {@code expression} (evaluated by
 * CloudWatch's own evaluator), over the dashboard's time range, with the row's or the widget's {@code stat},
 * {@code period}, {@code region} and {@code label}, as the dashboard body's format has them.
 */
final class ConsoleDashboards {

    /** The time range of a dashboard without {@code start}: the last 3 hours. */
    static final int DEFAULT_MINUTES = 180;
    /** How many periods one series draws at most; a longer period is taken beyond. */
    static final int MAX_PERIODS = 1440;
    private static final Pattern RELATIVE = Pattern.compile("-P(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");

    private final ServiceRegistry services;

    ConsoleDashboards(ServiceRegistry services) {
        this.services = services;
    }

    /** One row of a metric widget: a metric or an expression, with where it is read and how it is drawn. */
    private record Row(String id, MetricId metric, String expression, String account, String region, String stat,
                       Integer period, String label, boolean visible, JsonNode options) {
    }

    /**
     * {@code {"accountId", "name", "widgets": [{"index", "start", "end", "series": [...], "messages", "error"}]}},
     * one entry per metric widget; {@code null} for a dashboard that does not exist.
     */
    ObjectNode data(String account, String name) {
        CloudWatchService cw = services.peek("cloudwatch") instanceof CloudWatchService c ? c : null;
        if (cw == null || account == null || name == null || name.isEmpty()) {
            return null;
        }
        Dashboard d;
        try {
            d = cw.dashboards().get(account, name);
        } catch (dev.gureum.monitoring.dashboards.DashboardException e) {
            return null;
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(d.body());
        } catch (IOException e) {
            body = Json.mapper().createObjectNode();
        }
        Instant now = cw.metrics().clock().instant();
        ObjectNode out = Json.mapper().createObjectNode().put("accountId", account).put("name", name);
        ArrayNode widgets = out.putArray("widgets");
        JsonNode all = body.path("widgets");
        for (int i = 0; i < all.size(); i++) {
            JsonNode w = all.get(i);
            if (!"metric".equals(w.path("type").asText())) {
                continue;
            }
            JsonNode props = w.path("properties");
            ObjectNode node = widgets.addObject().put("index", i);
            Instant[] range = range(props.has("start") ? props : body, now);
            node.put("start", range[0].toString()).put("end", range[1].toString());
            try {
                metricWidget(node, cw, account, props, range[0], range[1]);
            } catch (MetricException | IllegalArgumentException e) {
                node.put("error", e.getMessage());
            }
        }
        return out;
    }

    /** The time range of a body or widget: its {@code start} (relative such as {@code -PT3H}, or a time) to its {@code end} or now. */
    static Instant[] range(JsonNode holder, Instant now) {
        Instant end = instant(holder.path("end").asText(null), now);
        if (end == null || end.isAfter(now)) {
            end = now;
        }
        Instant start = instant(holder.path("start").asText(null), end);
        if (start == null || !start.isBefore(end)) {
            start = end.minus(Duration.ofMinutes(DEFAULT_MINUTES));
        }
        if (Duration.between(start, end).toDays() > 455) {
            start = end.minus(Duration.ofDays(455));
        }
        return new Instant[] {start, end};
    }

    private static Instant instant(String text, Instant relativeTo) {
        if (text == null) {
            return null;
        }
        Matcher m = RELATIVE.matcher(text);
        if (m.matches() && text.length() > 2) {
            long seconds = 0;
            long[] unit = {7 * 86400L, 86400L, 3600L, 60L, 1L};
            for (int g = 1; g <= 5; g++) {
                if (m.group(g) != null) {
                    seconds += Long.parseLong(m.group(g)) * unit[g - 1];
                }
            }
            return relativeTo.minusSeconds(seconds);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void metricWidget(ObjectNode node, CloudWatchService cw, String dashboardAccount, JsonNode props,
                                     Instant start, Instant end) {
        String view = props.path("view").asText("timeSeries");
        long window = Math.max(60, Duration.between(start, end).getSeconds());
        // bar, pie, gauge and single values show one value per metric: of the whole range, or the latest
        boolean wholeRange = props.path("setPeriodToTimeRange").asBoolean(false) && !"timeSeries".equals(view);
        // one period from the range's start, rounded down to its minute as CloudWatch rounds it, past its end
        int whole = (int) (((window + 59) / 60 + 1) * 60);
        List<Row> rows = rows(props, dashboardAccount);
        String widgetAccount = props.path("accountId").asText(dashboardAccount);
        String widgetRegion = props.path("region").asText("us-east-1");
        // one GetMetricData per account and region; the expressions are read with the widget's own
        Map<String, Integer> periods = new java.util.HashMap<>();
        Map<List<String>, List<MetricData.Query>> calls = new LinkedHashMap<>();
        calls.put(List.of(widgetAccount, widgetRegion), new ArrayList<>());
        for (Row r : rows) {
            Integer period = r.period();
            if (wholeRange) {
                period = whole;
            } else if (period != null && window / period > MAX_PERIODS) {
                period = (int) ((window / MAX_PERIODS + 59) / 60 * 60);
            }
            if (period != null) {
                periods.put(r.id(), period);
            }
            List<String> at = r.metric() == null ? List.of(widgetAccount, widgetRegion) : List.of(r.account(), r.region());
            calls.computeIfAbsent(at, k -> new ArrayList<>()).add(r.metric() == null
                    ? new MetricData.Query(r.id(), null, null, null, null, r.expression(), r.label(), r.visible(), period)
                    : new MetricData.Query(r.id(), r.metric(), period, r.stat(), null, null, r.label(), r.visible(), null));
        }
        Map<String, List<MetricData.Result>> byId = new LinkedHashMap<>();
        Set<String> messages = new LinkedHashSet<>();
        for (Map.Entry<List<String>, List<MetricData.Query>> call : calls.entrySet()) {
            if (call.getValue().isEmpty()) {
                continue;
            }
            MetricData.Page page = cw.metricData().get(call.getKey().get(0), call.getKey().get(1),
                    new MetricData.Request(call.getValue(), start, end, "TimestampAscending", null, null));
            for (MetricData.Result result : page.results()) {
                byId.computeIfAbsent(result.id(), k -> new ArrayList<>()).add(result);
                for (ExpressionEvaluator.Message m : result.messages()) {
                    messages.add(m.code() + ": " + m.value());
                }
            }
        }
        ArrayNode series = node.putArray("series");
        for (Row r : rows) {
            for (MetricData.Result result : byId.getOrDefault(r.id(), List.of())) {
                ObjectNode s = series.addObject().put("id", r.id()).put("label", result.label())
                        .put("expression", r.metric() == null).put("region", r.metric() == null ? widgetRegion : r.region())
                        .put("yAxis", r.options().path("yAxis").asText("left"));
                if (r.metric() != null) {
                    s.put("stat", r.stat()).put("period", periods.get(r.id()));
                }
                if (r.options().hasNonNull("color")) {
                    s.put("color", r.options().get("color").asText());
                }
                ArrayNode points = s.putArray("datapoints");
                for (int i = 0; i < result.epochSeconds().length; i++) {
                    points.addObject().put("timestamp", Instant.ofEpochSecond(result.epochSeconds()[i]).toString())
                            .put("value", result.values()[i]);
                }
                int n = result.values().length;
                if (n > 0) {
                    s.put("value", result.values()[n - 1]);
                } else {
                    s.putNull("value");
                }
            }
        }
        ArrayNode m = node.putArray("messages");
        messages.forEach(m::add);
    }

    /** The rows of a widget's {@code metrics}: {@code "."} repeats the row before's value; rows without {@code id} get {@code m1}, {@code e2}... by position. */
    private static List<Row> rows(JsonNode props, String dashboardAccount) {
        List<Row> rows = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (JsonNode row : props.path("metrics")) {
            JsonNode last = row.size() > 0 ? row.get(row.size() - 1) : null;
            if (last != null && last.isObject() && last.hasNonNull("id")) {
                used.add(last.get("id").asText());
            }
        }
        String defaultStat = props.path("stat").asText("Average");
        int defaultPeriod = props.path("period").asInt(300);
        String defaultRegion = props.path("region").asText("us-east-1");
        String defaultAccount = props.path("accountId").asText(dashboardAccount);
        List<String> before = List.of();
        int position = 0;
        for (JsonNode row : props.path("metrics")) {
            if (!row.isArray()) {
                continue;
            }
            position++;
            JsonNode last = row.size() > 0 ? row.get(row.size() - 1) : null;
            JsonNode options = last != null && last.isObject() ? last : Json.mapper().createObjectNode();
            boolean expression = options.hasNonNull("expression");
            String id = options.hasNonNull("id") ? options.get("id").asText() : null;
            if (id == null) {
                id = (expression ? "e" : "m") + position;
                while (used.contains(id)) {
                    id += "_";
                }
                used.add(id);
            }
            String label = options.hasNonNull("label") ? options.get("label").asText() : null;
            boolean visible = options.path("visible").asBoolean(true);
            if (expression) {
                rows.add(new Row(id, null, options.get("expression").asText(), null, null, null,
                        options.hasNonNull("period") ? options.get("period").asInt() : null, label, visible, options));
                continue;
            }
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                JsonNode v = row.get(i);
                if (v.isTextual()) {
                    String text = v.asText();
                    parts.add(".".equals(text) && i < before.size() ? before.get(i) : text);
                }
            }
            before = parts;
            if (parts.size() < 2) {
                throw new IllegalArgumentException("Row " + position + " of the widget's metrics names no namespace and metric");
            }
            List<MetricId.Dimension> dimensions = new ArrayList<>();
            for (int i = 2; i + 1 < parts.size(); i += 2) {
                dimensions.add(new MetricId.Dimension(parts.get(i), parts.get(i + 1)));
            }
            rows.add(new Row(id, new MetricId(parts.get(0), parts.get(1), dimensions), null,
                    options.path("accountId").asText(defaultAccount), options.path("region").asText(defaultRegion),
                    options.path("stat").asText(defaultStat), options.path("period").asInt(defaultPeriod), label, visible,
                    options));
        }
        return rows;
    }
}
