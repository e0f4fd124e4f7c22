package dev.gureum.core.pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.core.pattern.PatternDialect.Feature;
import dev.gureum.core.pattern.PatternException.Reason;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a pattern and refuses, with AWS's messages, what AWS refuses: unknown operators, malformed
 * numeric ranges and CIDR blocks, and what breaks the dialect's limits (keys, combinations, size,
 * nesting).
 */
final class PatternParser {

    private static final String OR = "$or";

    private final PatternDialect dialect;
    /** Whether the pattern nests properties. */
    private boolean nested;

    private PatternParser(PatternDialect dialect) {
        this.dialect = dialect;
    }

    static EventPattern parse(String json, PatternDialect dialect) throws PatternException {
        String subject = dialect.subject();
        if (dialect.maxLength() > 0 && json.length() > dialect.maxLength()) {
            throw new PatternException(Reason.TOO_LARGE, subject + " is too large");
        }
        JsonNode root;
        try {
            root = Json.decimals().readTree(json);
        } catch (JsonProcessingException e) {
            throw new PatternException(Reason.MALFORMED_JSON, "failed to parse JSON. " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PatternException(Reason.NOT_AN_OBJECT, subject + " must be a JSON object");
        }
        PatternParser parser = new PatternParser(dialect);
        EventPattern.Node node = parser.node(root, "");
        if (parser.nested && dialect.nestingRefusal() != null) {
            throw new PatternException(Reason.NESTED_KEYS, dialect.nestingRefusal());
        }
        if (dialect.maxKeys() > 0 && topLevelKeys(root) > dialect.maxKeys()) {
            throw new PatternException(Reason.TOO_MANY_KEYS,
                    subject + " can not have more than " + dialect.maxKeys() + " keys");
        }
        if (dialect.maxCombinations() > 0 && combinations(root, 1) > dialect.maxCombinations()) {
            throw new PatternException(Reason.TOO_COMPLEX, subject + " is too complex");
        }
        return new EventPattern(node, dialect);
    }

    private EventPattern.Node node(JsonNode object, String prefix) throws PatternException {
        List<EventPattern.Rule> rules = new ArrayList<>();
        List<List<EventPattern.Node>> alternatives = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : object.properties()) {
            String key = f.getKey();
            JsonNode value = f.getValue();
            if (key.equals(OR) && value.isArray()) {
                List<EventPattern.Node> group = new ArrayList<>();
                for (JsonNode alternative : value) {
                    if (!alternative.isObject()) {
                        throw PatternException.invalid("\"$or\" must be an array of objects");
                    }
                    group.add(node(alternative, prefix));
                }
                if (group.size() < 2) {
                    throw PatternException.invalid("\"$or\" must have at least 2 objects");
                }
                alternatives.add(group);
                continue;
            }
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value.isObject()) {
                nested = true;
                EventPattern.Node child = node(value, path);
                rules.addAll(child.rules());
                alternatives.addAll(child.alternatives());
            } else if (value.isArray()) {
                rules.add(new EventPattern.Rule(path, conditions(value)));
            } else {
                throw PatternException.invalid("\"" + key + "\" must be an object or an array");
            }
        }
        return new EventPattern.Node(List.copyOf(rules), List.copyOf(alternatives));
    }

    private List<Condition> conditions(JsonNode array) throws PatternException {
        if (array.isEmpty()) {
            throw PatternException.invalid("Empty arrays are not allowed");
        }
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode item : array) {
            if (item.isObject()) {
                conditions.add(operator(item));
            } else if (item.isValueNode()) {
                conditions.add(new Condition.Exact(leaf(item)));
            } else {
                throw PatternException.invalid("Match value must be String, number, true, false, or null");
            }
        }
        return List.copyOf(conditions);
    }

    /** A literal of the pattern, numbers in the dialect's precision. */
    private PatternValue leaf(JsonNode item) {
        if (item.isNumber()) {
            return new PatternValue.Number(dialect.number(item.decimalValue()));
        }
        if (item.isBoolean()) {
            return new PatternValue.Bool(item.booleanValue());
        }
        if (item.isNull()) {
            return PatternValue.NULL;
        }
        return new PatternValue.Text(item.asText());
    }

    private Condition operator(JsonNode object) throws PatternException {
        if (object.size() != 1) {
            throw PatternException.invalid(object.isEmpty() ? "Empty objects are not allowed"
                    : "Only one key allowed in match expression");
        }
        Map.Entry<String, JsonNode> only = object.properties().iterator().next();
        JsonNode value = only.getValue();
        switch (only.getKey()) {
            case "prefix":
                return value.isObject() && dialect.has(Feature.IGNORE_CASE_AFFIXES)
                        ? new Condition.Prefix(ignoreCase(value, "prefix"), true)
                        : new Condition.Prefix(string(value, "prefix"), false);
            case "suffix":
                return value.isObject() && dialect.has(Feature.IGNORE_CASE_AFFIXES)
                        ? new Condition.Suffix(ignoreCase(value, "suffix"), true)
                        : new Condition.Suffix(string(value, "suffix"), false);
            case "equals-ignore-case":
                return new Condition.EqualsIgnoreCase(string(value, "equals-ignore-case"));
            case "exists":
                if (!value.isBoolean()) {
                    throw PatternException.invalid("exists match pattern must be either true or false.");
                }
                return new Condition.Exists(value.booleanValue());
            case "cidr":
                // AWS names the wrong operator here; clients may match on the message
                return new Condition.Cidr(CidrRange.parse(string(value, "prefix")));
            case "anything-but":
                return anythingBut(value);
            case "numeric":
                return numeric(value);
            case "wildcard":
                if (dialect.has(Feature.WILDCARD)) {
                    return Condition.Wildcard.of(string(value, "wildcard"));
                }
                break;
            default:
                break;
        }
        throw PatternException.invalid("Unrecognized match type " + only.getKey());
    }

    /** The operand of {@code {"prefix": {"equals-ignore-case": "..."}}}. */
    private static String ignoreCase(JsonNode object, String operator) throws PatternException {
        if (object.size() != 1 || !object.has("equals-ignore-case")) {
            throw PatternException.invalid(operator + " match pattern must be a string");
        }
        return string(object.get("equals-ignore-case"), operator);
    }

    private static String string(JsonNode value, String operator) throws PatternException {
        if (!value.isTextual()) {
            throw PatternException.invalid(operator + " match pattern must be a string");
        }
        return value.textValue();
    }

    private Condition anythingBut(JsonNode value) throws PatternException {
        Set<PatternValue> excluded = new HashSet<>();
        if (value.isTextual() || value.isNumber()) {
            excluded.add(leaf(value));
        } else if (value.isArray()) {
            if (value.isEmpty()) {
                throw PatternException.invalid("Empty arrays are not allowed");
            }
            for (JsonNode item : value) {
                if (!item.isTextual() && !item.isNumber()) {
                    throw PatternException.invalid("Inside anything but list, start|null|boolean is not supported.");
                }
                excluded.add(leaf(item));
            }
        } else if (value.isObject()) {
            if (value.size() != 1) {
                throw PatternException.invalid("Only one key allowed in match expression");
            }
            String operator = value.properties().iterator().next().getKey();
            boolean supported = operator.equals("prefix") || dialect.has(Feature.ANYTHING_BUT_OPERATORS)
                    && (operator.equals("suffix") || operator.equals("equals-ignore-case")
                    || operator.equals("wildcard") && dialect.has(Feature.WILDCARD));
            if (!supported) {
                throw PatternException.invalid("Unsupported anything-but pattern: " + operator);
            }
            return new Condition.AnythingBut(Set.of(), (Condition.AnyValue) operator(value));
        } else {
            throw PatternException.invalid("Value of anything-but must be an array or single string/number value.");
        }
        return new Condition.AnythingBut(Set.copyOf(excluded), null);
    }

    private Condition numeric(JsonNode value) throws PatternException {
        if (!value.isArray()) {
            throw PatternException.invalid("Value of numeric must be an array.");
        }
        if (value.isEmpty()) {
            throw PatternException.invalid("Invalid member in numeric match: ]");
        }
        JsonNode first = value.get(0);
        if (!first.isTextual()) {
            throw PatternException.invalid("Invalid member in numeric match: " + first.asText());
        }
        String op = first.textValue();
        if (op.equals("=")) {
            BigDecimal equal = number(value, 1, "equals");
            if (value.size() > 2) {
                throw PatternException.invalid("Too many elements in numeric expression");
            }
            return new Condition.Numeric(equal, null, false, null, false);
        }
        boolean lowerOp = op.equals(">") || op.equals(">=");
        boolean upperOp = op.equals("<") || op.equals("<=");
        if (!lowerOp && !upperOp) {
            throw PatternException.invalid("Unrecognized numeric range operator: " + op);
        }
        BigDecimal bound = number(value, 1, op);
        if (upperOp) {
            if (value.size() > 2) {
                throw PatternException.invalid("Too many elements in numeric expression");
            }
            return new Condition.Numeric(null, null, false, bound, op.equals("<="));
        }
        if (value.size() == 2) {
            return new Condition.Numeric(null, bound, op.equals(">="), null, false);
        }
        JsonNode second = value.get(2);
        if (!second.isTextual()) {
            throw PatternException.invalid("Bad value in numeric range: " + second.asText());
        }
        String op2 = second.textValue();
        if (!op2.equals("<") && !op2.equals("<=")) {
            throw PatternException.invalid("Bad numeric range operator: " + op2);
        }
        BigDecimal top = number(value, 3, op2);
        if (value.size() > 4) {
            throw PatternException.invalid("Too many terms in numeric range expression");
        }
        if (bound.compareTo(top) >= 0) {
            throw PatternException.invalid("Bottom must be less than top");
        }
        return new Condition.Numeric(null, bound, op.equals(">="), top, op2.equals("<="));
    }

    /** An operand of {@code numeric}, checked against the dialect's limit and brought to its precision. */
    private BigDecimal number(JsonNode array, int index, String op) throws PatternException {
        JsonNode n = array.get(index);
        if (n == null || !n.isNumber()) {
            throw PatternException.invalid("Value of " + op + " must be numeric");
        }
        BigDecimal value = n.decimalValue();
        BigDecimal limit = dialect.numericLimit();
        if (limit != null && value.abs().compareTo(limit) > 0) {
            throw PatternException.invalid("Value of " + op + " must be between -" + limit.toPlainString() + " and "
                    + limit.toPlainString());
        }
        return dialect.number(value);
    }

    // ---- limits --------------------------------------------------------------------------------

    /**
     * Keys at the top level, the most any one way through the {@code $or}s takes (nested body
     * properties count once, under their top-level key, as AWS documents for payload filtering).
     */
    private static int topLevelKeys(JsonNode object) {
        int own = 0;
        int widestAlternatives = 0;
        for (Map.Entry<String, JsonNode> f : object.properties()) {
            if (f.getKey().equals(OR) && f.getValue().isArray()) {
                int widest = 0;
                for (JsonNode alternative : f.getValue()) {
                    widest = Math.max(widest, topLevelKeys(alternative));
                }
                widestAlternatives += widest;
            } else {
                own++;
            }
        }
        return own + widestAlternatives;
    }

    /**
     * The combinations AWS counts: the product over the leaf keys of their number of values times
     * their depth (AWS's worked example: a three-level key with four values counts 3 x 4), summed over
     * the alternatives of each {@code $or}.
     */
    private static long combinations(JsonNode object, int depth) {
        long product = 1;
        for (Map.Entry<String, JsonNode> f : object.properties()) {
            JsonNode value = f.getValue();
            long factor;
            if (f.getKey().equals(OR) && value.isArray()) {
                factor = 0;
                for (JsonNode alternative : value) {
                    factor += combinations(alternative, depth);
                }
            } else if (value.isObject()) {
                factor = combinations(value, depth + 1);
            } else {
                factor = (long) depth * value.size();
            }
            product = Math.min(product * Math.max(factor, 1), Long.MAX_VALUE / 1024);
        }
        return product;
    }
}
