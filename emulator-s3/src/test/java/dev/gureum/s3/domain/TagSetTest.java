package dev.gureum.s3.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagSetTest {

    private static List<Map.Entry<String, String>> tags(String... keysAndValues) {
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tags.add(Map.entry(keysAndValues[i], keysAndValues[i + 1]));
        }
        return tags;
    }

    private static TagRefusal.Reason refusal(Runnable r) {
        try {
            r.run();
        } catch (TagRefusal e) {
            return e.reason();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void keepsTheOrderGiven() {
        assertThat(TagSet.forObject(tags("b", "2", "a", "1")).keySet()).containsExactly("b", "a");
    }

    @Test
    void refusesWhatS3Refuses() {
        assertThat(refusal(() -> TagSet.forObject(tags("a", "1", "a", "2")))).isEqualTo(TagRefusal.Reason.DUPLICATE_KEY);
        assertThat(refusal(() -> TagSet.forObject(tags("", "1")))).isEqualTo(TagRefusal.Reason.INVALID_KEY);
        assertThat(refusal(() -> TagSet.forObject(tags("k".repeat(129), "1")))).isEqualTo(TagRefusal.Reason.INVALID_KEY);
        assertThat(refusal(() -> TagSet.forObject(tags("k", "v".repeat(257))))).isEqualTo(TagRefusal.Reason.INVALID_VALUE);
        assertThat(refusal(() -> TagSet.forObject(tags("aws:x", "1")))).isEqualTo(TagRefusal.Reason.RESERVED_KEY);
    }

    @Test
    void objectsTakeTenTagsAndBucketsFifty() {
        List<Map.Entry<String, String>> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(Map.entry("k" + i, "v"));
        }
        assertThat(refusal(() -> TagSet.forObject(eleven))).isEqualTo(TagRefusal.Reason.TOO_MANY_OBJECT_TAGS);
        assertThat(TagSet.forBucket(eleven)).hasSize(11);
        List<Map.Entry<String, String>> fiftyOne = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            fiftyOne.add(Map.entry("k" + i, "v"));
        }
        assertThatThrownBy(() -> TagSet.forBucket(fiftyOne)).isInstanceOf(TagRefusal.class)
                .extracting(e -> ((TagRefusal) e).reason()).isEqualTo(TagRefusal.Reason.TOO_MANY_BUCKET_TAGS);
    }

    @Test
    void lengthsCountCharactersNotBytes() {
        assertThat(TagSet.forObject(tags("한".repeat(128), "값".repeat(256)))).hasSize(1);
    }
}
