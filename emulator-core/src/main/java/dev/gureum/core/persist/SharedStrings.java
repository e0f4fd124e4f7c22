package dev.gureum.core.persist;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance of each of the strings that many records repeat (an account, a bucket's name, a storage
 * class, header and attribute names), for the state read back at start: 100,000 objects then hold a few
 * shared strings instead of a copy each. Only short strings are kept, and at most {@link #LIMIT} of them;
 * others are returned as they are. {@link RecordInput#readSharedString()} reads one.
 */
public final class SharedStrings {

    public static final int LIMIT = 4096;
    private static final int LONGEST = 64;
    private static final ConcurrentHashMap<String, String> SHARED = new ConcurrentHashMap<>();

    private SharedStrings() {
    }

    /** The shared instance equal to {@code s}, or {@code s}. */
    public static String of(String s) {
        if (s == null || s.length() > LONGEST) {
            return s;
        }
        String shared = SHARED.get(s);
        if (shared != null) {
            return shared;
        }
        if (SHARED.size() >= LIMIT) {
            return s;
        }
        shared = SHARED.putIfAbsent(s, s);
        return shared != null ? shared : s;
    }
}
