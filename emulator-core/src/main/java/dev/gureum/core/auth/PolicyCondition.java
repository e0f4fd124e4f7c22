package dev.gureum.core.auth;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * One condition of a statement: an operator, a context key and the values it accepts, as in
 * {@code "StringEquals": {"aws:SourceAccount": "123456789012"}}. Several values for one key are alternatives;
 * a negated operator ({@code StringNotEquals}) holds when the request's value matches none of them.
 */
record PolicyCondition(String operator, Qualifier qualifier, boolean ifExists, boolean negated, String key,
                       List<String> values) {

    enum Qualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    private static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "NumericEquals", "NumericNotEquals",
            "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals",
            "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "Bool",
            "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null");

    static List<PolicyCondition> parseAll(JsonNode node) {
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
            if (!OPERATORS.contains(base) || ifExists && base.equals("Null") || !op.getValue().isObject()) {
                throw new PolicyDocument.MalformedPolicyException("Invalid Condition type : " + op.getKey());
            }
            boolean negated = base.contains("Not") && !base.equals("Null");
            String positive = negated ? base.replace("NotIpAddress", "IpAddress").replace("Not", "") : base;
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                conditions.add(new PolicyCondition(positive, qualifier, ifExists, negated,
                        key.getKey().toLowerCase(Locale.ROOT), values(key.getValue())));
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

    /** @param context the request's condition keys, lower-cased */
    boolean test(Map<String, String> context) {
        String value = context.get(key);
        if (operator.equals("Null")) {
            boolean absent = value == null;
            return values.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
        }
        if (value == null) {
            // a missing key satisfies only ...IfExists, ForAllValues: and the negated operators
            return ifExists || qualifier == Qualifier.FOR_ALL_VALUES || negated && qualifier == Qualifier.NONE;
        }
        BiPredicate<String, String> compare = comparison(operator);
        boolean any = values.stream().anyMatch(v -> compare.test(value, v));
        return negated ? !any : any;
    }

    private static BiPredicate<String, String> comparison(String operator) {
        return switch (operator) {
            case "StringEquals", "BinaryEquals" -> String::equals;
            case "StringEqualsIgnoreCase", "Bool" -> String::equalsIgnoreCase;
            case "StringLike", "ArnLike", "ArnEquals" -> (actual, pattern) -> PolicyStatement.wildcard(pattern, actual);
            case "NumericEquals" -> (a, b) -> numeric(a, b) == 0;
            case "NumericLessThan" -> (a, b) -> numeric(a, b) < 0;
            case "NumericLessThanEquals" -> (a, b) -> numeric(a, b) <= 0;
            case "NumericGreaterThan" -> (a, b) -> numeric(a, b) > 0 && numeric(a, b) != Integer.MAX_VALUE;
            case "NumericGreaterThanEquals" -> (a, b) -> numeric(a, b) >= 0 && numeric(a, b) != Integer.MAX_VALUE;
            case "DateEquals" -> (a, b) -> date(a, b) == 0;
            case "DateLessThan" -> (a, b) -> date(a, b) < 0;
            case "DateLessThanEquals" -> (a, b) -> date(a, b) <= 0;
            case "DateGreaterThan" -> (a, b) -> date(a, b) > 0 && date(a, b) != Integer.MAX_VALUE;
            case "DateGreaterThanEquals" -> (a, b) -> date(a, b) >= 0 && date(a, b) != Integer.MAX_VALUE;
            case "IpAddress" -> PolicyCondition::inCidr;
            default -> throw new IllegalStateException("No comparison for " + operator);
        };
    }

    /** Compares two numbers; {@code Integer.MAX_VALUE} when either is not a number, so no comparison holds. */
    private static int numeric(String actual, String expected) {
        try {
            return Double.compare(Double.parseDouble(actual), Double.parseDouble(expected));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static int date(String actual, String expected) {
        Instant a = instant(actual);
        Instant b = instant(expected);
        return a == null || b == null ? Integer.MAX_VALUE : Integer.signum(a.compareTo(b));
    }

    /** An ISO 8601 date-time or a count of epoch seconds, the two forms IAM accepts. */
    private static Instant instant(String text) {
        try {
            if (text.matches("\\d+")) {
                return Instant.ofEpochSecond(Long.parseLong(text));
            }
            return text.endsWith("Z") ? Instant.parse(text) : OffsetDateTime.parse(text).toInstant();
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
