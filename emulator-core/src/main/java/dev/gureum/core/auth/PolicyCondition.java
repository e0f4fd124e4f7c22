package dev.gureum.core.auth;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One condition of a statement: an operator, a context key and the values it accepts, as in
 * {@code "StringEquals": {"aws:SourceAccount": "123456789012"}}. Several values for one key are alternatives
 * (OR); a negated operator ({@code StringNotEquals}) holds when the request's value matches none of them (NOR).
 * A key the request lacks fails the condition, except for negated operators, {@code ...IfExists},
 * {@code ForAllValues:} and {@code Null}. {@code ForAnyValue:} holds when some value of a multivalued key
 * (such as {@code aws:TagKeys}) matches; {@code ForAllValues:} when every one does.
 */
record PolicyCondition(String operator, Qualifier qualifier, boolean ifExists, boolean negated, String key,
                       String name, List<String> values, boolean variables) {

    enum Qualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "NumericEquals", "NumericNotEquals",
            "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals",
            "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "Bool",
            "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null");

    static List<PolicyCondition> parseAll(JsonNode node, boolean variables) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new PolicyDocument.MalformedPolicyException("Condition must be a JSON object");
        }
        List<PolicyCondition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = node.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            String name = op.getKey();
            Qualifier qualifier = Qualifier.NONE;
            if (name.startsWith("ForAnyValue:")) {
                qualifier = Qualifier.FOR_ANY_VALUE;
                name = name.substring("ForAnyValue:".length());
            } else if (name.startsWith("ForAllValues:")) {
                qualifier = Qualifier.FOR_ALL_VALUES;
                name = name.substring("ForAllValues:".length());
            }
            boolean ifExists = name.endsWith("IfExists") && !name.equals("IfExists");
            String base = ifExists ? name.substring(0, name.length() - "IfExists".length()) : name;
            if (!op.getValue().isObject()) {
                // a key given without an operator ({"Condition": {"aws:SourceIp": "..."}})
                throw new PolicyDocument.MalformedPolicyException("Syntax errors in policy.");
            }
            if (!OPERATORS.contains(base) || ifExists && base.equals("Null")) {
                throw new PolicyDocument.MalformedPolicyException("Invalid Condition type : " + op.getKey());
            }
            boolean negated = base.contains("Not") && !base.equals("Null");
            String positive = negated ? base.replace("NotIpAddress", "IpAddress").replace("Not", "") : base;
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                conditions.add(new PolicyCondition(positive, qualifier, ifExists, negated,
                        key.getKey().toLowerCase(Locale.ROOT), key.getKey(), values(key.getValue()), variables));
            }
        }
        return List.copyOf(conditions);
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        } else if (node.isValueNode()) {
            values.add(node.asText());
        } else {
            throw new PolicyDocument.MalformedPolicyException("Condition values must be strings or lists of strings");
        }
        return List.copyOf(values);
    }

    /** @param context the request's condition keys, lower-cased, each with its values */
    boolean test(Map<String, List<String>> context) {
        List<String> requestValues = context.get(key);
        boolean absent = requestValues == null || requestValues.isEmpty();
        if (operator.equals("Null")) {
            return values.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
        }
        if (absent) {
            return switch (qualifier) {
                case NONE -> ifExists || negated;
                case FOR_ANY_VALUE -> ifExists;
                case FOR_ALL_VALUES -> true;
            };
        }
        List<String> accepted = acceptedValues(context);
        return switch (qualifier) {
            // a single-valued operator given several request values holds when one of them does
            case NONE -> negated ? requestValues.stream().noneMatch(v -> matchesAny(v, accepted))
                    : requestValues.stream().anyMatch(v -> matchesAny(v, accepted));
            case FOR_ANY_VALUE -> requestValues.stream().anyMatch(v -> matchesAny(v, accepted) != negated);
            case FOR_ALL_VALUES -> requestValues.stream().allMatch(v -> matchesAny(v, accepted) != negated);
        };
    }

    /** The policy's values with their variables resolved; one whose variable has no value accepts nothing. */
    private List<String> acceptedValues(Map<String, List<String>> context) {
        if (!variables || values.stream().noneMatch(PolicyVariables::has)) {
            return values;
        }
        List<String> resolved = new ArrayList<>(values.size());
        for (String v : values) {
            String r = PolicyVariables.has(v) ? PolicyVariables.resolve(v, context) : v;
            if (r != null) {
                resolved.add(operator.equals("StringLike") || operator.equals("ArnLike") || operator.equals("ArnEquals")
                        ? r : PolicyVariables.plain(r));
            }
        }
        return resolved;
    }

    private boolean matchesAny(String actual, List<String> accepted) {
        for (String expected : accepted) {
            if (compare(actual, expected)) {
                return true;
            }
        }
        return false;
    }

    private boolean compare(String actual, String expected) {
        return switch (operator) {
            case "StringEquals" -> actual.equals(expected);
            case "StringEqualsIgnoreCase" -> actual.equalsIgnoreCase(expected);
            case "StringLike" -> PolicyStatement.wildcard(expected, actual);
            case "Bool" -> actual.equalsIgnoreCase(expected);
            case "BinaryEquals" -> binaryEquals(actual, expected);
            case "ArnEquals", "ArnLike" -> arnLike(expected, actual);
            case "NumericEquals" -> numeric(actual, expected) == 0;
            case "NumericLessThan" -> numeric(actual, expected) < 0;
            case "NumericLessThanEquals" -> numeric(actual, expected) <= 0;
            case "NumericGreaterThan" -> numeric(actual, expected) > 0 && numeric(actual, expected) != Integer.MAX_VALUE;
            case "NumericGreaterThanEquals" -> numeric(actual, expected) >= 0
                    && numeric(actual, expected) != Integer.MAX_VALUE;
            case "DateEquals" -> date(actual, expected) == 0;
            case "DateLessThan" -> date(actual, expected) < 0;
            case "DateLessThanEquals" -> date(actual, expected) <= 0;
            case "DateGreaterThan" -> date(actual, expected) > 0 && date(actual, expected) != Integer.MAX_VALUE;
            case "DateGreaterThanEquals" -> date(actual, expected) >= 0 && date(actual, expected) != Integer.MAX_VALUE;
            case "IpAddress" -> inCidr(actual, expected);
            default -> throw new IllegalStateException("No comparison for " + operator);
        };
    }

    /** Base64 values compared as the bytes they encode. */
    private static boolean binaryEquals(String actual, String expected) {
        try {
            return Arrays.equals(Base64.getDecoder().decode(actual.trim()), Base64.getDecoder().decode(expected.trim()));
        } catch (IllegalArgumentException e) {
            return actual.equals(expected);
        }
    }

    /** ARNs compared one colon-separated part at a time, each part with IAM's wildcards. */
    static boolean arnLike(String pattern, String arn) {
        String[] p = pattern.split(":", 6);
        String[] a = arn.split(":", 6);
        if (p.length != 6 || a.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!PolicyStatement.wildcard(p[i], a[i])) {
                return false;
            }
        }
        return true;
    }

    /** Compares two numbers; {@code Integer.MAX_VALUE} when either is not a number, so no comparison holds. */
    private static int numeric(String actual, String expected) {
        try {
            return new BigDecimal(actual.trim()).compareTo(new BigDecimal(expected.trim()));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static int date(String actual, String expected) {
        Instant a = instant(actual);
        Instant b = instant(expected);
        return a == null || b == null ? Integer.MAX_VALUE : Integer.signum(a.compareTo(b));
    }

    /** An ISO 8601 date or date-time (UTC unless it says otherwise) or a count of epoch seconds. */
    static Instant instant(String text) {
        String t = text.trim();
        try {
            if (t.matches("-?\\d+")) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (t.endsWith("Z") || t.endsWith("z")) {
                return Instant.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return Instant.parse(t + "Z");
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    /** Whether an IP address lies in a CIDR block (or equals a bare address); literals only, no look-ups. */
    static boolean inCidr(String address, String cidr) {
        int slash = cidr.indexOf('/');
        byte[] ip = literal(address);
        byte[] net = literal(slash < 0 ? cidr : cidr.substring(0, slash));
        if (ip == null || net == null || ip.length != net.length) {
            return false;
        }
        int bits;
        try {
            bits = slash < 0 ? ip.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (bits < 0 || bits > ip.length * 8) {
            return false;
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(ip.length * 8).subtract(BigInteger.ONE)
                .shiftRight(bits).not();
        return new BigInteger(1, ip).and(mask).equals(new BigInteger(1, net).and(mask));
    }

    private static byte[] literal(String text) {
        String t = text.trim();
        if (t.isEmpty() || !t.matches("[0-9a-fA-F.:]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
