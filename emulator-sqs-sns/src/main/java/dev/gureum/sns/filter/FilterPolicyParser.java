package dev.gureum.sns.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a filter policy and refuses, with AWS's messages, what AWS refuses: unknown operators,
 * malformed numeric ranges and CIDR blocks, more than five keys, more than 150 combinations, nested
 * properties where the scope is the message attributes.
 */
final class FilterPolicyParser {

    static final int MAX_KEYS = 5;
    static final int MAX_COMBINATIONS = 150;
    static final int MAX_SIZE = 256 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String OR = "$or";

    private FilterPolicyParser() {
    }

    static FilterPolicy parse(String json, FilterPolicy.Scope scope) throws FilterPolicyException {
        if (json.length() > MAX_SIZE) {
            throw new FilterPolicyException("Filter policy is too large");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new FilterPolicyException("failed to parse JSON. " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new FilterPolicyException("Filter policy must be a JSON object");
        }
        Shape shape = new Shape();
        FilterPolicy.Node node = node(root, "", 1, shape);
        if (scope == FilterPolicy.Scope.MESSAGE_ATTRIBUTES && shape.nested) {
            throw new FilterPolicyException("Filter policy scope MessageAttributes does not support nested filter policy",
                    true);
        }
        if (topLevelKeys(root) > MAX_KEYS) {
            throw new FilterPolicyException("Filter policy can not have more than " + MAX_KEYS + " keys");
        }
        if (combinations(root, 1) > MAX_COMBINATIONS) {
            throw new FilterPolicyException("Filter policy is too complex");
        }
        return new FilterPolicy(node, scope);
    }

    /** Whether the policy nests properties, which only the message body has. */
    private static final class Shape {
        boolean nested;
    }

    private static FilterPolicy.Node node(JsonNode object, String prefix, int depth, Shape shape)
            throws FilterPolicyException {
        List<FilterPolicy.Rule> rules = new ArrayList<>();
        List<List<FilterPolicy.Node>> alternatives = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : object.properties()) {
            String key = f.getKey();
            JsonNode value = f.getValue();
            if (key.equals(OR) && value.isArray()) {
                List<FilterPolicy.Node> group = new ArrayList<>();
                for (JsonNode alternative : value) {
                    if (!alternative.isObject()) {
                        throw new FilterPolicyException("\"$or\" must be an array of objects");
                    }
                    group.add(node(alternative, prefix, depth, shape));
                }
                if (group.size() < 2) {
                    throw new FilterPolicyException("\"$or\" must have at least 2 objects");
                }
                alternatives.add(group);
                continue;
            }
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value.isObject()) {
                shape.nested = true;
                FilterPolicy.Node child = node(value, path, depth + 1, shape);
                rules.addAll(child.rules());
                alternatives.addAll(child.alternatives());
            } else if (value.isArray()) {
                rules.add(new FilterPolicy.Rule(path, conditions(value)));
            } else {
                throw new FilterPolicyException("\"" + key + "\" must be an object or an array");
            }
        }
        return new FilterPolicy.Node(List.copyOf(rules), List.copyOf(alternatives));
    }

    private static List<Condition> conditions(JsonNode array) throws FilterPolicyException {
        if (array.isEmpty()) {
            throw new FilterPolicyException("Empty arrays are not allowed");
        }
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode item : array) {
            if (item.isTextual()) {
                conditions.add(new Condition.Exact(new FilterValue.Text(item.textValue())));
            } else if (item.isNumber()) {
                conditions.add(new Condition.Exact(new FilterValue.Number(item.decimalValue())));
            } else if (item.isBoolean()) {
                conditions.add(new Condition.Exact(new FilterValue.Bool(item.booleanValue())));
            } else if (item.isNull()) {
                conditions.add(new Condition.Exact(FilterValue.NULL));
            } else if (item.isObject()) {
                conditions.add(operator(item));
            } else {
                throw new FilterPolicyException("Match value must be String, number, true, false, or null");
            }
        }
        return List.copyOf(conditions);
    }

    private static Condition operator(JsonNode object) throws FilterPolicyException {
        if (object.size() != 1) {
            throw new FilterPolicyException(object.isEmpty() ? "Empty objects are not allowed"
                    : "Only one key allowed in match expression");
        }
        Map.Entry<String, JsonNode> only = object.properties().iterator().next();
        JsonNode value = only.getValue();
        switch (only.getKey()) {
            case "prefix":
                return new Condition.Prefix(string(value, "prefix"));
            case "suffix":
                return new Condition.Suffix(string(value, "suffix"));
            case "equals-ignore-case":
                return new Condition.EqualsIgnoreCase(string(value, "equals-ignore-case"));
            case "exists":
                if (!value.isBoolean()) {
                    throw new FilterPolicyException("exists match pattern must be either true or false.");
                }
                return new Condition.Exists(value.booleanValue());
            case "cidr":
                // AWS names the wrong operator here; clients may match on the message
                return new Condition.Cidr(CidrRange.parse(string(value, "prefix")));
            case "anything-but":
                return anythingBut(value);
            case "numeric":
                return numeric(value);
            default:
                throw new FilterPolicyException("Unrecognized match type " + only.getKey());
        }
    }

    private static String string(JsonNode value, String operator) throws FilterPolicyException {
        if (!value.isTextual()) {
            throw new FilterPolicyException(operator + " match pattern must be a string");
        }
        return value.textValue();
    }

    private static Condition anythingBut(JsonNode value) throws FilterPolicyException {
        Set<FilterValue> excluded = new HashSet<>();
        if (value.isTextual()) {
            excluded.add(new FilterValue.Text(value.textValue()));
        } else if (value.isNumber()) {
            excluded.add(new FilterValue.Number(value.decimalValue()));
        } else if (value.isArray()) {
            if (value.isEmpty()) {
                throw new FilterPolicyException("Empty arrays are not allowed");
            }
            for (JsonNode item : value) {
                if (item.isTextual()) {
                    excluded.add(new FilterValue.Text(item.textValue()));
                } else if (item.isNumber()) {
                    excluded.add(new FilterValue.Number(item.decimalValue()));
                } else {
                    throw new FilterPolicyException("Inside anything but list, start|null|boolean is not supported.");
                }
            }
        } else if (value.isObject()) {
            if (value.size() != 1) {
                throw new FilterPolicyException("Only one key allowed in match expression");
            }
            Map.Entry<String, JsonNode> only = value.properties().iterator().next();
            if (!only.getKey().equals("prefix")) {
                throw new FilterPolicyException("Unsupported anything-but pattern: " + only.getKey());
            }
            return new Condition.AnythingBut(Set.of(), string(only.getValue(), "prefix"));
        } else {
            throw new FilterPolicyException("Value of anything-but must be an array or single string/number value.");
        }
        return new Condition.AnythingBut(Set.copyOf(excluded), null);
    }

    private static Condition numeric(JsonNode value) throws FilterPolicyException {
        if (!value.isArray()) {
            throw new FilterPolicyException("Value of numeric must be an array.");
        }
        if (value.isEmpty()) {
            throw new FilterPolicyException("Invalid member in numeric match: ]");
        }
        JsonNode first = value.get(0);
        if (!first.isTextual()) {
            throw new FilterPolicyException("Invalid member in numeric match: " + first.asText());
        }
        String op = first.textValue();
        if (op.equals("=")) {
            BigDecimal equal = number(value, 1, "equals");
            if (value.size() > 2) {
                throw new FilterPolicyException("Too many elements in numeric expression");
            }
            return new Condition.Numeric(scale(equal), null, false, null, false);
        }
        boolean lowerOp = op.equals(">") || op.equals(">=");
        boolean upperOp = op.equals("<") || op.equals("<=");
        if (!lowerOp && !upperOp) {
            throw new FilterPolicyException("Unrecognized numeric range operator: " + op);
        }
        BigDecimal bound = number(value, 1, op);
        if (upperOp) {
            if (value.size() > 2) {
                throw new FilterPolicyException("Too many elements in numeric expression");
            }
            return new Condition.Numeric(null, null, false, scale(bound), op.equals("<="));
        }
        if (value.size() == 2) {
            return new Condition.Numeric(null, scale(bound), op.equals(">="), null, false);
        }
        JsonNode second = value.get(2);
        if (!second.isTextual()) {
            throw new FilterPolicyException("Bad value in numeric range: " + second.asText());
        }
        String op2 = second.textValue();
        if (!op2.equals("<") && !op2.equals("<=")) {
            throw new FilterPolicyException("Bad numeric range operator: " + op2);
        }
        BigDecimal top = number(value, 3, op2);
        if (value.size() > 4) {
            throw new FilterPolicyException("Too many terms in numeric range expression");
        }
        if (bound.compareTo(top) >= 0) {
            throw new FilterPolicyException("Bottom must be less than top");
        }
        return new Condition.Numeric(null, scale(bound), op.equals(">="), scale(top), op2.equals("<="));
    }

    private static BigDecimal number(JsonNode array, int index, String op) throws FilterPolicyException {
        JsonNode n = array.get(index);
        if (n == null || !n.isNumber()) {
            throw new FilterPolicyException("Value of " + op + " must be numeric");
        }
        BigDecimal value = n.decimalValue();
        if (value.abs().compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
            throw new FilterPolicyException("Value of " + op + " must be between -1000000000 and 1000000000");
        }
        return value;
    }

    private static BigDecimal scale(BigDecimal value) {
        return new FilterValue.Number(value).value();
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
