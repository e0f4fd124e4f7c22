package dev.gureum.monitoring.metrics;

import dev.gureum.core.id.PageTokens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GetMetricData}: several queries over one time range, each a metric's statistic by period or a
 * metric-math expression over the others, returned in pages of at most {@code MaxDatapoints} values.
 */
public final class MetricData {

    public static final int MAX_QUERIES = 500;
    public static final int DEFAULT_MAX_DATAPOINTS = 100_800;
    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");

    /** One query as the client sent it: {@code metric} (with period, stat, unit) or {@code expression}. */
    public record Query(String id, MetricId metric, Integer period, String stat, String unit, String expression,
                        String label, Boolean returnData, Integer expressionPeriod) {
    }

    public record Request(List<Query> queries, Instant startTime, Instant endTime, String scanBy,
                          Integer maxDatapoints, String nextToken) {
    }

    /** A query's result on this page; {@code statusCode} {@code Complete} or {@code PartialData}. */
    public record Result(String id, String label, long[] epochSeconds, double[] values, String statusCode,
                         List<ExpressionEvaluator.Message> messages) {
    }

    public record Page(List<Result> results, String nextToken) {
    }

    private final MetricStore store;
    private final ExpressionEvaluator math;

    public MetricData(MetricStore store, ExpressionEvaluator math) {
        this.store = store;
        this.math = math;
    }

    public Page get(String account, String region, Request r) {
        List<Query> queries = r.queries() == null ? List.of() : r.queries();
        if (queries.isEmpty()) {
            throw MetricException.missing("MetricDataQueries");
        }
        if (queries.size() > MAX_QUERIES) {
            throw MetricException.validation("The collection MetricDataQueries must not have a size greater than "
                    + MAX_QUERIES + ".");
        }
        if (r.startTime() == null) {
            throw MetricException.missing("StartTime");
        }
        if (r.endTime() == null) {
            throw MetricException.missing("EndTime");
        }
        if (!r.startTime().isBefore(r.endTime())) {
            throw MetricException.validation("The parameter StartTime must be less than the parameter EndTime.");
        }
        boolean ascending;
        if (r.scanBy() == null || r.scanBy().equals("TimestampDescending")) {
            ascending = false;
        } else if (r.scanBy().equals("TimestampAscending")) {
            ascending = true;
        } else {
            throw MetricException.validation("The value " + r.scanBy() + " for parameter ScanBy is invalid.");
        }
        int max = r.maxDatapoints() == null ? DEFAULT_MAX_DATAPOINTS : r.maxDatapoints();
        if (max <= 0) {
            throw MetricException.validation("The value " + max + " for parameter MaxDatapoints is invalid.");
        }
        validate(queries);

        Map<String, List<TimeSeries>> byId = new HashMap<>();
        Map<String, List<ExpressionEvaluator.Message>> messages = new HashMap<>();
        List<ExpressionEvaluator.Input> inputs = new ArrayList<>();
        List<ExpressionEvaluator.Expression> expressions = new ArrayList<>();
        int period = Integer.MAX_VALUE;
        for (Query q : queries) {
            if (q.metric() != null) {
                TimeSeries s = metricSeries(account, region, q, r.startTime(), r.endTime());
                byId.put(q.id(), List.of(s));
                inputs.add(new ExpressionEvaluator.Input(q.id(), s, q.period()));
                period = Math.min(period, q.period());
            } else {
                expressions.add(new ExpressionEvaluator.Expression(q.id(), q.expression(), q.label()));
                if (q.expressionPeriod() != null) {
                    period = Math.min(period, q.expressionPeriod());
                }
            }
        }
        if (!expressions.isEmpty()) {
            // an expression's datapoints are at the period of the metrics it is computed from, else its own
            int expressionPeriod = period == Integer.MAX_VALUE ? 60 : period;
            Map<String, ExpressionEvaluator.Evaluated> evaluated = math.evaluate(inputs, expressions,
                    store.periodsStart(r.startTime(), expressionPeriod), r.endTime(), expressionPeriod);
            for (Map.Entry<String, ExpressionEvaluator.Evaluated> e : evaluated.entrySet()) {
                byId.put(e.getKey(), e.getValue().series());
                messages.put(e.getKey(), e.getValue().messages());
            }
        }
        return page(queries, byId, messages, ascending, max, r.nextToken());
    }

