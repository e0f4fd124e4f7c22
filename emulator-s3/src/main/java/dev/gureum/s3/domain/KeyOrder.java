package dev.gureum.s3.domain;

import java.util.Comparator;

/**
 * S3 lists keys in the order of their UTF-8 bytes. Comparing code points gives that order; Java's
 * {@code String.compareTo} (UTF-16 units) does not for characters beyond the Basic Multilingual Plane.
 */
public final class KeyOrder implements Comparator<String> {

    public static final KeyOrder INSTANCE = new KeyOrder();

    private KeyOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
