package dev.gureum.monitoring.math;

import dev.gureum.monitoring.math.MetricMathException.Reason;
import dev.gureum.monitoring.math.Node.BinaryOperator;
import dev.gureum.monitoring.math.Node.UnaryOperator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses metric math text into a {@link Node} tree. Precedence, loosest first: {@code OR ||},
 * {@code AND &&}, {@code NOT}, comparisons ({@code < <= > >= == !=}), {@code + -}, {@code * /},
 * unary {@code -}, {@code ^} (right-associative, so {@code -2^2} is -4 and {@code 2^3^2} is 512).
 */
final class ExpressionParser {

    private static final Set<String> KEYWORDS = Set.of("REPEAT", "LINEAR", "ASC", "DESC");
    private static final List<String> FILL_WORDS = List.of("REPEAT", "LINEAR");
    private static final List<String> SORT_FUNCTIONS = List.of("AVG", "MIN", "MAX", "SUM");
    private static final List<String> SORT_ORDERS = List.of("ASC", "DESC");
    private static final Set<String> TWO_CHARACTER_SYMBOLS = Set.of("<=", ">=", "==", "!=", "&&", "||");

    /** INVALID: text that is no token; its text is the message, given when the parser reaches it. */
    private enum Kind { NUMBER, ID, WORD, TEXT, SYMBOL, INVALID, END }

    private record Token(Kind kind, String text, int position) {
        boolean is(String symbol) {
            return (kind == Kind.SYMBOL || kind == Kind.WORD) && text.equals(symbol);
        }

        String shown() {
            return kind == Kind.END ? "end of expression" : kind == Kind.TEXT ? "\"" + text + "\"" : "'" + text + "'";
        }
    }

    /** Deeper nesting than any real expression has; it would only spend the stack. */
    private static final int MAX_NESTING = 100;

    private final List<Token> tokens;
    private int next;
    private int nesting;

    private ExpressionParser(String source) {
        this.tokens = tokenize(source);
    }