    private static void validate(List<Query> queries) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < queries.size(); i++) {
            Query q = queries.get(i);
            String at = "MetricDataQueries.member." + (i + 1);
            if (q.id() == null || q.id().isEmpty()) {
                throw MetricException.missing(at + ".Id");
            }
            if (q.id().length() > 255 || !ID.matcher(q.id()).matches()) {
                throw MetricException.validation("Invalid metric data query id " + q.id() + " at " + at
                        + ".Id: it must start with a lowercase letter and contain only letters, digits and underscores.");
            }
            if (!ids.add(q.id())) {
                throw MetricException.validation("The values for parameter id in MetricDataQueries are not unique.");
            }
            if (q.metric() == null && q.expression() == null) {
                throw MetricException.validation("The parameter " + at + ".MetricStat is required.\n");
            }
            if (q.metric() != null && q.expression() != null) {
                throw MetricException.validation("The parameters " + at + ".MetricStat and " + at
                        + ".Expression are mutually exclusive and you have specified both.");
            }
            if (q.metric() != null) {
                if (q.period() == null) {
                    throw MetricException.missing(at + ".MetricStat.Period");
                }
                if (q.period() <= 0 || !MetricDataRules.validPeriod(q.period())) {
                    throw MetricException.validation("The value " + q.period() + " for parameter " + at
                            + ".MetricStat.Period is invalid: it must be 1, 5, 10, 30, 60, or any multiple of 60.");
                }
                if (q.stat() == null) {
                    throw MetricException.missing(at + ".MetricStat.Stat");
                }
                if (Statistic.of(q.stat()) == null) {
                    throw MetricException.validation("The value " + q.stat() + " for parameter " + at
                            + ".MetricStat.Stat is invalid.");
                }
                if (q.unit() != null && Unit.of(q.unit()) == null) {
                    throw MetricException.validation("The value " + q.unit() + " for parameter " + at
                            + ".MetricStat.Unit is invalid.");
                }
            } else if (q.expression().isEmpty() || q.expression().length() > 2048) {
                throw MetricException.validation("The value for parameter " + at + ".Expression is invalid.");
            }
        }
    }

    private TimeSeries metricSeries(String account, String region, Query q, Instant start, Instant end) {
        return store.values(account, region, q.metric(), start, end, q.period(),
                q.unit() == null ? null : Unit.of(q.unit()), Statistic.of(q.stat()),
                q.label() != null ? q.label() : q.metric().name());
    }

    /**
     * The page of every returned result's datapoints, counted in query order (an expression over an array
     * of series gives one result per series, all with its id), from the token's offset.
     */
    private static Page page(List<Query> queries, Map<String, List<TimeSeries>> byId,
                             Map<String, List<ExpressionEvaluator.Message>> messages, boolean ascending, int max,
                             String nextToken) {
        List<Query> returned = queries.stream().filter(q -> q.returnData() == null || q.returnData()).toList();
        long total = 0;
        for (Query q : returned) {
            for (TimeSeries s : byId.get(q.id())) {
                total += s.size();
            }
        }
        int offset;
        try {
            offset = PageTokens.decodeOffset(nextToken, (int) Math.min(Integer.MAX_VALUE, total));
        } catch (PageTokens.InvalidTokenException e) {
            throw new MetricException(MetricException.Reason.INVALID_NEXT_TOKEN, "The service couldn't process the "
                    + "NextToken: " + nextToken);
        }
        long end = Math.min(total, (long) offset + max);
        List<Result> results = new ArrayList<>(returned.size());
        long first = 0;
        for (Query q : returned) {
            for (TimeSeries s : byId.get(q.id())) {
                int n = s.size();
                int from = (int) Math.max(0, Math.min(n, offset - first));
                int to = (int) Math.max(0, Math.min(n, end - first));
                long[] ts = new long[to - from];
                double[] vs = new double[to - from];
                for (int i = from; i < to; i++) {
                    int at = ascending ? i : n - 1 - i;
                    ts[i - from] = s.epochSeconds()[at];
                    vs[i - from] = s.values()[at];
                }
                results.add(new Result(q.id(), s.label(), ts, vs, to < n ? "PartialData" : "Complete",
                        messages.getOrDefault(q.id(), List.of())));
                first += n;
            }
        }
        return new Page(results, end < total ? PageTokens.encodeOffset((int) end) : null);
    }
}
