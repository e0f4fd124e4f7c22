package dev.gureum.monitoring;

import dev.gureum.monitoring.alarms.AlarmMetrics;
import dev.gureum.monitoring.alarms.AlarmQuery;
import dev.gureum.monitoring.alarms.MetricStat;
import dev.gureum.monitoring.metrics.ExpressionEvaluator;
import dev.gureum.monitoring.metrics.MetricData;
import dev.gureum.monitoring.metrics.MetricException;
import dev.gureum.monitoring.metrics.MetricId;
import dev.gureum.monitoring.metrics.MetricStore;
import dev.gureum.monitoring.metrics.Statistic;
import dev.gureum.monitoring.metrics.TimeSeries;
import dev.gureum.monitoring.metrics.Unit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What alarms read: the metric store, as {@code GetMetricStatistics} reads it for a single-metric alarm and
 * as {@code GetMetricData} does (metric math included) for a metric-math alarm.
 */
public final class StoredMetrics implements AlarmMetrics {

    private static final Statistic SAMPLE_COUNT = Statistic.of("SampleCount");

    private final MetricStore store;
    private final MetricData data;

    public StoredMetrics(MetricStore store, ExpressionEvaluator math) {
        this.store = store;
        this.data = new MetricData(store, math);
    }

    @Override
    public List<Datapoint> statistic(String account, String region, MetricStat stat, Instant start, Instant end) {
        MetricId id = metric(stat);
        Unit unit = stat.unit() == null ? null : Unit.of(stat.unit());
        Statistic statistic = Statistic.of(stat.stat());
        if (statistic == null) {
            throw new IllegalArgumentException("unknown statistic " + stat.stat());
        }
        TimeSeries values = store.values(account, region, id, start, end, stat.period(), unit, statistic, null);
        TimeSeries counts = statistic.equals(SAMPLE_COUNT) ? values
                : store.values(account, region, id, start, end, stat.period(), unit, SAMPLE_COUNT, null);
        List<Datapoint> points = new ArrayList<>(values.size());
        for (int i = 0, c = 0; i < values.size(); i++) {
            long second = values.epochSeconds()[i];
            while (c < counts.size() && counts.epochSeconds()[c] < second) {
                c++;
            }
            double count = c < counts.size() && counts.epochSeconds()[c] == second ? counts.values()[c] : Double.NaN;
            points.add(new Datapoint(values.timestamp(i), values.values()[i], count));
        }
        return points;
    }

    @Override
    public List<Datapoint> query(String account, String region, List<AlarmQuery> queries, int period, Instant start,
                                 Instant end) {
        List<MetricData.Query> asked = new ArrayList<>(queries.size());
        for (AlarmQuery q : queries) {
            MetricStat m = q.metricStat();
            asked.add(m == null
                    ? new MetricData.Query(q.id(), null, null, null, null, q.expression(), q.label(), q.returnData(),
                    q.period() != null ? q.period() : period)
                    : new MetricData.Query(q.id(), metric(m), m.period(), m.stat(), m.unit(), null, q.label(),
                    q.returnData(), null));
        }
        MetricData.Page page;
        try {
            page = data.get(account, region, new MetricData.Request(asked, start, end, "TimestampAscending", null,
                    null));
        } catch (MetricException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (page.results().size() != 1) {
            throw new IllegalArgumentException("the expression returns " + page.results().size()
                    + " time series; an alarm watches one");
        }
        MetricData.Result result = page.results().get(0);
        List<Datapoint> points = new ArrayList<>(result.values().length);
        for (int i = 0; i < result.values().length; i++) {
            points.add(new Datapoint(Instant.ofEpochSecond(result.epochSeconds()[i]), result.values()[i], Double.NaN));
        }
        return points;
    }

    private static MetricId metric(MetricStat stat) {
        List<MetricId.Dimension> dimensions = new ArrayList<>(stat.dimensions().size());
        for (MetricStat.Dimension d : stat.dimensions()) {
            dimensions.add(new MetricId.Dimension(d.name(), d.value()));
        }
        return new MetricId(stat.namespace(), stat.metricName(), dimensions);
    }
}
