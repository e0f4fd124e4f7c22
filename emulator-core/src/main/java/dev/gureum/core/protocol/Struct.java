package dev.gureum.core.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An operation's output (or a nested structure in it), in member order, independent of the wire
 * protocol. Members hold strings, numbers, booleans, {@link Instant}s, {@code byte[]} (blobs),
 * nested {@code Struct}s, {@link ListValue}s and {@link MapValue}s. The codecs render it: XML
 * protocols use the list and map naming carried by the values, JSON protocols ignore it.
 * A {@code null} member is left out, as AWS leaves out absent members.
 */
public final class Struct {

    private final Map<String, Object> members = new LinkedHashMap<>();

    public static Struct of() {
        return new Struct();
    }

    public Struct put(String name, Object value) {
        if (value != null) {
            members.put(name, value);
        }
        return this;
    }

    /** A list whose members are wrapped: {@code <Name><member>..</member></Name>}. */
    public Struct list(String name, Collection<?> items) {
        return items == null ? this : put(name, ListValue.wrapped(items));
    }

    /** A list whose members repeat the member name: {@code <Name>..</Name><Name>..</Name>}. */
    public Struct flatList(String name, Collection<?> items) {
        return items == null ? this : put(name, ListValue.flattened(items));
    }

    public <T> Struct list(String name, Collection<T> items, Function<T, ?> mapper) {
        if (items == null) {
            return this;
        }
        List<Object> mapped = new ArrayList<>(items.size());
        for (T item : items) {
            mapped.add(mapper.apply(item));
        }
        return put(name, ListValue.wrapped(mapped));
    }

    public Object get(String name) {
        return members.get(name);
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    public Map<String, Object> members() {
        return Collections.unmodifiableMap(members);
    }

    @Override
    public String toString() {
        return members.toString();
    }
}