    static Node parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new MetricMathException(Reason.SYNTAX, "The expression is empty");
        }
        if (expression.stripLeading().toUpperCase(Locale.ROOT).startsWith("SELECT ")) {
            throw new MetricMathException(Reason.UNSUPPORTED,
                    "Metrics Insights queries (SELECT ...) are not supported by Gureum");
        }
        ExpressionParser parser = new ExpressionParser(expression);
        Node root = parser.operand(parser.or());
        Token last = parser.peek();
        if (last.kind != Kind.END) {
            throw parser.unexpected(last);
        }
        return root;
    }

    // ---- grammar

    private Node or() {
        if (++nesting > MAX_NESTING) {
            throw new MetricMathException(Reason.SYNTAX, "The expression is nested more than " + MAX_NESTING
                    + " levels deep", peek().position);
        }
        Node left = and();
        while (peek().is("OR") || peek().is("||")) {
            Token op = take();
            left = new Node.Binary(BinaryOperator.OR, operand(left), operand(and()), op.position);
        }
        nesting--;
        return left;
    }

    private Node and() {
        Node left = not();
        while (peek().is("AND") || peek().is("&&")) {
            Token op = take();
            left = new Node.Binary(BinaryOperator.AND, operand(left), operand(not()), op.position);
        }
        return left;
    }

    private Node not() {
        if (peek().is("NOT")) {
            Token op = take();
            return new Node.Unary(UnaryOperator.NOT, operand(not()), op.position);
        }
        return comparison();
    }

    private Node comparison() {
        Node left = additive();
        while (true) {
            BinaryOperator operator = switch (peek().kind == Kind.SYMBOL ? peek().text : "") {
                case "<" -> BinaryOperator.LESS;
                case "<=" -> BinaryOperator.LESS_OR_EQUAL;
                case ">" -> BinaryOperator.GREATER;
                case ">=" -> BinaryOperator.GREATER_OR_EQUAL;
                case "==" -> BinaryOperator.EQUAL;
                case "!=" -> BinaryOperator.NOT_EQUAL;
                default -> null;
            };
            if (operator == null) {
                return left;
            }
            Token op = take();
            left = new Node.Binary(operator, operand(left), operand(additive()), op.position);
        }
    }

    private Node additive() {
        Node left = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            Token op = take();
            BinaryOperator operator = op.text.equals("+") ? BinaryOperator.ADD : BinaryOperator.SUBTRACT;
            left = new Node.Binary(operator, operand(left), operand(multiplicative()), op.position);
        }
        return left;
    }

    private Node multiplicative() {
        Node left = unary();
        while (peek().is("*") || peek().is("/")) {
            Token op = take();
            BinaryOperator operator = op.text.equals("*") ? BinaryOperator.MULTIPLY : BinaryOperator.DIVIDE;
            left = new Node.Binary(operator, operand(left), operand(unary()), op.position);
        }
        return left;
    }

    private Node unary() {
        if (peek().is("-")) {
            Token op = take();
            Node operand = operand(unary());
            if (operand instanceof Node.Number number) {
                return new Node.Number(-number.value(), op.position);
            }
            return new Node.Unary(UnaryOperator.NEGATE, operand, op.position);
        }
        return power();
    }

    private Node power() {
        Node base = primary();
        if (peek().is("^")) {
            Token op = take();
            // the exponent may carry its own sign (2^-1) and is itself a power (right-associative)
            return new Node.Binary(BinaryOperator.POWER, operand(base), operand(unary()), op.position);
        }
        return base;
    }

    private Node primary() {
        Token token = take();
        switch (token.kind) {
            case NUMBER:
                return new Node.Number(Double.parseDouble(token.text), token.position);
            case TEXT:
                return new Node.Text(token.text, token.position);
            case ID:
                if (peek().is("(")) {
                    throw new MetricMathException(Reason.UNKNOWN_FUNCTION, "Unknown function '" + token.text
                            + "' (functions are written in upper case)", token.position);
                }
                return new Node.Ref(token.text, token.position);
            case WORD:
                return word(token);
            case SYMBOL:
                if (token.is("(")) {
                    Node inner = operand(or());
                    expect(")");
                    return inner;
                }
                if (token.is("[")) {
                    List<Node> items = new ArrayList<>();
                    do {
                        items.add(operand(or()));
                    } while (takeIf(","));
                    expect("]");
                    return new Node.ArrayOf(items, token.position);
                }
                throw unexpected(token);
            default:
                throw unexpected(token);
        }
    }

    private Node word(Token token) {
        if (!peek().is("(")) {
            if (KEYWORDS.contains(token.text) || MathFunction.named(token.text) != null) {
                return new Node.Keyword(token.text, token.position);
            }
            throw unexpected(token);
        }
        MathFunction function = MathFunction.named(token.text);
        if (function == null) {
            throw new MetricMathException(Reason.UNKNOWN_FUNCTION, "Unknown function '" + token.text + "'",
                    token.position);
        }
        if (function.unsupported != null) {
            throw new MetricMathException(Reason.UNSUPPORTED, "The function " + function.name()
                    + " is not supported by Gureum: " + function.unsupported, token.position);
        }
        take();
        List<Node> arguments = new ArrayList<>();
        if (!takeIf(")")) {
            do {
                arguments.add(or());
            } while (takeIf(","));
            expect(")");
        }
        if (arguments.size() < function.minArguments || arguments.size() > function.maxArguments) {
            throw new MetricMathException(Reason.INVALID_ARGUMENTS, "The function " + function.name() + " takes "
                    + arity(function) + ", not " + arguments.size(), token.position);
        }
        for (int i = 0; i < arguments.size(); i++) {
            checkArgument(function, i, arguments.get(i));
        }
        return new Node.Call(function, arguments, token.position);
    }

    /** Words and strings are arguments of a few functions only, at known places. */
    private static void checkArgument(MathFunction function, int index, Node argument) {
        List<String> words = wordsTaken(function, index);
        if (argument instanceof Node.Keyword keyword) {
            if (!words.contains(keyword.word())) {
                throw new MetricMathException(Reason.INVALID_ARGUMENTS, "Argument " + (index + 1) + " of "
                        + function.name() + " cannot be " + keyword.word()
                        + (words.isEmpty() ? "" : "; it takes " + either(words)), keyword.position());
            }
        } else if (function == MathFunction.SORT && !words.isEmpty()) {
            throw new MetricMathException(Reason.INVALID_ARGUMENTS, "Argument " + (index + 1) + " of SORT must be "
                    + either(words), argument.position());
        } else if (function == MathFunction.METRICS && !(argument instanceof Node.Text)) {
            throw new MetricMathException(Reason.INVALID_ARGUMENTS,
                    "The argument of METRICS must be a string in double quotes", argument.position());
        } else if (argument instanceof Node.Text text && function != MathFunction.METRICS) {
            throw new MetricMathException(Reason.INVALID_ARGUMENTS, "Argument " + (index + 1) + " of "
                    + function.name() + " cannot be a string", text.position());
        } else if (function == MathFunction.PERIOD && !(argument instanceof Node.Ref)) {
            throw new MetricMathException(Reason.INVALID_ARGUMENTS,
                    "The argument of PERIOD must be the id of a metric", argument.position());
        }
    }

    /** The words a function takes as its argument at this index. */
    private static List<String> wordsTaken(MathFunction function, int index) {
        return switch (function) {
            case FILL -> index == 1 ? FILL_WORDS : List.of();
            case SORT -> index == 1 ? SORT_FUNCTIONS : index == 2 ? SORT_ORDERS : List.of();
            default -> List.of();
        };
    }

    private static String either(List<String> words) {
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static String arity(MathFunction function) {
        if (function.maxArguments == Integer.MAX_VALUE) {
            return "at least " + function.minArguments + " argument" + (function.minArguments == 1 ? "" : "s");
        }
        if (function.minArguments == function.maxArguments) {
            return function.minArguments + " argument" + (function.minArguments == 1 ? "" : "s");
        }
        return function.minArguments + " to " + function.maxArguments + " arguments";
    }

    /** Words and strings cannot be operands, array items or the whole expression. */
    private Node operand(Node node) {
        if (node instanceof Node.Keyword keyword) {
            throw new MetricMathException(Reason.SYNTAX, "Unexpected '" + keyword.word() + "'", keyword.position());
        }
        if (node instanceof Node.Text text) {
            throw new MetricMathException(Reason.SYNTAX, "Unexpected string \"" + text.text() + "\"", text.position());
        }
        return node;
    }

    // ---- tokens

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind != Kind.END) {
            next++;
        }
        return token;
    }

    private boolean takeIf(String symbol) {
        if (peek().is(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        Token token = peek();
        if (token.kind == Kind.INVALID) {
            throw unexpected(token);
        }
        if (!token.is(symbol)) {
            throw new MetricMathException(Reason.SYNTAX, "Expected '" + symbol + "' but found " + token.shown(),
                    token.position);
        }
        next++;
    }

    private MetricMathException unexpected(Token token) {
        if (token.kind == Kind.INVALID) {
            return new MetricMathException(Reason.SYNTAX, token.text, token.position);
        }
        if (token.kind == Kind.END) {
            return new MetricMathException(Reason.SYNTAX, "Unexpected end of expression", token.position);
        }
        return new MetricMathException(Reason.SYNTAX, "Unexpected " + token.shown(), token.position);
    }

    /**
     * The tokens of the text; where the text stops being tokens, an INVALID token ends the list, so that
     * what comes before (an unsupported function, say) is reported first.
     */
    private static List<Token> tokenize(String source) {
        List<Token> tokens = new ArrayList<>();
        try {
            tokenize(source, tokens);
        } catch (MetricMathException e) {
            String message = e.getMessage().substring(0, e.getMessage().lastIndexOf(" at position "));
            tokens.add(new Token(Kind.INVALID, message, e.position()));
        }
        tokens.add(new Token(Kind.END, "", source.length() + 1));
        return tokens;
    }

    private static void tokenize(String source, List<Token> tokens) {
        int i = 0;
        int length = source.length();
        while (i < length) {
            char c = source.charAt(i);
            int position = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isDigit(c) || (c == '.' && i + 1 < length && isDigit(source.charAt(i + 1)))) {
                int end = number(source, i);
                tokens.add(new Token(Kind.NUMBER, source.substring(i, end), position));
                i = end;
            } else if (isLetter(c) || c == '_') {
                int end = i;
                while (end < length && (isLetter(source.charAt(end)) || isDigit(source.charAt(end))
                        || source.charAt(end) == '_')) {
                    end++;
                }
                String word = source.substring(i, end);
                if (c >= 'a' && c <= 'z') {
                    tokens.add(new Token(Kind.ID, word, position));
                } else if (c >= 'A' && c <= 'Z') {
                    tokens.add(new Token(Kind.WORD, word, position));
                } else {
                    throw new MetricMathException(Reason.SYNTAX, "Unexpected '" + word
                            + "' (ids start with a lower-case letter)", position);
                }
                i = end;
            } else if (c == '"') {
                int close = source.indexOf('"', i + 1);
                if (close < 0) {
                    throw new MetricMathException(Reason.SYNTAX, "Unterminated string", position);
                }
                tokens.add(new Token(Kind.TEXT, source.substring(i + 1, close), position));
                i = close + 1;
            } else {
                String symbol = symbol(source, i);
                if (symbol == null) {
                    throw new MetricMathException(Reason.SYNTAX, "Unexpected character '" + c + "'", position);
                }
                tokens.add(new Token(Kind.SYMBOL, symbol, position));
                i += symbol.length();
            }
        }
    }

    private static int number(String source, int start) {
        int i = start;
        int length = source.length();
        while (i < length && isDigit(source.charAt(i))) {
            i++;
        }
        if (i < length && source.charAt(i) == '.') {
            i++;
            while (i < length && isDigit(source.charAt(i))) {
                i++;
            }
        }
        if (i < length && (source.charAt(i) == 'e' || source.charAt(i) == 'E')) {
            int exponent = i + 1;
            if (exponent < length && (source.charAt(exponent) == '+' || source.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < length && isDigit(source.charAt(exponent))) {
                i = exponent;
                while (i < length && isDigit(source.charAt(i))) {
                    i++;
                }
            }
        }
        if (i < length && (isLetter(source.charAt(i)) || source.charAt(i) == '_')) {
            throw new MetricMathException(Reason.SYNTAX, "Unexpected '" + source.charAt(i) + "' after a number", i + 1);
        }
        return i;
    }

    private static String symbol(String source, int i) {
        String two = i + 2 <= source.length() ? source.substring(i, i + 2) : "";
        if (TWO_CHARACTER_SYMBOLS.contains(two)) {
            return two;
        }
        char c = source.charAt(i);
        return "+-*/^()[],<>".indexOf(c) >= 0 ? String.valueOf(c) : null;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
