package dev.gureum.monitoring.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GetMetricStatistics}: CloudWatch's checks, then the statistics of one metric by period. */
public final class MetricStatistics {

    /** The most datapoints one call may ask for. */
    public static final int MAX_DATAPOINTS = 1440;

    /** What the client asked; any member may be missing. */
    public record Request(String namespace, String metricName, List<MetricDataInput.DimensionInput> dimensions,
                          Instant startTime, Instant endTime, Integer period, List<String> statistics,
                          List<String> extendedStatistics, String unit) {
    }

    /** One period's statistics: the standard ones and the percentiles asked for, by name. */
    public record Datapoint(Instant timestamp, Unit unit, Map<String, Double> statistics,
                            Map<String, Double> extendedStatistics) {
    }

    public record Result(String label, List<Datapoint> datapoints) {
    }

    private final MetricStore store;

    public MetricStatistics(MetricStore store) {
        this.store = store;
    }

    public Result get(String account, String region, Request r) {
        MetricDataRules.checkNamespace(r.namespace(), "Namespace");
        if (r.metricName() == null || r.metricName().isEmpty()) {
            throw MetricException.missing("MetricName");
        }
        if (r.startTime() == null) {
            throw MetricException.missing("StartTime");
        }
        if (r.endTime() == null) {
            throw MetricException.missing("EndTime");
        }
        if (r.period() == null) {
            throw MetricException.missing("Period");
        }
        List<String> standard = r.statistics() == null ? List.of() : r.statistics();
        List<String> extended = r.extendedStatistics() == null ? List.of() : r.extendedStatistics();
        if (standard.isEmpty() && extended.isEmpty()) {
            throw MetricException.combination("Must specify either Statistics or ExtendedStatistics.");
        }
        if (!standard.isEmpty() && !extended.isEmpty()) {
            throw MetricException.combination("Must specify either Statistics or ExtendedStatistics, but not both.");
        }
        List<Statistic> stats = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < standard.size(); i++) {
            Statistic s = Statistic.standard(standard.get(i));
            if (s == null) {
                throw MetricException.invalid("The parameter Statistics.member." + (i + 1)
                        + " must be a value in the set [ SampleCount, Average, Sum, Minimum, Maximum ].");
            }
            if (names.add(s.name())) {
                stats.add(s);
            }
        }
        if (standard.size() > 5) {
            throw MetricException.invalid("The collection Statistics must not have a size greater than 5.");
        }
        if (extended.size() > 10) {
            throw MetricException.invalid("The collection ExtendedStatistics must not have a size greater than 10.");
        }
        for (int i = 0; i < extended.size(); i++) {
            Statistic s = Statistic.extended(extended.get(i));
            if (s == null) {
                throw MetricException.invalid("The value " + extended.get(i)
                        + " for parameter ExtendedStatistics.member." + (i + 1) + " is not supported.");
            }
            if (names.add(s.name())) {
                stats.add(s);
            }
        }
        Unit unit = null;
        if (r.unit() != null) {
            unit = Unit.of(r.unit());
            if (unit == null) {
                throw MetricException.invalidValue(r.unit(), "Unit");
            }
        }
        List<MetricId.Dimension> dims = MetricDataRules.dimensions(r.dimensions(), "Dimensions");
        int period = r.period();
        if (period <= 0) {
            throw MetricException.invalid("The parameter Period must be greater than 0.");
        }
        if (!MetricDataRules.validPeriod(period)) {
            throw MetricException.invalid("The parameter Period must be 1, 5, 10, 30, 60, or any multiple of 60.");
        }
        if (!r.startTime().isBefore(r.endTime())) {
            throw MetricException.invalid("The parameter StartTime must be less than the parameter EndTime.");
        }
        long span = r.endTime().getEpochSecond() - r.startTime().getEpochSecond();
        long requested = (span + period - 1) / period;
        if (requested > MAX_DATAPOINTS) {
            throw MetricException.combination(String.format(java.util.Locale.US,
                    "You have requested up to %,d datapoints, which exceeds the limit of %,d. You may reduce the "
                            + "datapoints requested by increasing Period, or decreasing the time range.",
                    requested, MAX_DATAPOINTS));
        }
        MetricId id = new MetricId(r.namespace(), r.metricName(), dims);
        boolean percentiles = stats.stream().anyMatch(Statistic::isExtended);
        MetricStore.Series series = store.statistics(account, region, id, r.startTime(), r.endTime(), period, unit,
                percentiles);
        List<Datapoint> points = new ArrayList<>(series.buckets().size());
        Unit pointUnit = unit != null ? unit : series.unit() == null ? Unit.NONE : series.unit();
        for (Map.Entry<Long, Bucket> b : series.buckets().entrySet()) {
            Map<String, Double> values = new LinkedHashMap<>();
            Map<String, Double> percentileValues = new LinkedHashMap<>();
            for (Statistic s : stats) {
                double v = s.of(b.getValue());
                if (!Double.isNaN(v)) {
                    (s.isExtended() ? percentileValues : values).put(s.name(), v);
                }
            }
            points.add(new Datapoint(Instant.ofEpochSecond(b.getKey()), pointUnit, values, percentileValues));
        }
        return new Result(r.metricName(), points);
    }
}
