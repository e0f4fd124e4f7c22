package dev.gureum.s3.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Each checksum as S3 writes it: the big-endian bytes of the value, in base64. */
class ChecksumAlgorithmTest {

    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    private static String base64(ChecksumAlgorithm algorithm, byte[] data) {
        ChecksumAlgorithm.Hasher hasher = algorithm.newHasher();
        hasher.update(data, 0, data.length);
        return hasher.base64();
    }

    @ParameterizedTest
    @CsvSource({
            // the catalogue check values 0xCBF43926, 0xE3069283 and 0xAE8B14860A799888, big-endian
            "CRC32, y/Q5Jg==",
            "CRC32C, 4waSgw==",
            "CRC64NVME, rosUhgp5mIg=",
            "SHA1, 98O8HYCOBHMq32eZZczDTKeuNEE=",
            "SHA256, FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU="})
    void encodingsOfTheCheckInput(ChecksumAlgorithm algorithm, String expected) {
        assertThat(base64(algorithm, CHECK)).isEqualTo(expected);
        assertThat(Base64.getDecoder().decode(expected)).hasSize(algorithm.length());
    }

    @ParameterizedTest
    @CsvSource({"CRC32, AAAAAA==", "CRC32C, AAAAAA==", "CRC64NVME, AAAAAAAAAAA=",
            "SHA256, 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="})
    void encodingsOfNothing(ChecksumAlgorithm algorithm, String expected) {
        assertThat(base64(algorithm, new byte[0])).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void incrementalEqualsWhole(ChecksumAlgorithm algorithm) {
        byte[] data = "a body that arrives in pieces, 조각조각".getBytes(StandardCharsets.UTF_8);
        ChecksumAlgorithm.Hasher pieces = algorithm.newHasher();
        pieces.update(data, 0, 3);
        pieces.update(data, 3, 0);
        pieces.update(data, 3, data.length - 3);
        assertThat(pieces.base64()).isEqualTo(base64(algorithm, data));
        assertThat(Base64.getDecoder().decode(pieces.base64())).hasSize(algorithm.length());
    }

    @Test
    void namesAndHeaders() {
        assertThat(ChecksumAlgorithm.parse("crc32c")).isEqualTo(ChecksumAlgorithm.CRC32C);
        assertThat(ChecksumAlgorithm.parse(" SHA256 ")).isEqualTo(ChecksumAlgorithm.SHA256);
        assertThat(ChecksumAlgorithm.parse("crc64nvme")).isEqualTo(ChecksumAlgorithm.CRC64NVME);
        assertThat(ChecksumAlgorithm.parse("MD5")).isNull();
        assertThat(ChecksumAlgorithm.parse(null)).isNull();
        assertThat(ChecksumAlgorithm.byHeader("X-Amz-Checksum-Sha1")).isEqualTo(ChecksumAlgorithm.SHA1);
        assertThat(ChecksumAlgorithm.byHeader("x-amz-checksum-md5")).isNull();
        assertThat(ChecksumAlgorithm.CRC64NVME.header()).isEqualTo("x-amz-checksum-crc64nvme");
    }

    @Test
    void onlyCrcsCombineIntoFullObjectChecksums() {
        assertThat(ChecksumAlgorithm.CRC32.supportsFullObject()).isTrue();
        assertThat(ChecksumAlgorithm.CRC32C.supportsFullObject()).isTrue();
        assertThat(ChecksumAlgorithm.CRC64NVME.supportsFullObject()).isTrue();
        assertThat(ChecksumAlgorithm.SHA1.supportsFullObject()).isFalse();
        assertThat(ChecksumAlgorithm.SHA256.supportsFullObject()).isFalse();
    }
}
