package dev.gureum.s3.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class KeyOrderTest {

    private static final String CLEF = "\uD834\uDD1E";

    private static int utf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void charactersBeyondTheBmpSortAfterTheRestOfTheBmp() {
        // UTF-16 puts surrogates (U+D800..) before U+E000..U+FFFF; UTF-8 bytes put them after
        assertThat("\uE000".compareTo(CLEF)).isPositive();
        assertThat(KeyOrder.INSTANCE.compare("\uE000", CLEF)).isNegative();
        assertThat(KeyOrder.INSTANCE.compare("\uFFFD", CLEF)).isNegative();
        assertThat(KeyOrder.INSTANCE.compare("x" + CLEF, "x\uFFFF")).isPositive();
    }

    @Test
    void prefixesComeFirst() {
        assertThat(KeyOrder.INSTANCE.compare("a", "a/")).isNegative();
        assertThat(KeyOrder.INSTANCE.compare("a/", "a")).isPositive();
        assertThat(KeyOrder.INSTANCE.compare("", "a")).isNegative();
        assertThat(KeyOrder.INSTANCE.compare("same", "same")).isZero();
    }

    @Test
    void asciiAndKoreanAsTheirBytes() {
        List<String> keys = new ArrayList<>(List.of("b", "A", "a", "~", "é", "구름", "가", "a b", "a+b", "a/b", "Z"));
        keys.sort(KeyOrder.INSTANCE);
        assertThat(keys).containsExactly("A", "Z", "a", "a b", "a+b", "a/b", "b", "~", "é", "가", "구름");
    }

    @Test
    void agreesWithUtf8ByteOrderOnRandomStrings() {
        Random random = new Random(42);
        int[] pool = {'a', 'z', '/', 0x7f, 0xe9, 0x7ff, 0x800, 0xac00, 0xd7a3, 0xe000, 0xfffd, 0x10000, 0x1d11e, 0x1f600,
                0x10ffff};
        for (int i = 0; i < 5000; i++) {
            String a = randomString(random, pool);
            String b = randomString(random, pool);
            assertThat(Integer.signum(KeyOrder.INSTANCE.compare(a, b))).as("%s vs %s", a, b)
                    .isEqualTo(Integer.signum(utf8(a, b)));
        }
    }

    private static String randomString(Random random, int[] pool) {
        StringBuilder b = new StringBuilder();
        int length = random.nextInt(5);
        for (int i = 0; i < length; i++) {
            b.appendCodePoint(pool[random.nextInt(pool.length)]);
        }
        return b.toString();
    }
}
