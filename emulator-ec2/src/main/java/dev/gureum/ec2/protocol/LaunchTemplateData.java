package dev.gureum.ec2.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.protocol.ListValue;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How launch template data travels: RequestLaunchTemplateData query members in, ResponseLaunchTemplateData
 * XML out, RunInstances query members to launch. The paths of every member come from the EC2 model
 * ({@code launch-template-data.tsv}, derived by {@code tools/derive_launch_template_data.py}).
 */
final class LaunchTemplateData {

    /** One leaf member: its response path steps ({@code name} or {@code name/item}) and its RunInstances pattern. */
    private record Member(String[] response, String runInstances) {
    }

    /** Query patterns ({@code NetworkInterface.#.SubnetId}) to their members. */
    private static final Map<String, Member> MEMBERS = load();

    private LaunchTemplateData() {
    }

    private static Map<String, Member> load() {
        Map<String, Member> members = new HashMap<>();
        try (InputStream in = LaunchTemplateData.class.getResourceAsStream("launch-template-data.tsv")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                members.put(f[0], new Member(f[1].equals("-") ? null : f[1].split("\\."),
                        f[2].equals("-") ? null : f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return members;
    }

    /** The pattern of a query member: its list indices as {@code #}. */
    private static String pattern(String key) {
        String[] parts = key.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isEmpty() && parts[i].chars().allMatch(Character::isDigit)) {
                parts[i] = "#";
            }
        }
        return String.join(".", parts);
    }

    private static List<String> indices(String key) {
        List<String> out = new ArrayList<>();
        for (String part : key.split("\\.")) {
            if (!part.isEmpty() && part.chars().allMatch(Character::isDigit)) {
                out.add(part);
            }
        }
        return out;
    }

    /** The members of a structure of the query as flat {@code A.1.B} keys; members no model knows are left out. */
    static Map<String, String> fromRequest(Params data) {
        Map<String, String> flat = flatten(data.node());
        flat.keySet().removeIf(k -> !MEMBERS.containsKey(pattern(k)));
        return flat;
    }

    /** Every leaf of a query tree as its dotted key. */
    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        flatten(node, "", out);
        return out;
    }

    private static void flatten(JsonNode node, String prefix, Map<String, String> out) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(e.getValue(), prefix.isEmpty() ? e.getKey()
                    : prefix + "." + e.getKey(), out));
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                flatten(item, prefix + "." + (++i), out);
            }
        } else {
            out.put(prefix, node.asText());
        }
    }

    /** The data as RunInstances' members; members RunInstances does not take are left out. */
    static Map<String, String> toRunInstances(Map<String, String> data) {
        Map<String, String> out = new TreeMap<>();
        data.forEach((key, value) -> {
            Member m = MEMBERS.get(pattern(key));
            if (m == null || m.runInstances() == null) {
                return;
            }
            List<String> idx = indices(key);
            StringBuilder name = new StringBuilder();
            int n = 0;
            for (String part : m.runInstances().split("\\.")) {
                if (!name.isEmpty()) {
                    name.append('.');
                }
                name.append(part.equals("#") ? idx.get(n++) : part);
            }
            out.put(name.toString(), value);
        });
        return out;
    }

    /** The data as {@code launchTemplateData}: ResponseLaunchTemplateData, every member as it was given. */
    static Struct render(Map<String, String> data) {
        Map<String, Object> root = new LinkedHashMap<>();
        data.forEach((key, value) -> {
            Member m = MEMBERS.get(pattern(key));
            if (m == null || m.response() == null) {
                return;
            }
            List<String> idx = indices(key);
            int n = 0;
            Map<String, Object> node = root;
            String[] steps = m.response();
            for (int s = 0; s < steps.length; s++) {
                boolean last = s == steps.length - 1;
                String step = steps[s];
                int slash = step.indexOf('/');
                if (slash < 0) {
                    if (last) {
                        node.put(step, value);
                    } else {
                        node = child(node, step);
                    }
                    continue;
                }
                Items items = (Items) node.computeIfAbsent(step.substring(0, slash),
                        k -> new Items(step.substring(slash + 1)));
                int index = Integer.parseInt(idx.get(n++));
                if (last) {
                    items.byIndex.put(index, value);
                } else {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> item = (Map<String, Object>) items.byIndex.computeIfAbsent(index,
                            k -> new LinkedHashMap<String, Object>());
                    node = item;
                }
            }
        });
        return struct(root);
    }

    /** A list in the answer: its items by their index in the request, and the name each item is written under. */
    private static final class Items {
        final String memberName;
        final TreeMap<Integer, Object> byIndex = new TreeMap<>();

        Items(String memberName) {
            this.memberName = memberName;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> node, String name) {
        return (Map<String, Object>) node.computeIfAbsent(name, k -> new LinkedHashMap<String, Object>());
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object node) {
        if (node instanceof Map<?, ?> map) {
            return struct((Map<String, Object>) map);
        }
        if (node instanceof Items items) {
            List<Object> out = new ArrayList<>();
            items.byIndex.values().forEach(v -> out.add(value(v)));
            return ListValue.wrapped(out, items.memberName);
        }
        return node;
    }

    private static Struct struct(Map<String, Object> node) {
        Struct s = Struct.of();
        node.forEach((k, v) -> s.put(k, value(v)));
        return s;
    }
}
