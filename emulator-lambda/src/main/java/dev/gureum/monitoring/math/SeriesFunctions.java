package dev.gureum.monitoring.math;

import dev.gureum.monitoring.math.MetricMathException.Reason;
import dev.gureum.monitoring.math.Value.Many;
import dev.gureum.monitoring.math.Value.Scalar;
import dev.gureum.monitoring.math.Value.Single;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Functions that turn each time series into another: DIFF, RATE, FILL, the calendar functions... */
final class SeriesFunctions {

    private SeriesFunctions() {
    }

    private interface SeriesMap {
        TimeSeries apply(TimeSeries series);
    }

    /** Applies a function to a series, or to each series of an array. */
    private static Value map(Value value, SeriesMap function) {
        if (value instanceof Single single) {
            return new Single(function.apply(single.series()));
        }
        List<TimeSeries> mapped = new ArrayList<>();
        for (TimeSeries series : ((Many) value).series()) {
            mapped.add(function.apply(series));
        }
        return new Many(mapped);
    }

    /**
     * DIFF (each value minus the one before), DIFF_TIME (seconds since the datapoint before), RATE (DIFF
     * divided by DIFF_TIME: change per second) and RUNNING_SUM. The first datapoint has no predecessor,
     * so DIFF, DIFF_TIME and RATE have no value there.
     */
    static Value sequential(Evaluation evaluation, Node.Call call) {
        MathFunction function = call.function();
        return map(evaluation.seriesArgument(call, 0), series -> {
            SeriesBuilder result = new SeriesBuilder(evaluation, series.size());
            double sum = 0;
            for (int i = 0; i < series.size(); i++) {
                long t = series.timestamp(i);
                if (function == MathFunction.RUNNING_SUM) {
                    sum += series.value(i);
                    result.add(t, sum);
                } else if (i > 0) {
                    double change = series.value(i) - series.value(i - 1);
                    long seconds = t - series.timestamp(i - 1);
                    result.add(t, switch (function) {
                        case DIFF -> change;
                        case DIFF_TIME -> seconds;
                        default -> change / seconds;
                    });
                }
            }
            return result.build(series.label());
        });
    }

    /**
     * MINUTE, HOUR, DAY (1 Monday ... 7 Sunday), DATE (day of the month), MONTH (1 January), YEAR and
     * EPOCH (seconds since 1970) of each timestamp, in UTC, over the whole window at the period: a
     * series without gaps whatever gaps the argument has.
     */
    static Value calendar(Evaluation evaluation, Node.Call call) {
        MathFunction function = call.function();
        long[] grid = evaluation.context.grid();
        return map(evaluation.seriesArgument(call, 0), series -> {
            double[] values = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                LocalDateTime time = LocalDateTime.ofEpochSecond(grid[i], 0, ZoneOffset.UTC);
                values[i] = switch (function) {
                    case MINUTE -> time.getMinute();
                    case HOUR -> time.getHour();
                    case DAY -> time.getDayOfWeek().getValue();
                    case DATE -> time.getDayOfMonth();
                    case MONTH -> time.getMonthValue();
                    case YEAR -> time.getYear();
                    default -> grid[i];
                };
            }
            return TimeSeries.owned(series.label(), grid.clone(), values);
        });
    }

    /** TIME_SERIES(number): the number at every timestamp of the window. */
    static Value timeSeries(Evaluation evaluation, Node.Call call) {
        double value = evaluation.scalarArgument(call, 0);
        long[] grid = evaluation.context.grid();
        SeriesBuilder result = new SeriesBuilder(evaluation, grid.length);
        for (long t : grid) {
            result.add(t, value);
        }
        return new Single(result.build(""));
    }

    /**
     * FILL(series, filler): a datapoint at every timestamp of the window. Where the series has none,
     * the filler gives it: a number; another series' datapoint at that timestamp (none if it has none);
     * REPEAT, the series' latest datapoint before; LINEAR, the value on the straight line between the
     * datapoints before and after the gap. REPEAT leaves the gap before the first datapoint, and LINEAR
     * the gaps before the first and after the last, empty: there is nothing to repeat or interpolate.
     */
    static Value fill(Evaluation evaluation, Node.Call call) {
        Value target = evaluation.seriesArgument(call, 0);
        Node fillerNode = call.arguments().get(1);
        String keyword = fillerNode instanceof Node.Keyword word ? word.word() : null;
        Value filler = keyword == null ? evaluation.argument(call, 1) : null;
        if (filler instanceof Many) {
            throw new MetricMathException(Reason.INVALID_ARGUMENTS,
                    "Argument 2 of FILL must be a number, a time series, REPEAT or LINEAR", fillerNode.position());
        }
        long[] grid = evaluation.context.grid();
        return map(target, series -> {
            long[] at = SeriesBuilder.union(grid, series.timestampsShared());
            SeriesBuilder result = new SeriesBuilder(evaluation, at.length);
            int next = 0; // the index of the series' first datapoint at or after the current timestamp
            for (long t : at) {
                if (next < series.size() && series.timestamp(next) == t) {
                    result.add(t, series.value(next++));
                    continue;
                }
                if (filler instanceof Scalar scalar) {
                    result.add(t, scalar.value());
                } else if (filler instanceof Single single) {
                    int index = single.series().indexOf(t);
                    if (index >= 0) {
                        result.add(t, single.series().value(index));
                    }
                } else if (keyword.equals("REPEAT")) {
                    if (next > 0) {
                        result.add(t, series.value(next - 1));
                    }
                } else if (next > 0 && next < series.size()) {
                    long t0 = series.timestamp(next - 1);
                    long t1 = series.timestamp(next);
                    double v0 = series.value(next - 1);
                    double v1 = series.value(next);
                    result.add(t, v0 + (v1 - v0) * (t - t0) / (t1 - t0));
                }
            }
            return result.build(series.label());
        });
    }
}
