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
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                // UTF-16 units order code points except that surrogates (a pair stands for a code point
                // above U+FFFF) sort below U+E000..U+FFFF: move them above
                if (ca >= 0xD800 && cb >= 0xD800) {
                    return shift(ca) - shift(cb);
                }
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    private static int shift(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
