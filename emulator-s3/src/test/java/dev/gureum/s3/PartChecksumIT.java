package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32;

import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checksum of each part of a multipart object uploaded with a checksum algorithm: answered by GET and
 * HEAD of one part with checksum mode ENABLED and by GetObjectAttributes' ObjectParts, and kept across a
 * restart with a data directory.
 */
class PartChecksumIT {

    private static final int MIB = 1024 * 1024;
    private static final List<byte[]> PARTS = List.of(S3Clients.randomBytes(5 * MIB, 11),
            S3Clients.randomBytes(5 * MIB, 12), S3Clients.randomBytes(1000, 13));

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private EmbeddedFrontEnd start() {
        return EmbeddedFrontEnd.persistent(dataDir, clock, new S3Module());
    }

    @Test
    void crc32PartsAreAnsweredAndKeptAcrossARestart() {
        checkParts(ChecksumAlgorithm.CRC32, PartChecksumIT::crc32, ObjectPart::checksumCRC32,
                GetObjectResponse::checksumCRC32, HeadObjectResponse::checksumCRC32);
    }

    @Test
    void sha256PartsAreAnsweredAndKeptAcrossARestart() {
        checkParts(ChecksumAlgorithm.SHA256, PartChecksumIT::sha256, ObjectPart::checksumSHA256,
                GetObjectResponse::checksumSHA256, HeadObjectResponse::checksumSHA256);
    }

    private void checkParts(ChecksumAlgorithm algorithm, Function<byte[], String> checksum,
                            Function<ObjectPart, String> ofPart, Function<GetObjectResponse, String> ofGet,
                            Function<HeadObjectResponse, String> ofHead) {
        String bucket = bucketName("parts");
        String key = "big/" + algorithm;
        String composite;
        try (EmbeddedFrontEnd server = start(); S3Client s3 = S3Clients.client(server)) {
            s3.createBucket(b -> b.bucket(bucket));
            String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).checksumAlgorithm(algorithm))
                    .uploadId();
            List<CompletedPart> completed = new ArrayList<>();
            for (int i = 0; i < PARTS.size(); i++) {
                int number = i + 1;
                UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(number).checksumAlgorithm(algorithm), RequestBody.fromBytes(PARTS.get(number - 1)));
                completed.add(CompletedPart.builder().partNumber(number).eTag(r.eTag()).build());
            }
            composite = switch (algorithm) {
                case CRC32 -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(completed))).checksumCRC32();
                default -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(completed))).checksumSHA256();
            };
            assertThat(composite).endsWith("-3");
            observe(s3, bucket, key, composite, checksum, ofPart, ofGet, ofHead);
        }
        try (EmbeddedFrontEnd server = start(); S3Client s3 = S3Clients.client(server)) {
            observe(s3, bucket, key, composite, checksum, ofPart, ofGet, ofHead);
        }
    }

    private static void observe(S3Client s3, String bucket, String key, String composite,
                                Function<byte[], String> checksum, Function<ObjectPart, String> ofPart,
                                Function<GetObjectResponse, String> ofGet, Function<HeadObjectResponse, String> ofHead) {
        for (int number = 1; number <= PARTS.size(); number++) {
            int n = number;
            // the SDK validates the part's bytes against the checksum answered
            ResponseBytes<GetObjectResponse> part = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).partNumber(n)
                    .checksumMode(ChecksumMode.ENABLED));
            assertThat(part.asByteArray()).isEqualTo(PARTS.get(n - 1));
            assertThat(ofGet.apply(part.response())).isEqualTo(checksum.apply(PARTS.get(n - 1)));
            assertThat(part.response().partsCount()).isEqualTo(3);
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).partNumber(n)
                    .checksumMode(ChecksumMode.ENABLED));
            assertThat(ofHead.apply(head)).isEqualTo(checksum.apply(PARTS.get(n - 1)));
            assertThat(head.partsCount()).isEqualTo(3);
            // without checksum mode, no checksum
            HeadObjectResponse plain = s3.headObject(b -> b.bucket(bucket).key(key).partNumber(n));
            assertThat(ofHead.apply(plain)).isNull();
        }
        HeadObjectResponse whole = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        assertThat(ofHead.apply(whole)).isEqualTo(composite);

        GetObjectAttributesResponse attributes = s3.getObjectAttributes(b -> b.bucket(bucket).key(key)
                .objectAttributes(ObjectAttributes.OBJECT_PARTS));
        assertThat(attributes.objectParts().totalPartsCount()).isEqualTo(3);
        assertThat(attributes.objectParts().parts()).extracting(ObjectPart::partNumber, ObjectPart::size, ofPart)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, (long) 5 * MIB, checksum.apply(PARTS.get(0))),
                        org.assertj.core.groups.Tuple.tuple(2, (long) 5 * MIB, checksum.apply(PARTS.get(1))),
                        org.assertj.core.groups.Tuple.tuple(3, 1000L, checksum.apply(PARTS.get(2))));
        GetObjectAttributesResponse paged = s3.getObjectAttributes(b -> b.bucket(bucket).key(key)
                .objectAttributes(ObjectAttributes.OBJECT_PARTS).maxParts(1).partNumberMarker(1));
        assertThat(paged.objectParts().parts()).extracting(ObjectPart::partNumber, ofPart)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, checksum.apply(PARTS.get(1))));
        assertThat(paged.objectParts().isTruncated()).isTrue();
        assertThat(paged.objectParts().nextPartNumberMarker()).isEqualTo(2);
    }

    private static String crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        long value = crc.getValue();
        return Base64.getEncoder().encodeToString(new byte[]{(byte) (value >>> 24), (byte) (value >>> 16),
                (byte) (value >>> 8), (byte) value});
    }

    private static String sha256(byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
