package dev.gureum.s3.domain;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance of each of the strings that most objects repeat (a bucket's name, the owner's account, the
 * storage class, header and checksum names, {@code null} version ids), for the objects read back at start:
 * 100,000 objects then hold a few shared strings instead of a copy each. Only short strings are kept, and
 * at most {@link #LIMIT} of them; others are returned as they are.
 */
final class SharedStrings {

    static final int LIMIT = 4096;
    private static final int LONGEST = 64;
    private static final ConcurrentHashMap<String, String> SHARED = new ConcurrentHashMap<>();

    private SharedStrings() {
    }

    /** The shared instance equal to {@code s}, or {@code s}. */
    static String of(String s) {
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
