package dev.gureum.monitoring.math;

import dev.gureum.monitoring.math.MetricMathException.Reason;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Entry points of metric math: parsing an expression, and evaluating the expressions of a request. */
public final class MetricMath {

    private MetricMath() {
    }

    /**
     * Parses a metric math expression.
     *
     * @throws MetricMathException with the reason and position of the first problem: a syntax error,
     *                             an unknown function, arguments that cannot fit their function, or a
     *                             function Gureum does not emulate
     */
    public static MetricMathExpression parse(String expression) {
        return new MetricMathExpression(expression, ExpressionParser.parse(expression));
    }

    /**
     * Evaluates the expressions of one request, each after those it names, so that an expression can
     * use the results of others.
     *
     * @param metrics     the window, the period and the metric queries' series
     * @param expressions the expression queries, in request order
     * @return each expression's result by id, in the order given, labelled as CloudWatch labels it
     *         ({@link MathResult#relabelled}); other expressions see these labels too
     * @throws MetricMathException for the first expression that fails, {@linkplain MetricMathException#inQuery
     *                             with its id}; {@link Reason#CIRCULAR_REFERENCE} when expressions depend
     *                             on themselves
     */
    public static Map<String, MathResult> evaluateAll(MathContext metrics, List<ExpressionQuery> expressions) {
        Map<String, ExpressionQuery> byId = new LinkedHashMap<>();
        for (ExpressionQuery query : expressions) {
            byId.put(query.id(), query);
        }
        Evaluator evaluator = new Evaluator(byId, metrics);
        for (ExpressionQuery query : expressions) {
            evaluator.evaluate(query, new HashSet<>());
        }
        Map<String, MathResult> results = new LinkedHashMap<>();
        for (ExpressionQuery query : expressions) {
            results.put(query.id(), evaluator.results.get(query.id()));
        }
        return Collections.unmodifiableMap(results);
    }

    private static final class Evaluator {
        private final Map<String, ExpressionQuery> byId;
        private final Map<String, MathResult> results = new LinkedHashMap<>();
        private MathContext context;

        Evaluator(Map<String, ExpressionQuery> byId, MathContext context) {
            this.byId = byId;
            this.context = context;
        }

        void evaluate(ExpressionQuery query, Set<String> underWay) {
            if (results.containsKey(query.id())) {
                return;
            }
            if (!underWay.add(query.id())) {
                throw new MetricMathException(Reason.CIRCULAR_REFERENCE,
                        "Circular reference: the expression depends on its own result").inQuery(query.id());
            }
            for (String id : query.expression().referencedIds()) {
                ExpressionQuery dependency = byId.get(id);
                if (dependency != null) {
                    evaluate(dependency, underWay);
                }
            }
            MathResult result;
            try {
                result = query.expression().evaluate(context).relabelled(query.id(), query.label());
            } catch (MetricMathException e) {
                throw e.queryId() == null ? e.inQuery(query.id()) : e;
            }
            results.put(query.id(), result);
            context = context.withExpression(query.id(), result);
            underWay.remove(query.id());
        }
    }
}
