package dev.gureum.monitoring.math;

import dev.gureum.monitoring.math.Value.Many;
import dev.gureum.monitoring.math.Value.Scalar;
import dev.gureum.monitoring.math.Value.Single;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The statistics functions (SUM, AVG...) and those that select series from an array (SORT, SLICE...). */
final class ArrayFunctions {

    private ArrayFunctions() {
    }

    /**
     * SUM, AVG, MIN, MAX, STDDEV and DATAPOINT_COUNT. Of a single time series: a number, the statistic
     * of all its datapoints (AVG, MIN, MAX and STDDEV of no datapoints are not a number, so that a
     * series computed from them has no datapoints). Of an array: a time series with, at each timestamp
     * any of the array's series has, the statistic across the series; AVG counts a series without a
     * datapoint there as 0 (AWS: "Missing values are treated as 0"), MIN, MAX and STDDEV take the
     * datapoints present, DATAPOINT_COUNT counts them. STDDEV is the population standard deviation.
     */
    static Value aggregate(Evaluation evaluation, Node.Call call) {
        Value value = evaluation.seriesArgument(call, 0);
        MathFunction function = call.function();
        if (value instanceof Single single) {
            return new Scalar(statistic(function, single.series().valuesShared()));
        }
        List<TimeSeries> array = ((Many) value).series();
        long[] at = timestampsOf(array);
        int n = at.length;
        double[] sum = new double[n];
        double[] squares = new double[n];
        double[] min = new double[n];
        double[] max = new double[n];
        int[] count = new int[n];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (TimeSeries series : array) {
            int k = 0;
            for (int i = 0; i < series.size(); i++) {
                long t = series.timestamp(i);
                while (at[k] < t) {
                    k++;
                }
                double v = series.value(i);
                sum[k] += v;
                squares[k] += v * v;
                min[k] = Math.min(min[k], v);
                max[k] = Math.max(max[k], v);
                count[k]++;
            }
        }
        SeriesBuilder result = new SeriesBuilder(evaluation, n);
        for (int k = 0; k < n; k++) {
            result.add(at[k], switch (function) {
                case SUM -> sum[k];
                case AVG -> sum[k] / array.size();
                case MIN -> min[k];
                case MAX -> max[k];
                case DATAPOINT_COUNT -> count[k];
                default -> Math.sqrt(Math.max(0, squares[k] / count[k] - (sum[k] / count[k]) * (sum[k] / count[k])));
            });
        }
        return new Single(result.build(""));
    }

    static double statistic(MathFunction function, double[] values) {
        if (function == MathFunction.DATAPOINT_COUNT) {
            return values.length;
        }
        if (values.length == 0) {
            return function == MathFunction.SUM ? 0 : Double.NaN;
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / values.length;
        return switch (function) {
            case SUM -> sum;
            case AVG -> mean;
            case MIN -> min;
            case MAX -> max;
            default -> {
                double squares = 0;
                for (double v : values) {
                    squares += (v - mean) * (v - mean);
                }
                yield Math.sqrt(squares / values.length);
            }
        };
    }

    /** Every timestamp of any of the series, ascending, once. */
    private static long[] timestampsOf(List<TimeSeries> array) {
        long[] at = new long[0];
        for (TimeSeries series : array) {
            at = SeriesBuilder.union(at, series.timestampsShared());
        }
        return at;
    }

    /** METRICS(): the metric queries of the request (not the expressions), those whose id contains the filter. */
    static Value metrics(Evaluation evaluation, Node.Call call) {
        String filter = call.arguments().isEmpty() ? "" : ((Node.Text) call.arguments().get(0)).text();
        List<TimeSeries> series = new ArrayList<>();
        for (String id : evaluation.context.metricIds()) {
            if (id.contains(filter)) {
                series.add(evaluation.context.query(id).orElseThrow().single());
            }
        }
        return new Many(series);
    }

    /**
     * FIRST, LAST, SLICE, SORT, REMOVE_EMPTY, METRIC_COUNT and CONCAT: functions of an array as a whole.
     * A single time series is taken as an array of one.
     */
    static Value select(Evaluation evaluation, Node.Call call) {
        List<TimeSeries> array = Value.asList(evaluation.seriesArgument(call, 0));
        return switch (call.function()) {
            case FIRST -> new Single(array.isEmpty() ? TimeSeries.empty("") : array.get(0));
            case LAST -> new Single(array.isEmpty() ? TimeSeries.empty("") : array.get(array.size() - 1));
            case METRIC_COUNT -> new Scalar(array.size());
            case REMOVE_EMPTY -> new Many(array.stream().filter(series -> !series.isEmpty()).toList());
            case SLICE -> slice(evaluation, call, array);
            case SORT -> sort(evaluation, call, array);
            default -> {
                List<TimeSeries> all = new ArrayList<>(array);
                for (int i = 1; i < call.arguments().size(); i++) {
                    all.addAll(Value.asList(evaluation.seriesArgument(call, i)));
                }
                yield new Many(all);
            }
        };
    }

    /** SLICE(array, from[, to]): the series from index {@code from} (inclusive, 0-based) to {@code to} (exclusive). */
    private static Value slice(Evaluation evaluation, Node.Call call, List<TimeSeries> array) {
        int from = index(evaluation.scalarArgument(call, 1), array.size());
        int to = call.arguments().size() > 2 ? index(evaluation.scalarArgument(call, 2), array.size()) : array.size();
        return new Many(from < to ? array.subList(from, to) : List.of());
    }

    /**
     * SORT(array, AVG|MIN|MAX|SUM, ASC|DESC[, limit]): the series ordered by the statistic of their
     * datapoints, series with equal statistics in their order before; series without datapoints last.
     */
    private static Value sort(Evaluation evaluation, Node.Call call, List<TimeSeries> array) {
        MathFunction by = MathFunction.named(((Node.Keyword) call.arguments().get(1)).word());
        boolean descending = ((Node.Keyword) call.arguments().get(2)).word().equals("DESC");
        int limit = call.arguments().size() > 3 ? index(evaluation.scalarArgument(call, 3), array.size()) : array.size();
        record Keyed(TimeSeries series, double key) {
        }
        Comparator<Keyed> byKey = Comparator.comparingDouble(Keyed::key);
        Comparator<Keyed> order = Comparator.comparing((Keyed keyed) -> Double.isNaN(keyed.key()))
                .thenComparing(descending ? byKey.reversed() : byKey);
        List<TimeSeries> sorted = array.stream()
                .map(series -> new Keyed(series, series.isEmpty() ? Double.NaN : statistic(by, series.valuesShared())))
                .sorted(order)
                .limit(limit)
                .map(Keyed::series)
                .toList();
        return new Many(sorted);
    }

    private static int index(double value, int size) {
        if (Double.isNaN(value)) {
            return 0;
        }
        return (int) Math.max(0, Math.min(size, Math.floor(value)));
    }
}
