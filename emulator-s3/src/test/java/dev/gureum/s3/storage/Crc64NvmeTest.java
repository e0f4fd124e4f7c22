package dev.gureum.s3.storage;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Crc64NvmeTest {

    private static long crc(byte[] data) {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(data, 0, data.length);
        return crc.getValue();
    }

    @Test
    void checkValueOfTheCatalogue() {
        // the "check" of CRC-64/NVME in the catalogue of parametrised CRC algorithms
        assertThat(crc("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xAE8B14860A799888L);
    }

    @Test
    void emptyInputIsZero() {
        assertThat(crc(new byte[0])).isZero();
    }

    @Test
    void byteAtATimeEqualsArrays() {
        byte[] data = "Gureum 구름 checksum".getBytes(StandardCharsets.UTF_8);
        Crc64Nvme single = new Crc64Nvme();
        for (byte b : data) {
            single.update(b);
        }
        Crc64Nvme split = new Crc64Nvme();
        split.update(data, 0, 5);
        split.update(data, 5, data.length - 5);
        assertThat(single.getValue()).isEqualTo(crc(data)).isEqualTo(split.getValue());
    }

    @Test
    void updateHonoursOffsetAndLength() {
        byte[] padded = "xx123456789yy".getBytes(StandardCharsets.US_ASCII);
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(padded, 2, 9);
        assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
    }

    @Test
    void resetStartsOver() {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update("something else".getBytes(StandardCharsets.US_ASCII));
        crc.reset();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
    }

    @Test
    void differentInputsDiffer() {
        assertThat(crc(new byte[] {0})).isNotEqualTo(crc(new byte[] {0, 0})).isNotZero();
    }
}
