package dev.gureum.monitoring.math;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A parsed metric math expression (see {@link MetricMath#parse}). Immutable and thread-safe: parse
 * once, evaluate as often as needed, against any {@link MathContext}.
 */
public final class MetricMathExpression {

    private final String text;
    private final Node root;
    private final Set<String> referencedIds;
    private final boolean usesMetrics;

    MetricMathExpression(String text, Node root) {
        this.text = text;
        this.root = root;
        Set<String> ids = new LinkedHashSet<>();
        this.usesMetrics = collect(root, ids);
        this.referencedIds = Collections.unmodifiableSet(ids);
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    /** The ids of other queries the expression names, in order of first appearance. */
    public Set<String> referencedIds() {
        return referencedIds;
    }

    /** Whether the expression calls {@code METRICS()}, and so reads every metric query of the request. */
    public boolean usesMetrics() {
        return usesMetrics;
    }

    /**
     * Evaluates the expression.
     *
     * @return a single time series or an array of them, with its series labelled as the evaluation
     *         gives them: label them for a response with {@link MathResult#labelled}
     * @throws MetricMathException when an id names no query, arguments do not fit their function once
     *                             evaluated, or the result is a number
     */
    public MathResult evaluate(MathContext context) {
        return new Evaluation(context).run(root);
    }

    private static boolean collect(Node node, Set<String> ids) {
        if (node instanceof Node.Ref ref) {
            ids.add(ref.id());
            return false;
        }
        boolean metrics = false;
        if (node instanceof Node.Call call) {
            metrics = call.function() == MathFunction.METRICS;
            for (Node argument : call.arguments()) {
                metrics |= collect(argument, ids);
            }
        } else if (node instanceof Node.ArrayOf array) {
            for (Node item : array.items()) {
                metrics |= collect(item, ids);
            }
        } else if (node instanceof Node.Unary unary) {
            metrics = collect(unary.operand(), ids);
        } else if (node instanceof Node.Binary binary) {
            metrics = collect(binary.left(), ids) | collect(binary.right(), ids);
        }
        return metrics;
    }

    @Override
    public String toString() {
        return text;
    }
}
