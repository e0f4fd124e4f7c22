package dev.gureum.s3.select;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Logic with SQL's three values, comparisons, LIKE, and the scalar functions of S3 Select. */
final class SqlFunctions {

    private SqlFunctions() {
    }

    static Object and(Object a, Object b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        if (Boolean.TRUE.equals(a) && Boolean.TRUE.equals(b)) {
            return true;
        }
        return null;
    }

    static Object or(Object a, Object b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        if (Boolean.FALSE.equals(a) && Boolean.FALSE.equals(b)) {
            return false;
        }
        return null;
    }

    static Object not(Object a) {
        return a instanceof Boolean b ? !b : null;
    }

    static Object comparison(String op, Object left, Object right) {
        if (op.equals("=") || op.equals("<>") || op.equals("!=")) {
            Boolean equal = SqlValues.equal(left, right);
            return equal == null ? null : op.equals("=") == equal;
        }
        Integer c = SqlValues.compare(left, right);
        if (c == null) {
            return null;
        }
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    static Object concat(Object a, Object b) {
        if (SqlValues.absent(a) || SqlValues.absent(b)) {
            return a == SqlValues.MISSING || b == SqlValues.MISSING ? SqlValues.MISSING : null;
        }
        return SqlValues.text(a) + SqlValues.text(b);
    }

    /** {@code value LIKE pattern [ESCAPE escape]}: {@code %} any run of characters, {@code _} any one. */
    static Expr like(Expr value, Expr pattern, Expr escape) {
        return row -> {
            Object v = value.eval(row);
            Object p = pattern.eval(row);
            Object e = escape == null ? null : escape.eval(row);
            if (SqlValues.absent(v) || SqlValues.absent(p) || escape != null && SqlValues.absent(e)) {
                return null;
            }
            if (!(v instanceof String) && !(v instanceof Number)) {
                throw new SelectException("LikeInvalidInputs", "Invalid argument given to the LIKE clause in the SQL "
                        + "expression.");
            }
            String esc = e == null ? null : SqlValues.text(e);
            if (esc != null && esc.length() != 1) {
                throw new SelectException("EvaluatorLikePatternInvalidEscapeSequence",
                        "An invalid escape sequence was found in the LIKE pattern: the ESCAPE must be one character.");
            }
            return regex(SqlValues.text(p), esc == null ? -1 : esc.charAt(0)).matcher(SqlValues.text(v)).matches();
        };
    }

    static Pattern regex(String like, int escape) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == escape) {
                if (i + 1 >= like.length()) {
                    throw new SelectException("EvaluatorLikePatternInvalidEscapeSequence",
                            "An invalid escape sequence was found in the LIKE pattern: it ends with the escape.");
                }
                regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** LOWER, UPPER, CHAR_LENGTH, CHARACTER_LENGTH, COALESCE, NULLIF. */
    static Expr call(String name, List<Expr> args) {
        switch (name) {
            case "LOWER", "UPPER", "CHAR_LENGTH", "CHARACTER_LENGTH" -> {
                arity(name, args, 1, 1);
                Expr arg = args.get(0);
                return row -> {
                    Object v = arg.eval(row);
                    if (SqlValues.absent(v)) {
                        return v;
                    }
                    if (!(v instanceof String s)) {
                        throw SelectException.argumentType(name);
                    }
                    return switch (name) {
                        case "LOWER" -> s.toLowerCase(Locale.ROOT);
                        case "UPPER" -> s.toUpperCase(Locale.ROOT);
                        default -> (long) s.codePointCount(0, s.length());
                    };
                };
            }
            case "COALESCE" -> {
                arity(name, args, 1, Integer.MAX_VALUE);
                return row -> {
                    for (Expr e : args) {
                        Object v = e.eval(row);
                        if (!SqlValues.absent(v)) {
                            return v;
                        }
                    }
                    return null;
                };
            }
            case "NULLIF" -> {
                arity(name, args, 2, 2);
                return row -> {
                    Object a = args.get(0).eval(row);
                    return Boolean.TRUE.equals(SqlValues.equal(a, args.get(1).eval(row))) ? null : a;
                };
            }
            default -> throw new SelectException("UnsupportedFunction",
                    "Encountered an unsupported SQL function: " + name + ".");
        }
    }

    private static void arity(String name, List<Expr> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw SelectException.invalidArguments(name);
        }
    }

    /** {@code TRIM([[LEADING|TRAILING|BOTH] [characters] FROM] text)}, after its opening parenthesis. */
    static Expr trim(SqlParser parser) {
        String where = "BOTH";
        for (String w : List.of("LEADING", "TRAILING", "BOTH")) {
            if (parser.accept(w)) {
                where = w;
                break;
            }
        }
        Expr characters = null;
        Expr text;
        if (parser.accept("FROM")) {
            text = parser.expression();
        } else {
            Expr first = parser.expression();
            if (parser.accept("FROM")) {
                characters = first;
                text = parser.expression();
            } else {
                text = first;
            }
        }
        parser.expect(")");
        String side = where;
        Expr chars = characters;
        return row -> {
            Object v = text.eval(row);
            Object c = chars == null ? " " : chars.eval(row);
            if (SqlValues.absent(v) || SqlValues.absent(c)) {
                return v == SqlValues.MISSING ? v : null;
            }
            if (!(v instanceof String s) || !(c instanceof String set)) {
                throw SelectException.argumentType("TRIM");
            }
            int start = 0;
            int end = s.length();
            if (!side.equals("TRAILING")) {
                while (start < end && set.indexOf(s.charAt(start)) >= 0) {
                    start++;
                }
            }
            if (!side.equals("LEADING")) {
                while (end > start && set.indexOf(s.charAt(end - 1)) >= 0) {
                    end--;
                }
            }
            return s.substring(start, end);
        };
    }

    /** {@code SUBSTRING(text FROM start [FOR length])} or {@code SUBSTRING(text, start[, length])}. */
    static Expr substring(SqlParser parser) {
        Expr text = parser.expression();
        Expr start;
        Expr length = null;
        if (parser.accept("FROM")) {
            start = parser.expression();
            if (parser.accept("FOR")) {
                length = parser.expression();
            }
        } else {
            parser.expect(",");
            start = parser.expression();
            if (parser.accept(",")) {
                length = parser.expression();
            }
        }
        parser.expect(")");
        Expr len = length;
        return row -> {
            Object v = text.eval(row);
            Object s = start.eval(row);
            Object l = len == null ? null : len.eval(row);
            if (SqlValues.absent(v) || SqlValues.absent(s) || len != null && SqlValues.absent(l)) {
                return v == SqlValues.MISSING ? v : null;
            }
            Number from = SqlValues.number(s);
            Number count = len == null ? null : SqlValues.number(l);
            if (!(v instanceof String string) || from == null || len != null && count == null) {
                throw SelectException.argumentType("SUBSTRING");
            }
            if (count != null && count.longValue() < 0) {
                throw new SelectException("EvaluatorInvalidArguments",
                        "SUBSTRING's length must not be negative in the SQL expression.");
            }
            // positions count from 1; the window [start, start + length) is cut to the text
            long first = Math.max(from.longValue(), 1);
            long end = count == null ? Long.MAX_VALUE : from.longValue() + count.longValue();
            int[] codePoints = string.codePoints().toArray();
            long last = Math.min(end, codePoints.length + 1L);
            if (last <= first) {
                return "";
            }
            return new String(codePoints, (int) first - 1, (int) (last - first));
        };
    }
}
