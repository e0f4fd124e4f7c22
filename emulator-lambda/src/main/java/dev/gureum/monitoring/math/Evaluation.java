package dev.gureum.monitoring.math;

import dev.gureum.monitoring.math.MetricMathException.Reason;
import dev.gureum.monitoring.math.Node.BinaryOperator;
import dev.gureum.monitoring.math.Value.Many;
import dev.gureum.monitoring.math.Value.Scalar;
import dev.gureum.monitoring.math.Value.Single;

import java.util.ArrayList;
import java.util.List;

/**
 * One evaluation of a parsed expression against a context: walks the tree, applies operators with
 * CloudWatch's alignment rules and hands function calls to {@link SeriesFunctions} and
 * {@link ArrayFunctions}.
 */
final class Evaluation {

    final MathContext context;
    private boolean droppedNonNumeric;

    Evaluation(MathContext context) {
        this.context = context;
    }

    MathResult run(Node root) {
        Value value = evaluate(root);
        MathResult result;
        if (value instanceof Single single) {
            result = MathResult.single(single.series());
        } else if (value instanceof Many many) {
            result = MathResult.array(many.series());
        } else {
            throw new MetricMathException(Reason.SCALAR_RESULT,
                    "The expression returns a number; it must return a time series or an array of time series");
        }
        return droppedNonNumeric ? result.withMessages(List.of(MathMessage.ARITHMETIC_ERROR)) : result;
    }

    void droppedNonNumeric() {
        droppedNonNumeric = true;
    }

    Value evaluate(Node node) {
        if (node instanceof Node.Number number) {
            return new Scalar(number.value());
        }
        if (node instanceof Node.Ref ref) {
            MathResult result = context.query(ref.id()).orElseThrow(() -> new MetricMathException(Reason.UNKNOWN_ID,
                    "Unknown metric or expression id '" + ref.id() + "'", ref.position()));
            return result.isArray() ? new Many(result.series()) : new Single(result.single());
        }
        if (node instanceof Node.ArrayOf array) {
            List<TimeSeries> items = new ArrayList<>();
            for (Node item : array.items()) {
                Value value = evaluate(item);
                if (value instanceof Scalar) {
                    throw new MetricMathException(Reason.INVALID_ARGUMENTS,
                            "An array holds time series, not numbers", item.position());
                }
                items.addAll(Value.asList(value));
            }
            return new Many(items);
        }
        if (node instanceof Node.Unary unary) {
            Value operand = evaluate(unary.operand());
            return unary.operator() == Node.UnaryOperator.NEGATE
                    ? pointwise(operand, v -> -v)
                    : pointwise(operand, v -> v == 0 ? 1 : 0);
        }
        if (node instanceof Node.Binary binary) {
            return binary(binary, evaluate(binary.left()), evaluate(binary.right()));
        }
        if (node instanceof Node.Call call) {
            return call(call);
        }
        // words and strings are taken by the functions that accept them; the parser allows them nowhere else
        throw new MetricMathException(Reason.SYNTAX, "Unexpected argument", node.position());
    }

    private Value call(Node.Call call) {
        return switch (call.function()) {
            case ABS -> pointwise(argument(call, 0), Math::abs);
            case CEIL -> pointwise(argument(call, 0), Math::ceil);
            case FLOOR -> pointwise(argument(call, 0), Math::floor);
            case LOG -> pointwise(argument(call, 0), Math::log);
            case LOG10 -> pointwise(argument(call, 0), Math::log10);
            case DIFF, DIFF_TIME, RATE, RUNNING_SUM -> SeriesFunctions.sequential(this, call);
            case MINUTE, HOUR, DAY, DATE, MONTH, YEAR, EPOCH -> SeriesFunctions.calendar(this, call);
            case TIME_SERIES -> SeriesFunctions.timeSeries(this, call);
            case FILL -> SeriesFunctions.fill(this, call);
            case IF -> Conditional.evaluate(this, call);
            case PERIOD -> period(call);
            case SUM, AVG, MIN, MAX, STDDEV, DATAPOINT_COUNT -> ArrayFunctions.aggregate(this, call);
            case METRICS -> ArrayFunctions.metrics(this, call);
            case FIRST, LAST, SLICE, SORT, REMOVE_EMPTY, METRIC_COUNT, CONCAT -> ArrayFunctions.select(this, call);
            default -> throw new MetricMathException(Reason.UNSUPPORTED,
                    "The function " + call.function() + " is not supported by Gureum", call.position());
        };
    }

    Value argument(Node.Call call, int index) {
        return evaluate(call.arguments().get(index));
    }

