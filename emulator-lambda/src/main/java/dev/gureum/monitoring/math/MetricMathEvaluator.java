package dev.gureum.monitoring.math;

import dev.gureum.monitoring.metrics.ExpressionEvaluator;
import dev.gureum.monitoring.metrics.MetricException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics service's {@link ExpressionEvaluator}: GetMetricData's expressions (and a metric-math alarm's)
 * are parsed and evaluated by {@link MetricMath}; what it refuses is CloudWatch's {@code ValidationError}.
 */
public final class MetricMathEvaluator implements ExpressionEvaluator {

    @Override
    public Map<String, Evaluated> evaluate(List<Input> metrics, List<Expression> expressions, Instant start,
                                           Instant end, int period) {
        try {
            List<ExpressionQuery> queries = new ArrayList<>(expressions.size());
            for (Expression e : expressions) {
                try {
                    queries.add(new ExpressionQuery(e.id(), MetricMath.parse(e.text()), e.label()));
                } catch (MetricMathException failure) {
                    throw failure.inQuery(e.id());
                }
            }
            MathContext.Builder context = MathContext.builder(start, end, period);
            for (Input m : metrics) {
                context.metric(m.id(), series(m.series()), m.period());
            }
            Map<String, MathResult> results = MetricMath.evaluateAll(context.build(), queries);
            Map<String, Evaluated> evaluated = new LinkedHashMap<>();
            for (Map.Entry<String, MathResult> e : results.entrySet()) {
                List<dev.gureum.monitoring.metrics.TimeSeries> series = new ArrayList<>();
                for (TimeSeries s : e.getValue().series()) {
                    series.add(new dev.gureum.monitoring.metrics.TimeSeries(s.label(), s.timestamps(), s.values()));
                }
                List<Message> messages = e.getValue().messages().stream()
                        .map(m -> new Message(m.code(), m.value())).toList();
                evaluated.put(e.getKey(), new Evaluated(series, messages));
            }
            return evaluated;
        } catch (MetricMathException e) {
            throw MetricException.validation(e.clientMessage());
        }
    }

    private static TimeSeries series(dev.gureum.monitoring.metrics.TimeSeries s) {
        long[] timestamps = s.epochSeconds();
        double[] values = s.values();
        int finite = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                finite++;
            }
        }
        if (finite < values.length) {
            long[] t = new long[finite];
            double[] v = new double[finite];
            for (int i = 0, j = 0; i < values.length; i++) {
                if (Double.isFinite(values[i])) {
                    t[j] = timestamps[i];
                    v[j++] = values[i];
                }
            }
            timestamps = t;
            values = v;
        }
        return TimeSeries.of(s.label(), timestamps, values);
    }
}
