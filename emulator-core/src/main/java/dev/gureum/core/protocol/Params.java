package dev.gureum.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An operation's decoded input, the same whichever protocol carried it: a tree of named members.
 * Query forms ({@code Attribute.1.Name=x}), JSON bodies and XML bodies become the same tree, and the
 * accessors here hide their differences (indexed vs. array lists, {@code member}/{@code item}/{@code entry}
 * wrappers, strings vs. typed JSON scalars). Type errors become the AWS validation error the
 * protocol's clients expect.
 */
public final class Params {

    /** Where the tree came from; lists and maps are spelled differently in each. */
    public enum Origin { FORM, JSON, XML }

    private static final Params EMPTY = new Params(JsonNodeFactory.instance.objectNode(), Origin.JSON, "");
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\r\\n]+");

    private final JsonNode node;
    private final Origin origin;
    private final String path;

    public Params(JsonNode node, Origin origin) {
        this(node, origin, "");
    }

    private Params(JsonNode node, Origin origin, String path) {
        this.node = node == null ? JsonNodeFactory.instance.missingNode() : node;
        this.origin = origin;
        this.path = path;
    }

    public static Params empty() {
        return EMPTY;
    }

    /** Builds the tree of a query-protocol form: {@code A.B.1.C=v} becomes {@code {A:{B:{1:{C:v}}}}}. */
    public static Params fromForm(Map<String, List<String>> form) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            String value = e.getValue().isEmpty() ? "" : e.getValue().get(0);
            ObjectNode parent = root;
            String[] parts = e.getKey().split("\\.", -1);
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = parent.get(parts[i]);
                if (!(child instanceof ObjectNode)) {
                    child = parent.putObject(parts[i]);
                }
                parent = (ObjectNode) child;
            }
            String leaf = parts[parts.length - 1];
            if (!(parent.get(leaf) instanceof ObjectNode)) {
                parent.put(leaf, value);
            }
        }
        return new Params(root, Origin.FORM);
    }

    public JsonNode node() {
        return node;
    }

    public Origin origin() {
        return origin;
    }

    public boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    public boolean has(String name) {
        JsonNode child = node.get(name);
        return child != null && !child.isNull();
    }

    /** Member names present at this level. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public Params get(String name) {
        return new Params(node.get(name), origin, child(name));
    }

    // ---- scalars -------------------------------------------------------------------------------

    /** This node as text; {@code null} when absent. A structure or list where text belongs is a type error. */
    public String asString() {
        if (!isPresent()) {
            return null;
        }
        if (node.isContainerNode()) {
            throw invalid(path, "a string");
        }
        return node.asText();
    }

    public String string(String name) {
        return get(name).asString();
    }

    public String string(String name, String defaultValue) {
        String value = string(name);
        return value == null ? defaultValue : value;
    }

    public String requireString(String name) {
        String value = string(name);
        if (value == null) {
            throw missing(child(name));
        }
        return value;
    }

    public Integer integer(String name) {
        Long value = longValue(name);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw invalid(child(name), "an integer");
        }
        return value.intValue();
    }

    public int integer(String name, int defaultValue) {
        Integer value = integer(name);
        return value == null ? defaultValue : value;
    }

    public Long longValue(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return null;
        }
        if (child.isIntegralNumber() && child.canConvertToLong()) {
            return child.asLong();
        }
        if (child.isTextual() && origin != Origin.JSON) {
            try {
                return Long.parseLong(child.asText().trim());
            } catch (NumberFormatException e) {
                throw invalid(child(name), "an integer");
            }
        }
        throw invalid(child(name), "an integer");
    }

    public Double doubleValue(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return null;
        }
        if (child.isNumber()) {
            return child.asDouble();
        }
        if (child.isTextual() && origin != Origin.JSON) {
            try {
                return Double.parseDouble(child.asText().trim());
            } catch (NumberFormatException e) {
                throw invalid(child(name), "a number");
            }
        }
        throw invalid(child(name), "a number");
    }

    public Boolean bool(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return null;
        }
        if (child.isBoolean()) {
            return child.asBoolean();
        }
        if (child.isTextual() && origin != Origin.JSON) {
            String text = child.asText().trim();
            if (text.equalsIgnoreCase("true")) {
                return true;
            }
            if (text.equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw invalid(child(name), "a boolean");
    }

    public boolean bool(String name, boolean defaultValue) {
        Boolean value = bool(name);
        return value == null ? defaultValue : value;
    }

    /** A blob member: base64 text in every protocol (line breaks and spaces in it are ignored). */
    public byte[] blob(String name) {
        String text = string(name);
        if (text == null) {
            return null;
        }
        try {
            // not the MIME decoder: it skips every character outside the alphabet, so any text would "decode"
            return Base64.getDecoder().decode(WHITESPACE.matcher(text).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw invalid(child(name), "base64-encoded binary data");
        }
    }

    // ---- structures, lists, maps ---------------------------------------------------------------

    /** A nested structure; an absent one reads as empty. */
    public Params object(String name) {
        JsonNode child = node.get(name);
        if (child != null && !child.isNull() && !child.isObject()) {
            throw invalid(child(name), "a structure");
        }
        return new Params(child, origin, child(name));
    }

    /**
     * The items of a list member: a JSON array; indexed form members {@code Name.1}, {@code Name.2}
     * (also under a {@code member} or {@code item} wrapper); or repeated XML elements.
     */
    public List<Params> list(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull() || child.isMissingNode()) {
            return List.of();
        }
        String childPath = child(name);
        List<Params> items = new ArrayList<>();
        if (child.isArray()) {
            int i = 0;
            for (JsonNode item : child) {
                items.add(new Params(item, origin, childPath + "." + (++i)));
            }
            return items;
        }
        if (origin == Origin.JSON) {
            throw invalid(childPath, "a list");
        }
        if (origin == Origin.FORM && child.isTextual() && child.asText().isEmpty()) {
            // the query protocol sends an empty list as the bare name: "AttributeNames="
            return List.of();
        }
        if (origin == Origin.FORM && child.isObject()) {
            JsonNode indexed = child;
            for (String wrapper : new String[] {"member", "item"}) {
                JsonNode inner = child.get(wrapper);
                if (inner != null && inner.isObject() && child.size() == 1) {
                    indexed = inner;
                    childPath = childPath + "." + wrapper;
                }
            }
            TreeMap<Integer, JsonNode> byIndex = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = indexed.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                try {
                    byIndex.put(Integer.parseInt(f.getKey()), f.getValue());
                } catch (NumberFormatException e) {
                    // not an index: a member of a single, unindexed structure
                    return List.of(new Params(child, origin, childPath));
                }
            }
            for (Map.Entry<Integer, JsonNode> e : byIndex.entrySet()) {
                items.add(new Params(e.getValue(), origin, childPath + "." + e.getKey()));
            }
            return items;
        }
        // a single XML element, or an unindexed form value
        return List.of(new Params(child, origin, childPath));
    }

    /** The texts of a list of strings. */
    public List<String> stringList(String name) {
        List<String> values = new ArrayList<>();
        for (Params item : list(name)) {
            String text = item.asString();
            if (text != null) {
                values.add(text);
            }
        }
        return values;
    }

    /**
     * A map member. JSON: an object. Form and XML: a list of entries, each with a key and a value
     * member named {@code keyName} and {@code valueName} (AWS uses {@code entry.N.key}/{@code value},
     * or flattened {@code Attribute.N.Name}/{@code Value}); a wrapper {@code entry} is looked through.
     */
    public Map<String, Params> map(String name, String keyName, String valueName) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull() || child.isMissingNode()) {
            return Map.of();
        }
        Map<String, Params> result = new LinkedHashMap<>();
        if (origin == Origin.JSON) {
            if (!child.isObject()) {
                throw invalid(child(name), "a map");
            }
            child.fields().forEachRemaining(e ->
                    result.put(e.getKey(), new Params(e.getValue(), origin, child(name) + "." + e.getKey())));
            return result;
        }
        Params holder = this;
        String listName = name;
        if (child.isObject() && child.size() == 1 && child.has("entry")) {
            holder = get(name);
            listName = "entry";
        }
        for (Params entry : holder.list(listName)) {
            String key = entry.string(keyName);
            if (key == null) {
                throw missing(entry.path + "." + keyName);
            }
            result.put(key, entry.get(valueName));
        }
        return result;
    }

    /** A map of strings to strings. */
    public Map<String, String> stringMap(String name, String keyName, String valueName) {
        Map<String, String> result = new LinkedHashMap<>();
        map(name, keyName, valueName).forEach((k, v) -> result.put(k, v.asString()));
        return Collections.unmodifiableMap(result);
    }

    // ---- errors --------------------------------------------------------------------------------

    public String path() {
        return path;
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static AwsException missing(String path) {
        return new AwsException(CommonError.MISSING_PARAMETER,
                "The request must contain the parameter " + path);
    }

    private static AwsException invalid(String path, String expected) {
        return new AwsException(CommonError.INVALID_PARAMETER_VALUE,
                "Value for parameter " + path + " is invalid: expected " + expected + ".");
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
