package dev.gureum.core.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>The members are kept in two arrays, names and values, in the order they were first put: a
 * structure has a handful of members, so a look-up by name is a short scan, and an answer of many
 * small structures (ten received messages) costs two arrays each instead of a hash map.
 */
public final class Struct {

    private String[] names = new String[6];
    private Object[] values = new Object[6];
    private int size;

    public static Struct of() {
        return new Struct();
    }

    public Struct put(String name, Object value) {
        if (value == null) {
            return this;
        }
        int i = indexOf(name);
        if (i >= 0) {
            values[i] = value;
            return this;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
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
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The number of members; {@link #name(int)} and {@link #value(int)} read them in order. */
    public int size() {
        return size;
    }

    public String name(int index) {
        return names[checked(index)];
    }

    public Object value(int index) {
        return values[checked(index)];
    }

    /** The members in order, as a map: a copy, which later puts do not change. */
    public Map<String, Object> members() {
        Map<String, Object> members = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            members.put(names[i], values[i]);
        }
        return Collections.unmodifiableMap(members);
    }

    private int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private int checked(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return index;
    }

    @Override
    public String toString() {
        return members().toString();
    }
}
