package dev.gureum.s3.http;

import dev.gureum.s3.domain.S3Object;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HotObjectsTest {

    private static S3Object version(String key, long size) {
        return new S3Object(key, "null", false, "etag", size, Instant.EPOCH, Map.of(), Map.of(), Map.of(), null,
                List.of(), Map.of(), "STANDARD", "000000000000", Path.of("blob-" + key));
    }

    @Test
    void keepsTheBytesOfOneRecordOnly() {
        HotObjects hot = new HotObjects(1024 * 1024);
        S3Object first = version("k", 3);
        hot.put(first, new byte[] {1, 2, 3});
        assertThat(hot.get(first)).containsExactly(1, 2, 3);
        // an equal record is another version (or the same one with other metadata): read from its file
        assertThat(first.withTags(Map.of())).isEqualTo(first);
        assertThat(hot.get(first.withTags(Map.of()))).isNull();
    }

    @Test
    void keepsOnlyWholeSmallObjects() {
        HotObjects hot = new HotObjects(1024 * 1024);
        S3Object partial = version("partial", 10);
        hot.put(partial, new byte[4]);
        assertThat(hot.get(partial)).isNull();
        S3Object large = version("large", HotObjects.MAX_OBJECT + 1);
        hot.put(large, new byte[HotObjects.MAX_OBJECT + 1]);
        assertThat(hot.get(large)).isNull();
    }

    @Test
    void staysWithinItsBudget() {
        HotObjects hot = new HotObjects(64 * 1024);
        List<S3Object> versions = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            S3Object version = version("k" + i, 4096);
            versions.add(version);
            hot.put(version, new byte[4096]);
        }
        long kept = versions.stream().filter(v -> hot.get(v) != null).count();
        assertThat(kept).isBetween(1L, 64L * 1024 / 4096);
        assertThat(hot.get(versions.get(999))).isNotNull();
        hot.clear();
        assertThat(versions.stream().filter(v -> hot.get(v) != null)).isEmpty();
    }
}
