package dev.gureum.s3.select;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values S3 Select's SQL computes with: {@code null} is SQL's NULL, {@link #MISSING} a field that
 * is not there (PartiQL's MISSING), and otherwise {@link String}, {@link Long}, {@link BigDecimal},
 * {@link Double}, {@link Boolean}, {@link OffsetDateTime} (a TIMESTAMP), and for JSON input {@link Map}
 * and {@link List}. A CSV field is text; where a number is needed, text that reads as one is taken as it.
 */
public final class SqlValues {

    /** A field or path that does not exist in the record. */
    public static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "MISSING";
        }
    };

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    /** S3 Select's timestamp forms: {@code 2007T}, {@code 2007-02T}, {@code 2007-02-23T}, then time and offset. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?T(?:(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(Z|[+-]\\d{2}:\\d{2}))?");

    private SqlValues() {
    }

    static boolean absent(Object value) {
        return value == null || value == MISSING;
    }

    /** The value as a number, text read as one; {@code null} when it is none. */
    static Number number(Object value) {
        if (value instanceof Long || value instanceof BigDecimal || value instanceof Double) {
            return (Number) value;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof String s) {
            String text = s.trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                if (INTEGER.matcher(text).matches()) {
                    return text.length() < 19 ? Long.parseLong(text) : new BigDecimal(text);
                }
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        return new BigDecimal(n.toString());
    }

    /** Makes a decimal that holds a whole number of a long's size a long again. */
    static Number narrow(BigDecimal d) {
        if (d.scale() <= 0 && d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                && d.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0) {
            return d.longValueExact();
        }
        return d;
    }

    /** {@code + - * / %} of two values; NULL (or MISSING) when either is absent or no number. */
    static Object arithmetic(String op, Object left, Object right) {
        if (left == MISSING || right == MISSING) {
            return MISSING;
        }
        Number a = number(left);
        Number b = number(right);
        if (a == null || b == null) {
            if (!absent(left) && a == null || !absent(right) && b == null) {
                throw new SelectException("InvalidDataType", "The SQL expression contains an invalid data type: "
                        + "arithmetic on " + (a == null ? text(left) : text(right)));
            }
            return null;
        }
        if (a instanceof Double || b instanceof Double) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            return switch (op) {
                case "+" -> x + y;
                case "-" -> x - y;
                case "*" -> x * y;
                case "/" -> x / divisor(y);
                default -> x % divisor(y);
            };
        }
        if (a instanceof Long x && b instanceof Long y) {
            try {
                return switch (op) {
                    case "+" -> Math.addExact(x, y);
                    case "-" -> Math.subtractExact(x, y);
                    case "*" -> Math.multiplyExact(x, y);
                    case "/" -> x / (long) divisor(y);
                    default -> x % (long) divisor(y);
                };
            } catch (ArithmeticException overflow) {
                // falls through to decimals
            }
        }
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        return switch (op) {
            case "+" -> narrow(x.add(y));
            case "-" -> narrow(x.subtract(y));
            case "*" -> narrow(x.multiply(y));
            case "/" -> {
                divisor(y.doubleValue());
                yield x.divide(y, MathContext.DECIMAL128).stripTrailingZeros();
            }
            default -> {
                divisor(y.doubleValue());
                yield narrow(x.remainder(y));
            }
        };
    }

    private static double divisor(double y) {
        if (y == 0) {
            throw new SelectException("EvaluatorDivisionByZero", "Division by zero in the SQL expression.");
        }
        return y;
    }

    /**
     * Compares two values: numbers as numbers (text that reads as a number against a number), text as
     * text, booleans and timestamps as themselves. {@code null} when they cannot be compared (either is
     * absent, or their types differ).
     */
    static Integer compare(Object left, Object right) {
        if (absent(left) || absent(right)) {
            return null;
        }
        if (left instanceof String a && right instanceof String b) {
            return a.compareTo(b);
        }
        if (left instanceof Boolean a && right instanceof Boolean b) {
            return a.compareTo(b);
        }
        if (left instanceof OffsetDateTime || right instanceof OffsetDateTime) {
            OffsetDateTime a = left instanceof OffsetDateTime t ? t : left instanceof String s ? timestampOrNull(s) : null;
            OffsetDateTime b = right instanceof OffsetDateTime t ? t : right instanceof String s ? timestampOrNull(s) : null;
            return a == null || b == null ? null : a.compareTo(b);
        }
        Number a = number(left);
        Number b = number(right);
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Double || b instanceof Double) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return decimal(a).compareTo(decimal(b));
    }

    /** {@code =}: numbers by value, so {@code '1.0' = 1}. */
    static Boolean equal(Object left, Object right) {
        if (absent(left) || absent(right)) {
            return null;
        }
        Integer c = compare(left, right);
        if (c == null) {
            return left.equals(right);
        }
        return c == 0;
    }

    /** The value as a CAST to {@code type} makes it; {@code CastFailed} when it cannot. */
    static Object cast(Object value, String type) {
        if (absent(value)) {
            return value;
        }
        switch (type) {
            case "INT", "INTEGER", "BIGINT", "SMALLINT" -> {
                if (value instanceof Boolean b) {
                    return b ? 1L : 0L;
                }
                Number n = number(value);
                if (n == null) {
                    throw SelectException.castFailed();
                }
                if (n instanceof Long) {
                    return n;
                }
                BigDecimal d = decimal(n).setScale(0, RoundingMode.DOWN);
                try {
                    return d.longValueExact();
                } catch (ArithmeticException e) {
                    throw SelectException.castFailed();
                }
            }
            case "FLOAT", "REAL", "DOUBLE" -> {
                Number n = value instanceof Boolean b ? (Number) (b ? 1L : 0L) : number(value);
                if (n == null) {
                    throw SelectException.castFailed();
                }
                return n.doubleValue();
            }
            case "DECIMAL", "NUMERIC" -> {
                Number n = value instanceof Boolean b ? (Number) (b ? 1L : 0L) : number(value);
                if (n == null) {
                    throw SelectException.castFailed();
                }
                return decimal(n);
            }
            case "STRING", "VARCHAR", "CHAR" -> {
                return text(value);
            }
            case "BOOL", "BOOLEAN" -> {
                if (value instanceof Boolean) {
                    return value;
                }
                if (value instanceof String s) {
                    String t = s.trim();
                    if (t.equalsIgnoreCase("true")) {
                        return true;
                    }
                    if (t.equalsIgnoreCase("false")) {
                        return false;
                    }
                }
                Number n = value instanceof Map || value instanceof List ? null : number(value);
                if (n == null) {
                    throw SelectException.castFailed();
                }
                return n.doubleValue() != 0;
            }
            case "TIMESTAMP" -> {
                if (value instanceof OffsetDateTime) {
                    return value;
                }
                OffsetDateTime t = value instanceof String s ? timestampOrNull(s.trim()) : null;
                if (t == null) {
                    throw SelectException.castFailed();
                }
                return t;
            }
            default -> throw new SelectException("ParseInvalidTypeParam",
                    "The SQL expression contains an invalid parameter value: " + type);
        }
    }

    static OffsetDateTime timestampOrNull(String text) {
        Matcher m = TIMESTAMP.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            int year = Integer.parseInt(m.group(1));
            int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
            ZoneOffset offset = m.group(8) == null ? ZoneOffset.UTC : ZoneOffset.of(m.group(8));
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The value as text in a CSV field (and in {@code CAST(... AS STRING)}); absent values are empty. */
    public static String text(Object value) {
        if (absent(value)) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof OffsetDateTime t) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        if (value instanceof Map || value instanceof List) {
            return JsonRecords.write(value);
        }
        return value.toString();
    }

    /** The truth of a condition: only TRUE is true (NULL and MISSING are not). */
    static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value);
    }
}
