package dev.gureum.core.persist;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A service's state in miniature: entries by key, kept as the persistence pattern says. */
final class TestState {

    record Entry(String key, long value, String text, Map<String, String> tags) {
    }

    record Removed(String key) {
    }

    static final RecordType<Entry> ENTRY = RecordType.of(1, Entry.class, 1,
            (entry, out) -> {
                out.writeString(entry.key());
                out.writeLong(entry.value());
                out.writeString(entry.text());
                out.writeStringMap(entry.tags());
            },
            (in, version) -> new Entry(in.readString(), in.readLong(), in.readString(), in.readStringMap()));

    static final RecordType<Removed> REMOVED = RecordType.of(2, Removed.class, 1,
            (removed, out) -> out.writeString(removed.key()),
            (in, version) -> new Removed(in.readString()));

    static final RecordTypes TYPES = RecordTypes.of(ENTRY, REMOVED);

    final Map<String, Entry> entries = new ConcurrentHashMap<>();
    long replayed;

    void apply(Object record) {
        replayed++;
        if (record instanceof Entry entry) {
            entries.put(entry.key(), entry);
        } else if (record instanceof Removed removed) {
            entries.remove(removed.key());
        }
    }

    Iterable<?> records() {
        return entries.values();
    }

    Journal open(Path directory, JournalOptions options) {
        return Journal.open(directory, TYPES, options, this::apply, this::records);
    }

    static Entry entry(String key, long value) {
        return new Entry(key, value, "text of " + key + " ".repeat((int) (value % 7)), Map.of("k", key));
    }

    static List<String> keys(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "key-" + i).toList();
    }
}
