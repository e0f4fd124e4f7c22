package dev.gureum.monitoring.alarms;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A composite alarm's rule, parsed: {@code ALARM(name)}, {@code OK(name)}, {@code INSUFFICIENT_DATA(name)} (a
 * name in double quotes or not, or an alarm's ARN), {@code TRUE}, {@code FALSE}, {@code NOT}, {@code AND},
 * {@code OR} and parentheses; {@code NOT} binds tightest, then {@code AND}, then {@code OR}.
 */
public final class AlarmRule {

    /** The most alarms one rule may name. */
    public static final int MAX_ALARMS = 100;

    /** A node of the rule. */
    public sealed interface Node permits StateOf, Constant, Not, And, Or {
    }

    /** {@code ALARM("name")}: whether the alarm named is in {@code state}. */
    public record StateOf(AlarmState state, String alarm) implements Node {
    }

    public record Constant(boolean value) implements Node {
    }

    public record Not(Node operand) implements Node {
    }

    public record And(Node left, Node right) implements Node {
    }

    public record Or(Node left, Node right) implements Node {
    }

    private final String text;
    private final Node root;

    private AlarmRule(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    public String text() {
        return text;
    }

    public Node root() {
        return root;
    }

    /**
     * Parses a rule.
     *
     * @throws AlarmRefusal ({@code InvalidParameterValue}) when the rule is not one
     */
    public static AlarmRule parse(String text) {
        Parser p = new Parser(text);
        Node root = p.or();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return new AlarmRule(text, root);
    }

    /** The alarms the rule names (names or ARNs, as written), in order, once each. */
    public Set<String> alarms() {
        Set<String> names = new LinkedHashSet<>();
        collect(root, names);
        return names;
    }

    private static void collect(Node node, Set<String> names) {
        if (node instanceof StateOf s) {
            names.add(s.alarm());
        } else if (node instanceof Not n) {
            collect(n.operand(), names);
        } else if (node instanceof And a) {
            collect(a.left(), names);
            collect(a.right(), names);
        } else if (node instanceof Or o) {
            collect(o.left(), names);
            collect(o.right(), names);
        }
    }

    /** Whether the rule holds, {@code stateOf} answering each named alarm's state. */
    public boolean holds(Function<String, AlarmState> stateOf) {
        return holds(root, stateOf);
    }

    private static boolean holds(Node node, Function<String, AlarmState> stateOf) {
        if (node instanceof StateOf s) {
            return stateOf.apply(s.alarm()) == s.state();
        }
        if (node instanceof Constant c) {
            return c.value();
        }
        if (node instanceof Not n) {
            return !holds(n.operand(), stateOf);
        }
        if (node instanceof And a) {
            return holds(a.left(), stateOf) && holds(a.right(), stateOf);
        }
        Or o = (Or) node;
        return holds(o.left(), stateOf) || holds(o.right(), stateOf);
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Node or() {
            Node left = and();
            while (keyword("OR")) {
                left = new Or(left, and());
            }
            return left;
        }

        Node and() {
            Node left = unary();
            while (keyword("AND")) {
                left = new And(left, unary());
            }
            return left;
        }

        Node unary() {
            if (keyword("NOT")) {
                return new Not(unary());
            }
            return primary();
        }

        Node primary() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("the rule ends where an expression was expected");
            }
            if (text.charAt(pos) == '(') {
                pos++;
                Node inner = or();
                expect(')');
                return inner;
            }
            if (keyword("TRUE")) {
                return new Constant(true);
            }
            if (keyword("FALSE")) {
                return new Constant(false);
            }
            for (AlarmState state : new AlarmState[] {AlarmState.INSUFFICIENT_DATA, AlarmState.ALARM, AlarmState.OK}) {
                if (keyword(state.name())) {
                    expect('(');
                    String alarm = argument();
                    expect(')');
                    return new StateOf(state, alarm);
                }
            }
            throw error("unexpected '" + word() + "'");
        }

        String argument() {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '"') {
                int end = text.indexOf('"', pos + 1);
                if (end < 0) {
                    throw error("an alarm name is missing its closing quote");
                }
                String name = text.substring(pos + 1, end);
                pos = end + 1;
                if (name.isEmpty()) {
                    throw error("an alarm name is empty");
                }
                return name;
            }
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != ')' && !Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("an alarm name or ARN is expected");
            }
            return text.substring(start, pos);
        }

        boolean keyword(String word) {
            skipSpace();
            int end = pos + word.length();
            if (end > text.length() || !text.regionMatches(true, pos, word, 0, word.length())) {
                return false;
            }
            if (end < text.length()) {
                char next = text.charAt(end);
                if (Character.isLetterOrDigit(next) || next == '_') {
                    return false;
                }
            }
            pos = end;
            return true;
        }

        void expect(char c) {
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw error("'" + c + "' expected" + (pos < text.length() ? " at '" + word() + "'" : " at the end"));
            }
            pos++;
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        String word() {
            int end = pos;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && end - pos < 40) {
                end++;
            }
            return end == pos ? String.valueOf(text.charAt(pos)) : text.substring(pos, end);
        }

        AlarmRefusal error(String what) {
            return new AlarmRefusal(AlarmRefusal.Reason.INVALID_PARAMETER_VALUE,
                    "Error in alarm rule at position " + (pos + 1) + ": " + what.toLowerCase(Locale.ROOT).charAt(0)
                            + what.substring(1) + ".");
        }
    }
}
