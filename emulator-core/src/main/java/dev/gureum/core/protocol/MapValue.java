package dev.gureum.core.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map member of a {@link Struct}. XML protocols write it as entries
 * ({@code <entry><key>..</key><value>..</value></entry>} by default, or the names the model
 * gives, flattened or not); JSON protocols write a plain object.
 */
public record MapValue(Map<String, Object> entries, boolean flattened, String entryName,
                       String keyName, String valueName) {

    public MapValue {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public static MapValue of(Map<String, ?> entries) {
        return new MapValue(copy(entries), false, "entry", "key", "value");
    }

    public static MapValue flattened(Map<String, ?> entries, String entryName, String keyName, String valueName) {
        return new MapValue(copy(entries), true, entryName, keyName, valueName);
    }

    public static MapValue wrapped(Map<String, ?> entries, String entryName, String keyName, String valueName) {
        return new MapValue(copy(entries), false, entryName, keyName, valueName);
    }

    private static Map<String, Object> copy(Map<String, ?> entries) {
        return new LinkedHashMap<>(entries);
    }
}
