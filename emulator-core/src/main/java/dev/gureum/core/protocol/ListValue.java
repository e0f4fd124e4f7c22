package dev.gureum.core.protocol;

import java.util.Collection;
import java.util.List;

/**
 * A list member of a {@link Struct}. For the XML protocols it says how the items are written:
 * wrapped in the member element with each item named {@code memberName} (the default
 * {@code member}, {@code item} for EC2), or flattened, each item named after the list itself
 * (or {@code memberName} when the model gives the flattened list another location name).
 */
public record ListValue(List<Object> items, boolean flattened, String memberName) {

    public ListValue {
        items = List.copyOf(items);
    }

    public static ListValue wrapped(Collection<?> items) {
        return new ListValue(List.copyOf(items), false, null);
    }

    public static ListValue wrapped(Collection<?> items, String memberName) {
        return new ListValue(List.copyOf(items), false, memberName);
    }

    public static ListValue flattened(Collection<?> items) {
        return new ListValue(List.copyOf(items), true, null);
    }

    public static ListValue flattened(Collection<?> items, String itemName) {
        return new ListValue(List.copyOf(items), true, itemName);
    }
}
