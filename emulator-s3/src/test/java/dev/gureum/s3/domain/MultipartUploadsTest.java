package dev.gureum.s3.domain;

import dev.gureum.s3.storage.BlobStore;
import dev.gureum.s3.storage.ChecksumAlgorithm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MultipartUploadsTest {

    private static final String OWNER = "000000000000";
    private static final ObjectStore.ObjectMetadata METADATA = new ObjectStore.ObjectMetadata(Map.of(), Map.of(),
            Map.of(), "STANDARD", null, OWNER);

    @TempDir
    Path dir;
    private MultipartUploads uploads;
    private Bucket bucket;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
        BlobStore blobs = new BlobStore(dir);
        uploads = new MultipartUploads(blobs, clock, new ObjectStore(blobs, clock));
        bucket = new Bucket("bucket", OWNER, "us-east-1", clock.instant());
    }

    private static byte[] bytes(int size, char fill) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) fill);
        return b;
    }

    private MultipartUpload.Part part(MultipartUpload upload, int number, byte[] data) {
        return uploads.putPart(bucket, upload, number, new ByteArrayInputStream(data));
    }

    private static UploadRefusal.Reason refusal(Runnable action) {
        UploadRefusal refusal = catchThrowableOfType(UploadRefusal.class, action::run);
        assertThat(refusal).isNotNull();
        return refusal.reason();
    }

    @Test
    void partsCompleteIntoOneObject() throws Exception {
        MultipartUpload upload = uploads.create(bucket, "big", METADATA, MultipartUploads.Checksum.NONE);
        MultipartUpload.Part one = part(upload, 1, bytes((int) MultipartUploads.MIN_PART_SIZE, 'a'));
        MultipartUpload.Part two = part(upload, 2, bytes(3, 'b'));
        S3Object object = uploads.complete(bucket, upload, List.of(
                new MultipartUploads.PartRef(1, "\"" + one.etag() + "\"", Map.of()),
                new MultipartUploads.PartRef(2, two.etag(), Map.of())), null, Conditions.NONE);
        assertThat(object.etag()).endsWith("-2");
        assertThat(object.size()).isEqualTo(MultipartUploads.MIN_PART_SIZE + 3);
        assertThat(object.partSizes()).containsExactly(MultipartUploads.MIN_PART_SIZE, 3L);
        assertThat(Files.size(object.blob())).isEqualTo(object.size());
        assertThat(bucket.current("big")).isEqualTo(object);
        assertThat(bucket.uploads()).isEmpty();
        assertThat(one.blob()).doesNotExist();
        assertThat(MultipartUploads.completedBefore(bucket, "big", upload.uploadId()).etag()).isEqualTo(object.etag());
        assertThat(refusal(() -> MultipartUploads.upload(bucket, "big", upload.uploadId())))
                .isEqualTo(UploadRefusal.Reason.NO_SUCH_UPLOAD);
    }

    @Test
    void completionsS3Refuses() {
        MultipartUpload upload = uploads.create(bucket, "big", METADATA, MultipartUploads.Checksum.NONE);
        MultipartUpload.Part one = part(upload, 1, bytes(10, 'a'));
        MultipartUpload.Part two = part(upload, 2, bytes(10, 'b'));
        assertThat(refusal(() -> uploads.complete(bucket, upload, List.of(), null, Conditions.NONE)))
                .isEqualTo(UploadRefusal.Reason.MALFORMED_PART_LIST);
        assertThat(refusal(() -> uploads.complete(bucket, upload, List.of(
                new MultipartUploads.PartRef(2, two.etag(), Map.of()),
                new MultipartUploads.PartRef(1, one.etag(), Map.of())), null, Conditions.NONE)))
                .isEqualTo(UploadRefusal.Reason.PART_ORDER);
        assertThat(refusal(() -> uploads.complete(bucket, upload, List.of(
                new MultipartUploads.PartRef(1, "wrong", Map.of())), null, Conditions.NONE)))
                .isEqualTo(UploadRefusal.Reason.INVALID_PART);
        assertThat(refusal(() -> uploads.complete(bucket, upload, List.of(
                new MultipartUploads.PartRef(1, one.etag(), Map.of()),
                new MultipartUploads.PartRef(2, two.etag(), Map.of())), null, Conditions.NONE)))
                .isEqualTo(UploadRefusal.Reason.PART_TOO_SMALL);
        assertThat(refusal(() -> uploads.complete(bucket, upload, List.of(
                new MultipartUploads.PartRef(1, one.etag(), Map.of())), "11", Conditions.NONE)))
                .isEqualTo(UploadRefusal.Reason.OBJECT_SIZE_MISMATCH);
        // still open after each refusal
        assertThat(MultipartUploads.upload(bucket, "big", upload.uploadId())).isSameAs(upload);
    }

    @Test
    void checksumChoices() {
        assertThat(MultipartUploads.checksum("CRC32", null)).isEqualTo(
                new MultipartUploads.Checksum(ChecksumAlgorithm.CRC32, "COMPOSITE"));
        assertThat(MultipartUploads.checksum("CRC64NVME", null).type()).isEqualTo("FULL_OBJECT");
        assertThat(MultipartUploads.checksum(null, null)).isEqualTo(MultipartUploads.Checksum.NONE);
        assertThat(refusal(() -> MultipartUploads.checksum("MD4", null)))
                .isEqualTo(UploadRefusal.Reason.UNSUPPORTED_CHECKSUM_ALGORITHM);
        assertThat(refusal(() -> MultipartUploads.checksum("CRC32", "PARTIAL")))
                .isEqualTo(UploadRefusal.Reason.INVALID_CHECKSUM_TYPE);
        assertThat(refusal(() -> MultipartUploads.checksum(null, "COMPOSITE")))
                .isEqualTo(UploadRefusal.Reason.CHECKSUM_TYPE_WITHOUT_ALGORITHM);
        assertThat(refusal(() -> MultipartUploads.checksum("CRC64NVME", "COMPOSITE")))
                .isEqualTo(UploadRefusal.Reason.CHECKSUM_TYPE_UNSUPPORTED);
    }

    @Test
    void aCompositeChecksumCountsItsParts() {
        MultipartUpload upload = uploads.create(bucket, "k", METADATA, MultipartUploads.checksum("SHA256", null));
        MultipartUpload.Part one = part(upload, 1, bytes(5, 'a'));
        assertThat(one.checksums()).containsKey("SHA256");
        S3Object object = uploads.complete(bucket, upload, List.of(
                new MultipartUploads.PartRef(1, one.etag(), Map.of("SHA256", one.checksums().get("SHA256")))),
                null, Conditions.NONE);
        assertThat(object.checksums().get("SHA256")).endsWith("-1");
        assertThat(object.checksumType()).isEqualTo("COMPOSITE");
    }

    @Test
    void aClaimedWholeObjectChecksumMustMatch() {
        MultipartUpload upload = uploads.create(bucket, "k", METADATA, MultipartUploads.checksum("SHA256", null));
        MultipartUpload.Part one = part(upload, 1, bytes(5, 'a'));
        List<MultipartUploads.PartRef> parts = List.of(new MultipartUploads.PartRef(1, one.etag(), Map.of()));
        assertThat(refusal(() -> uploads.complete(bucket, upload, parts, null, Conditions.NONE, "AAAA-1")))
                .isEqualTo(UploadRefusal.Reason.CHECKSUM_MISMATCH);
        assertThat(bucket.current("k")).isNull();
        S3Object probe = uploads.complete(bucket, upload, parts, null, Conditions.NONE, null);
        String whole = probe.checksums().get("SHA256");
        MultipartUpload again = uploads.create(bucket, "k2", METADATA, MultipartUploads.checksum("SHA256", null));
        MultipartUpload.Part same = part(again, 1, bytes(5, 'a'));
        // the part count may be left out of a composite checksum
        S3Object object = uploads.complete(bucket, again, List.of(new MultipartUploads.PartRef(1, same.etag(), Map.of())),
                null, Conditions.NONE, whole.substring(0, whole.lastIndexOf('-')));
        assertThat(object.checksums()).containsEntry("SHA256", whole);
    }

    @Test
    void abortDeletesTheParts() {
        MultipartUpload upload = uploads.create(bucket, "k", METADATA, MultipartUploads.Checksum.NONE);
        MultipartUpload.Part one = part(upload, 1, bytes(5, 'a'));
        uploads.abort(bucket, "k", upload.uploadId());
        assertThat(one.blob()).doesNotExist();
        assertThat(refusal(() -> uploads.abort(bucket, "k", upload.uploadId()))).isEqualTo(UploadRefusal.Reason.NO_SUCH_UPLOAD);
    }

    @Test
    void listingUploadsAndParts() {
        MultipartUpload a = uploads.create(bucket, "dir/a", METADATA, MultipartUploads.Checksum.NONE);
        uploads.create(bucket, "dir/b", METADATA, MultipartUploads.Checksum.NONE);
        uploads.create(bucket, "top", METADATA, MultipartUploads.Checksum.NONE);
        MultipartUploads.UploadsPage page = MultipartUploads.uploads(bucket, "", "/", null, null, 1000);
        assertThat(page.prefixes()).containsExactly("dir/");
        assertThat(page.uploads()).extracting(MultipartUpload::key).containsExactly("top");
        MultipartUploads.UploadsPage first = MultipartUploads.uploads(bucket, "", null, null, null, 1);
        assertThat(first.truncated()).isTrue();
        assertThat(first.nextKeyMarker()).isEqualTo("dir/a");
        assertThat(first.nextUploadMarker()).isEqualTo(a.uploadId());
        part(a, 1, bytes(1, 'a'));
        part(a, 2, bytes(1, 'b'));
        MultipartUploads.PartsPage parts = MultipartUploads.parts(a, 0, 1);
        assertThat(parts.parts()).extracting(MultipartUpload.Part::number).containsExactly(1);
        assertThat(parts.nextMarker()).isEqualTo(1);
        assertThat(MultipartUploads.parts(a, 1, 10).truncated()).isFalse();
    }
}
