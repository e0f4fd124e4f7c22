package dev.gureum.monitoring.math;

import java.util.List;

/** A parsed expression: the tree the parser builds and the evaluator walks. Positions count from 1. */
sealed interface Node {

    int position();

    /** A number literal. */
    record Number(double value, int position) implements Node {
    }

    /** The id of another query of the request. */
    record Ref(String id, int position) implements Node {
    }

    /** A string literal (the filter of {@code METRICS("errors")}). */
    record Text(String text, int position) implements Node {
    }

    /** An upper-case word that is an argument of a function: {@code REPEAT}, {@code LINEAR}, {@code ASC}, {@code AVG}... */
    record Keyword(String word, int position) implements Node {
    }

    /** {@code [a, b, ...]}: an array of time series. */
    record ArrayOf(List<Node> items, int position) implements Node {
        public ArrayOf {
            items = List.copyOf(items);
        }
    }

    /** {@code -x} or {@code NOT x}. */
    record Unary(UnaryOperator operator, Node operand, int position) implements Node {
    }

    /** {@code a + b}, {@code a < b}, {@code a AND b}... */
    record Binary(BinaryOperator operator, Node left, Node right, int position) implements Node {
    }

    /** A function call. */
    record Call(MathFunction function, List<Node> arguments, int position) implements Node {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    enum UnaryOperator { NEGATE, NOT }

    enum BinaryOperator {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), POWER("^"),
        LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">="), EQUAL("=="), NOT_EQUAL("!="),
        AND("AND"), OR("OR");

        final String symbol;

        BinaryOperator(String symbol) {
            this.symbol = symbol;
        }

        double apply(double a, double b) {
            return switch (this) {
                case ADD -> a + b;
                case SUBTRACT -> a - b;
                case MULTIPLY -> a * b;
                case DIVIDE -> a / b;
                case POWER -> Math.pow(a, b);
                case LESS -> a < b ? 1 : 0;
                case LESS_OR_EQUAL -> a <= b ? 1 : 0;
                case GREATER -> a > b ? 1 : 0;
                case GREATER_OR_EQUAL -> a >= b ? 1 : 0;
                case EQUAL -> a == b ? 1 : 0;
                case NOT_EQUAL -> a != b ? 1 : 0;
                case AND -> a != 0 && b != 0 ? 1 : 0;
                case OR -> a != 0 || b != 0 ? 1 : 0;
            };
        }
    }
}
