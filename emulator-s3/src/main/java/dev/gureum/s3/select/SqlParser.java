package dev.gureum.s3.select;

import dev.gureum.s3.select.SqlLexer.Kind;
import dev.gureum.s3.select.SqlLexer.Token;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses S3 Select's SQL: {@code SELECT} list, {@code FROM S3Object[*].path alias}, {@code WHERE},
 * {@code LIMIT}, with the operators, functions and aggregates {@link SqlFunctions} knows.
 */
public final class SqlParser {

    /** Expressions longer than this are refused, as S3 refuses them (256 KiB). */
    static final int MAX_EXPRESSION = 256 * 1024;

    private static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX");
    private static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "LIMIT", "AND", "OR", "NOT", "AS",
            "LIKE", "ESCAPE", "BETWEEN", "IN", "IS", "NULL", "MISSING", "TRUE", "FALSE", "CAST", "CASE", "WHEN",
            "THEN", "ELSE", "END", "GROUP", "ORDER", "BY", "HAVING", "JOIN", "UNION", "DISTINCT");

    private static final Set<String> TYPES = Set.of("INT", "INTEGER", "BIGINT", "SMALLINT", "FLOAT", "REAL", "DOUBLE",
            "DECIMAL", "NUMERIC", "STRING", "VARCHAR", "CHAR", "BOOL", "BOOLEAN", "TIMESTAMP");

    private final List<Token> tokens;
    private int at;
    private final List<Expr.Path> paths = new ArrayList<>();
    private final List<Expr.Aggregate> aggregates = new ArrayList<>();
    /** Inside an aggregate's argument. */
    private int aggregateDepth;
    /** A column read outside any aggregate in the current SELECT item. */
    private boolean columnOutsideAggregate;

    private SqlParser(String sql) {
        this.tokens = SqlLexer.tokens(sql);
    }

    /** The query an expression states; a {@link SelectException} when S3 would refuse it. */
    public static Expr.Query parse(String sql) {
        if (sql.length() > MAX_EXPRESSION) {
            throw new SelectException("ExpressionTooLong", "The SQL expression is too long: The maximum byte-length "
                    + "for the SQL expression is 256 KB.");
        }
        return new SqlParser(sql).query();
    }

    private Expr.Query query() {
        expectWord("SELECT");
        List<Expr.Item> items = new ArrayList<>();
        boolean anyAggregate = false;
        boolean anyColumn = false;
        if (peek().is("*")) {
            next();
        } else {
            if (peek().is("FROM")) {
                throw new SelectException("ParseEmptySelect", "The SQL expression contains an empty SELECT.");
            }
            do {
                int aggregatesBefore = aggregates.size();
                columnOutsideAggregate = false;
                Expr expr = expression();
                String name = null;
                if (peek().is("AS")) {
                    next();
                    name = identifier("ParseExpectedIdentForAlias");
                } else if (peek().kind() == Kind.QUOTED_IDENTIFIER
                        || peek().kind() == Kind.IDENTIFIER && !RESERVED.contains(upper(peek()))) {
                    name = identifier("ParseExpectedIdentForAlias");
                }
                anyAggregate |= aggregates.size() > aggregatesBefore;
                anyColumn |= columnOutsideAggregate;
                items.add(new Expr.Item(expr, name != null ? name
                        : expr instanceof Expr.Path path ? path.columnName() : null));
            } while (accept(","));
        }
        if (anyAggregate && anyColumn) {
            throw new SelectException("UnsupportedSqlStructure",
                    "Encountered an unsupported SQL structure: aggregates and columns in one SELECT list.");
        }
        if (!peek().is("FROM")) {
            throw new SelectException("ParseSelectMissingFrom",
                    "The SQL expression contains a missing FROM after the SELECT list.");
        }
        next();
        Token table = next();
        if (table.kind() != Kind.IDENTIFIER || !table.text().equalsIgnoreCase("S3Object")) {
            throw new SelectException("InvalidDataSource",
                    "Invalid data source type. Only CSV, JSON, and Parquet are supported: FROM must name S3Object.");
        }
        List<Expr.Path.Step> source = new ArrayList<>();
        while (peek().is("[") || peek().is(".")) {
            if (accept("[")) {
                if (accept("*")) {
                    source.add(new Expr.Path.Step(null, false, -1));
                } else {
                    source.add(Expr.Path.Step.at(index()));
                }
                expect("]");
            } else {
                next();
                Token name = next();
                if (name.kind() != Kind.IDENTIFIER && name.kind() != Kind.QUOTED_IDENTIFIER) {
                    throw SelectException.unexpectedToken(name.toString());
                }
                source.add(Expr.Path.Step.field(name.text(), name.kind() == Kind.QUOTED_IDENTIFIER));
            }
        }
        String alias = null;
        if (accept("AS")) {
            alias = identifier("ParseExpectedIdentForAlias");
        } else if (peek().kind() == Kind.IDENTIFIER && !RESERVED.contains(upper(peek()))
                || peek().kind() == Kind.QUOTED_IDENTIFIER) {
            alias = identifier("ParseExpectedIdentForAlias");
        }
        Expr where = null;
        if (accept("WHERE")) {
            int aggregatesBefore = aggregates.size();
            where = expression();
            if (aggregates.size() > aggregatesBefore) {
                throw new SelectException("UnsupportedSqlStructure",
                        "Encountered an unsupported SQL structure: an aggregate in the WHERE clause.");
            }
        }
        long limit = -1;
        if (accept("LIMIT")) {
            if (accept("-")) {
                throw new SelectException("EvaluatorNegativeLimit", "The LIMIT clause must not be negative.");
            }
            Token n = next();
            if (n.kind() != Kind.NUMBER || !n.text().chars().allMatch(Character::isDigit)) {
                throw new SelectException("ParseExpectedNumber",
                        "The SQL expression contains an unexpected token where a number was expected: " + n + ".");
            }
            limit = new BigDecimal(n.text()).min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
        }
        if (peek().kind() != Kind.END) {
            Token t = peek();
            if (t.kind() == Kind.IDENTIFIER && RESERVED.contains(upper(t))) {
                throw new SelectException("ParseUnExpectedKeyword",
                        "The SQL expression contains an unexpected keyword: " + t + ".");
            }
            throw SelectException.unexpectedToken(t.toString());
        }
        for (Expr.Path path : paths) {
            path.bind(alias);
        }
        return new Expr.Query(items, source, alias, where, limit, aggregates);
    }

    // ---- expressions, loosest binding first --------------------------------------------------

    Expr expression() {
        Expr left = and();
        while (accept("OR")) {
            Expr l = left;
            Expr r = and();
            left = row -> {
                Object a = l.eval(row);
                return Boolean.TRUE.equals(a) ? a : SqlFunctions.or(a, r.eval(row));
            };
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (accept("AND")) {
            Expr l = left;
            Expr r = not();
            left = row -> {
                Object a = l.eval(row);
                return Boolean.FALSE.equals(a) ? a : SqlFunctions.and(a, r.eval(row));
            };
        }
        return left;
    }

    private Expr not() {
        if (accept("NOT")) {
            Expr e = not();
            return row -> SqlFunctions.not(e.eval(row));
        }
        return predicate();
    }

    private Expr predicate() {
        Expr left = additive();
        Token t = peek();
        String op = t.kind() == Kind.SYMBOL ? t.text() : null;
        if (op != null && Set.of("=", "<>", "!=", "<", "<=", ">", ">=").contains(op)) {
            next();
            Expr right = additive();
            return row -> SqlFunctions.comparison(op, left.eval(row), right.eval(row));
        }
        if (accept("IS")) {
            boolean negated = accept("NOT");
            Token what = next();
            String word = upper(what);
            if (!Set.of("NULL", "MISSING", "TRUE", "FALSE").contains(word)) {
                throw SelectException.unexpectedToken(what.toString());
            }
            return row -> {
                Object v = left.eval(row);
                boolean is = switch (word) {
                    case "NULL" -> SqlValues.absent(v);
                    case "MISSING" -> v == SqlValues.MISSING;
                    case "TRUE" -> Boolean.TRUE.equals(v);
                    default -> Boolean.FALSE.equals(v);
                };
                return is != negated;
            };
        }
        boolean negated = accept("NOT");
        if (accept("LIKE")) {
            Expr pattern = additive();
            Expr escape = accept("ESCAPE") ? additive() : null;
            Expr like = SqlFunctions.like(left, pattern, escape);
            return negated ? row -> SqlFunctions.not(like.eval(row)) : like;
        }
        if (accept("BETWEEN")) {
            Expr low = additive();
            expectWord("AND");
            Expr high = additive();
            return row -> {
                Object v = left.eval(row);
                Object result = SqlFunctions.and(SqlFunctions.comparison(">=", v, low.eval(row)),
                        SqlFunctions.comparison("<=", v, high.eval(row)));
                return negated ? SqlFunctions.not(result) : result;
            };
        }
        if (accept("IN")) {
            expect("(");
            List<Expr> list = new ArrayList<>();
            do {
                list.add(expression());
            } while (accept(","));
            expect(")");
            return row -> {
                Object v = left.eval(row);
                Object result = Boolean.FALSE;
                for (Expr e : list) {
                    result = SqlFunctions.or(result, SqlFunctions.comparison("=", v, e.eval(row)));
                }
                return negated ? SqlFunctions.not(result) : result;
            };
        }
        if (negated) {
            throw SelectException.unexpectedToken(peek().toString());
        }
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peek().is("+") || peek().is("-") || peek().is("||")) {
            String op = next().text();
            Expr l = left;
            Expr r = multiplicative();
            left = op.equals("||") ? row -> SqlFunctions.concat(l.eval(row), r.eval(row))
                    : row -> SqlValues.arithmetic(op, l.eval(row), r.eval(row));
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            String op = next().text();
            Expr l = left;
            Expr r = unary();
            left = row -> SqlValues.arithmetic(op, l.eval(row), r.eval(row));
        }
        return left;
    }

    private Expr unary() {
        if (accept("-")) {
            Expr e = unary();
            return row -> SqlValues.arithmetic("-", 0L, e.eval(row));
        }
        if (accept("+")) {
            return unary();
        }
        return primary();
    }

    private Expr primary() {
        Token t = next();
        switch (t.kind()) {
            case STRING -> {
                String s = t.text();
                return row -> s;
            }
            case NUMBER -> {
                Object n = SqlValues.number(t.text());
                if (n instanceof BigDecimal d && (t.text().contains("e") || t.text().contains("E"))) {
                    n = d.doubleValue();
                }
                Object value = n;
                return row -> value;
            }
            case QUOTED_IDENTIFIER -> {
                return path(Expr.Path.Step.field(t.text(), true));
            }
            case SYMBOL -> {
                if (t.is("(")) {
                    Expr e = expression();
                    expect(")");
                    return e;
                }
                throw SelectException.unexpectedToken(t.toString());
            }
            case END -> throw new SelectException("ParseExpectedExpression",
                    "The SQL expression is missing an expression at its end.");
            default -> {
            }
        }
        String word = upper(t);
        switch (word) {
            case "NULL" -> {
                return row -> null;
            }
            case "MISSING" -> {
                return row -> SqlValues.MISSING;
            }
            case "TRUE", "FALSE" -> {
                Boolean b = word.equals("TRUE");
                return row -> b;
            }
            case "CAST" -> {
                expect("(");
                Expr e = expression();
                expectWord("AS");
                Token type = next();
                if (type.kind() != Kind.IDENTIFIER) {
                    throw new SelectException("ParseExpectedTypeName",
                            "The SQL expression contains an unexpected token where a type name was expected: " + type + ".");
                }
                String typeName = upper(type);
                if (accept("(")) {
                    // DECIMAL(p, s): precision and scale are accepted and not applied
                    do {
                        index();
                    } while (accept(","));
                    expect(")");
                }
                expect(")");
                if (!TYPES.contains(typeName)) {
                    throw new SelectException("ParseInvalidTypeParam",
                            "The SQL expression contains an invalid parameter value: " + type + ".");
                }
                return row -> SqlValues.cast(e.eval(row), typeName);
            }
            default -> {
            }
        }
        if (peek().is("(") && !RESERVED.contains(word)) {
            next();
            return call(word);
        }
        if (RESERVED.contains(word)) {
            throw new SelectException("ParseUnExpectedKeyword",
                    "The SQL expression contains an unexpected keyword: " + t + ".");
        }
        return path(Expr.Path.Step.field(t.text(), false));
    }

    /** A function call, its name read and its opening parenthesis too. */
    private Expr call(String name) {
        if (AGGREGATES.contains(name)) {
            if (aggregateDepth > 0) {
                throw new SelectException("UnsupportedSqlStructure",
                        "Encountered an unsupported SQL structure: an aggregate inside an aggregate.");
            }
            Expr argument = null;
            if (accept("*")) {
                if (!name.equals("COUNT")) {
                    throw new SelectException("ParseUnsupportedCallWithStar",
                            "Only COUNT with (*) as a parameter is supported in the SQL expression.");
                }
            } else {
                aggregateDepth++;
                argument = expression();
                aggregateDepth--;
            }
            expect(")");
            Expr.Aggregate aggregate = new Expr.Aggregate(name, argument);
            aggregates.add(aggregate);
            return aggregate;
        }
        if (name.equals("TRIM")) {
            return SqlFunctions.trim(this);
        }
        if (name.equals("SUBSTRING")) {
            return SqlFunctions.substring(this);
        }
        List<Expr> arguments = new ArrayList<>();
        if (!accept(")")) {
            do {
                arguments.add(expression());
            } while (accept(","));
            expect(")");
        }
        return SqlFunctions.call(name, arguments);
    }

    private Expr path(Expr.Path.Step first) {
        List<Expr.Path.Step> steps = new ArrayList<>();
        steps.add(first);
        while (peek().is(".") || peek().is("[")) {
            if (accept("[")) {
                steps.add(Expr.Path.Step.at(index()));
                expect("]");
            } else {
                next();
                Token name = next();
                if (name.is("*")) {
                    throw new SelectException("ParseInvalidPathComponent",
                            "The SQL expression contains an invalid path component: *.");
                }
                if (name.kind() != Kind.IDENTIFIER && name.kind() != Kind.QUOTED_IDENTIFIER) {
                    throw new SelectException("ParseInvalidPathComponent",
                            "The SQL expression contains an invalid path component: " + name + ".");
                }
                steps.add(Expr.Path.Step.field(name.text(), name.kind() == Kind.QUOTED_IDENTIFIER));
            }
        }
        Expr.Path path = new Expr.Path(steps);
        paths.add(path);
        if (aggregateDepth == 0) {
            columnOutsideAggregate = true;
        }
        return path;
    }

    // ---- tokens --------------------------------------------------------------------------------

    private int index() {
        Token n = next();
        if (n.kind() != Kind.NUMBER || !n.text().chars().allMatch(Character::isDigit) || n.text().length() > 9) {
            throw new SelectException("ParseExpectedNumber",
                    "The SQL expression contains an unexpected token where a number was expected: " + n + ".");
        }
        return Integer.parseInt(n.text());
    }

    Token peek() {
        return tokens.get(at);
    }

    Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.END) {
            at++;
        }
        return t;
    }

    boolean accept(String word) {
        if (peek().is(word)) {
            next();
            return true;
        }
        return false;
    }

    void expect(String symbol) {
        if (!accept(symbol)) {
            throw SelectException.unexpectedToken(peek().toString());
        }
    }

    private void expectWord(String word) {
        if (!accept(word)) {
            throw SelectException.unexpectedToken(peek().toString());
        }
    }

    private String identifier(String code) {
        Token t = next();
        if (t.kind() != Kind.IDENTIFIER && t.kind() != Kind.QUOTED_IDENTIFIER
                || t.kind() == Kind.IDENTIFIER && RESERVED.contains(upper(t))) {
            throw new SelectException(code, "The SQL expression contains an unexpected token where an identifier "
                    + "was expected: " + t + ".");
        }
        return t.text();
    }

    private static String upper(Token t) {
        return t.text().toUpperCase(Locale.ROOT);
    }
}
