package dev.gureum.s3.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class SegmentsTest {

    private static final Path DIR = Path.of("data", "s3", "segments");

    @Test
    void aSliceNamesItsSegmentOffsetAndLength() {
        Segments.Slice slice = Segments.slice(DIR.resolve("0badcafe-0000000001.seg@4096+512"));
        assertThat(slice).isEqualTo(new Segments.Slice(DIR.resolve("0badcafe-0000000001.seg"), 4096, 512));
        assertThat(Segments.slice(DIR.resolve("0badcafe-0000000012.seg@0+0")))
                .isEqualTo(new Segments.Slice(DIR.resolve("0badcafe-0000000012.seg"), 0, 0));
    }

    @Test
    void otherNamesAreNoSlices() {
        assertThat(Segments.slice(null)).isNull();
        for (String name : new String[] {"0badcafe-0000000001.seg", "0badcafe-0000000001.seg@4096",
                "0badcafe-0000000001.seg@+4", "0badcafe-0000000001.seg@4+", "0badcafe-0000000001.seg@4+5x", "0badcafe-0000000001.seg@-4+5",
                "0BADCAFE-0000000001.seg@4+5", "0badcafe-000000001.seg@4+5", "0badcafe_0000000001.seg@4+5",
                "0badcafe-0000000001.sex@4+5", "0badcafe-0000000001.seg#4+5", "a1b2c3d4-e5f6", "object-1"}) {
            assertThat(Segments.isSliceName(name)).as(name).isFalse();
            assertThat(Segments.slice(DIR.resolve(name))).as(name).isNull();
        }
        assertThat(Segments.isSliceName("0badcafe-0000000001.seg@4+5")).isTrue();
    }
}
