package dev.gureum.ec2.protocol;

import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.InstanceState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Pieces of EC2 output used by many operations. */
final class Render {

    private Render() {
    }

    /** {@code tagSet}: items of {@code key} and {@code value}; absent when there are no tags, as AWS leaves it out. */
    static List<Struct> tagSet(Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return null;
        }
        List<Struct> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(Struct.of().put("key", k).put("value", v)));
        return out;
    }

    static Struct state(InstanceState state) {
        return Struct.of().put("code", state.code()).put("name", state.wireName());
    }

    /**
     * A tree of facts (maps of XML member names, lists, scalars) as output: maps become structures, lists
     * become {@code <item>} lists.
     */
    static Object tree(Object node) {
        if (node instanceof Map<?, ?> map) {
            Struct s = Struct.of();
            map.forEach((k, v) -> s.put(String.valueOf(k), tree(v)));
            return s;
        }
        if (node instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            list.forEach(v -> items.add(tree(v)));
            return dev.gureum.core.protocol.ListValue.wrapped(items);
        }
        return node;
    }

    /** Prices as AWS writes them in Spot and Reserved Instance answers: plain decimals. */
    static String price(double value, int decimals) {
        return java.math.BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
