package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VolumeConfigTest {

    private static Integer nullable(String value) {
        return value == null || value.isEmpty() ? null : Integer.valueOf(value);
    }

    @ParameterizedTest
    @CsvSource({
            // type, size, iops, throughput -> iops, throughput
            "gp2, 1, , , 100, ",
            "gp2, 100, , , 300, ",
            "gp2, 16384, , , 16000, ",
            "gp3, 1, , , 3000, 125",
            "gp3, 100, 16000, 1000, 16000, 1000",
            "io1, 4, 200, , 200, ",
            "io2, 10, 10000, , 10000, ",
            "st1, 125, , , , ",
            "sc1, 16384, , , , ",
            "standard, 1024, , , , "})
    void validVolumesTakeAwsDefaults(String type, int size, String iops, String throughput, String expectedIops,
                                     String expectedThroughput) {
        VolumeConfig c = VolumeConfig.of(type, size, nullable(iops), nullable(throughput), 0);
        assertThat(c.iops()).isEqualTo(nullable(expectedIops));
        assertThat(c.throughput()).isEqualTo(nullable(expectedThroughput));
        assertThat(c.sizeGiB()).isEqualTo(size);
    }

    @ParameterizedTest
    @CsvSource({
            "gp2, 0, , , InvalidParameterValue",
            "gp2, 16385, , , InvalidParameterValue",
            "gp2, 10, 100, , InvalidParameterCombination",
            "gp3, 10, 2999, , InvalidParameterValue",
            "gp3, 10, 6000, , InvalidParameterValue",
            "gp3, 100, 4000, 1001, InvalidParameterValue",
            "gp3, 100, 3000, 751, InvalidParameterValue",
            "io1, 3, 100, , InvalidParameterValue",
            "io1, 10, , , MissingParameter",
            "io1, 10, 501, , InvalidParameterValue",
            "io1, 2000, 64001, , InvalidParameterValue",
            "io2, 65537, 1000, , InvalidParameterValue",
            "st1, 124, , , InvalidParameterValue",
            "sc1, 500, 100, , InvalidParameterCombination",
            "standard, 1025, , , InvalidParameterValue",
            "gp2, 10, , 125, InvalidParameterCombination",
            "ssd, 10, , , InvalidParameterValue"})
    void volumesOutsideAwsLimitsAreRefused(String type, int size, String iops, String throughput, String code) {
        assertThatThrownBy(() -> VolumeConfig.of(type, size, nullable(iops), nullable(throughput), 0))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.error().code()).isEqualTo(code));
    }

    @Test
    void aVolumeFromASnapshotIsAtLeastAsLarge() {
        assertThat(VolumeConfig.of("gp3", null, null, null, 30).sizeGiB()).isEqualTo(30);
        assertThatThrownBy(() -> VolumeConfig.of("gp3", 20, null, null, 30)).isInstanceOf(AwsException.class);
        assertThatThrownBy(() -> VolumeConfig.of("gp3", null, null, null, 0)).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.error().code()).isEqualTo("MissingParameter"));
    }

    @Test
    void aModificationOnlyGrowsAndKeepsWhatItCan() {
        VolumeConfig io1 = VolumeConfig.of("io1", 100, 1000, null, 0);
        assertThat(io1.modified(null, 200, null, null)).isEqualTo(new VolumeConfig("io1", 200, 1000, null));
        assertThat(io1.modified("io2", null, null, null)).isEqualTo(new VolumeConfig("io2", 100, 1000, null));
        assertThat(io1.modified("gp3", null, null, null)).isEqualTo(new VolumeConfig("gp3", 100, 3000, 125));
        assertThat(io1.modified("gp2", null, null, null)).isEqualTo(new VolumeConfig("gp2", 100, 300, null));
        assertThatThrownBy(() -> io1.modified(null, 50, null, null)).isInstanceOf(AwsException.class);
        assertThatThrownBy(() -> io1.modified(null, 100, 1000, null)).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.error().code()).isEqualTo("InvalidParameterCombination"));
        VolumeConfig gp3 = VolumeConfig.of("gp3", 100, 6000, 500, 0);
        assertThat(gp3.modified(null, 200, null, null)).isEqualTo(new VolumeConfig("gp3", 200, 6000, 500));
    }
}