    /** The argument as a time series or an array of them; a number is refused. */
    Value seriesArgument(Node.Call call, int index) {
        Value value = argument(call, index);
        if (value instanceof Scalar) {
            throw new MetricMathException(Reason.INVALID_ARGUMENTS, "Argument " + (index + 1) + " of "
                    + call.function() + " must be a time series or an array of time series, not a number",
                    call.arguments().get(index).position());
        }
        return value;
    }

    /** The argument as a number; a time series is refused. */
    double scalarArgument(Node.Call call, int index) {
        Value value = argument(call, index);
        if (value instanceof Scalar scalar) {
            return scalar.value();
        }
        throw new MetricMathException(Reason.INVALID_ARGUMENTS, "Argument " + (index + 1) + " of "
                + call.function() + " must be a number", call.arguments().get(index).position());
    }

    private Value period(Node.Call call) {
        Node.Ref ref = (Node.Ref) call.arguments().get(0);
        var period = context.metricPeriod(ref.id());
        if (period.isPresent()) {
            return new Scalar(period.getAsInt());
        }
        if (context.query(ref.id()).isPresent()) {
            throw new MetricMathException(Reason.INVALID_ARGUMENTS,
                    "PERIOD takes the id of a metric, not of an expression", ref.position());
        }
        throw new MetricMathException(Reason.UNKNOWN_ID, "Unknown metric or expression id '" + ref.id() + "'",
                ref.position());
    }

    interface Pointwise {
        double apply(double value);
    }

    /** A function of each value: of a number, of each datapoint of a series, of each series of an array. */
    Value pointwise(Value value, Pointwise function) {
        if (value instanceof Scalar scalar) {
            return new Scalar(function.apply(scalar.value()));
        }
        if (value instanceof Single single) {
            return new Single(pointwise(single.series(), function));
        }
        List<TimeSeries> mapped = new ArrayList<>();
        for (TimeSeries series : ((Many) value).series()) {
            mapped.add(pointwise(series, function));
        }
        return new Many(mapped);
    }

    TimeSeries pointwise(TimeSeries series, Pointwise function) {
        SeriesBuilder result = new SeriesBuilder(this, series.size());
        for (int i = 0; i < series.size(); i++) {
            result.add(series.timestamp(i), function.apply(series.value(i)));
        }
        return result.build(series.label());
    }

    /**
     * An operator between two operands. A number with a series applies to each datapoint of the series;
     * two series combine at every timestamp either has, a missing datapoint counting as 0 (AWS: "Missing
     * values in a time series are treated as 0"); an array applies the operator to each of its series.
     */
    private Value binary(Node.Binary node, Value left, Value right) {
        BinaryOperator operator = node.operator();
        if (left instanceof Scalar a && right instanceof Scalar b) {
            return new Scalar(operator.apply(a.value(), b.value()));
        }
        if (left instanceof Many && right instanceof Many) {
            throw new MetricMathException(Reason.INVALID_ARGUMENTS, "The operator " + operator.symbol
                    + " cannot combine two arrays of time series", node.position());
        }
        if (left instanceof Many many) {
            List<TimeSeries> mapped = new ArrayList<>();
            for (TimeSeries series : many.series()) {
                mapped.add(((Single) binary(node, new Single(series), right)).series());
            }
            return new Many(mapped);
        }
        if (right instanceof Many many) {
            List<TimeSeries> mapped = new ArrayList<>();
            for (TimeSeries series : many.series()) {
                mapped.add(((Single) binary(node, left, new Single(series))).series());
            }
            return new Many(mapped);
        }
        if (left instanceof Single a && right instanceof Scalar b) {
            double scalar = b.value();
            return new Single(pointwise(a.series(), v -> operator.apply(v, scalar)));
        }
        if (left instanceof Scalar a && right instanceof Single b) {
            double scalar = a.value();
            return new Single(pointwise(b.series(), v -> operator.apply(scalar, v)));
        }
        return new Single(combine(((Single) left).series(), ((Single) right).series(), operator));
    }

    private TimeSeries combine(TimeSeries a, TimeSeries b, BinaryOperator operator) {
        long[] at = SeriesBuilder.union(a.timestampsShared(), b.timestampsShared());
        SeriesBuilder result = new SeriesBuilder(this, at.length);
        int i = 0;
        int j = 0;
        for (long t : at) {
            double x = 0;
            double y = 0;
            if (i < a.size() && a.timestamp(i) == t) {
                x = a.value(i++);
            }
            if (j < b.size() && b.timestamp(j) == t) {
                y = b.value(j++);
            }
            result.add(t, operator.apply(x, y));
        }
        return result.build(a.label());
    }
}
