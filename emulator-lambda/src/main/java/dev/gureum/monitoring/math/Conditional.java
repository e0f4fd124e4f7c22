package dev.gureum.monitoring.math;

import dev.gureum.monitoring.math.MetricMathException.Reason;
import dev.gureum.monitoring.math.Value.Many;
import dev.gureum.monitoring.math.Value.Scalar;
import dev.gureum.monitoring.math.Value.Single;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code IF(condition, trueValue[, falseValue])} as AWS's "Using IF expressions" describes it. A
 * condition value is false when 0, true otherwise. With a series as condition, the result has a
 * datapoint at each timestamp of the condition only: where it is true, the true value's datapoint (0
 * when that series has none there); where false, the false value's datapoint, or none when that series
 * has none there or the false value is omitted. With a number as condition, the result is the true or
 * the false value as a whole (an empty time series when false and no false value is given). A
 * condition that is an array is applied series by series.
 */
final class Conditional {

    private Conditional() {
    }

    static Value evaluate(Evaluation evaluation, Node.Call call) {
        Value condition = evaluation.argument(call, 0);
        Value whenTrue = evaluation.argument(call, 1);
        Value whenFalse = call.arguments().size() > 2 ? evaluation.argument(call, 2) : null;
        if (condition instanceof Scalar scalar) {
            if (scalar.value() != 0) {
                return whenTrue;
            }
            return whenFalse != null ? whenFalse : new Single(TimeSeries.empty(""));
        }
        for (int i = 1; i < call.arguments().size(); i++) {
            Value branch = i == 1 ? whenTrue : whenFalse;
            if (branch instanceof Many) {
                throw new MetricMathException(Reason.INVALID_ARGUMENTS, "Argument " + (i + 1)
                        + " of IF cannot be an array of time series when the condition is a time series",
                        call.arguments().get(i).position());
            }
        }
        if (condition instanceof Single single) {
            return new Single(apply(evaluation, single.series(), whenTrue, whenFalse));
        }
        List<TimeSeries> mapped = new ArrayList<>();
        for (TimeSeries series : ((Many) condition).series()) {
            mapped.add(apply(evaluation, series, whenTrue, whenFalse));
        }
        return new Many(mapped);
    }

    private static TimeSeries apply(Evaluation evaluation, TimeSeries condition, Value whenTrue, Value whenFalse) {
        SeriesBuilder result = new SeriesBuilder(evaluation, condition.size());
        for (int i = 0; i < condition.size(); i++) {
            long t = condition.timestamp(i);
            if (condition.value(i) != 0) {
                if (whenTrue instanceof Scalar scalar) {
                    result.add(t, scalar.value());
                } else {
                    TimeSeries series = ((Single) whenTrue).series();
                    int at = series.indexOf(t);
                    result.add(t, at >= 0 ? series.value(at) : 0);
                }
            } else if (whenFalse instanceof Scalar scalar) {
                result.add(t, scalar.value());
            } else if (whenFalse instanceof Single single) {
                int at = single.series().indexOf(t);
                if (at >= 0) {
                    result.add(t, single.series().value(at));
                }
            }
        }
        String label = whenTrue instanceof Single single ? single.series().label() : condition.label();
        return result.build(label);
    }
}
