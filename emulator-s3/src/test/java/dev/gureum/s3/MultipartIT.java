package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.s3.storage.Crc64Nvme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static dev.gureum.s3.S3Clients.md5Hex;
import static org.assertj.core.api.Assertions.assertThat;

/** Multipart uploads: parts, completion and its checks, abort, listings, part copies and checksums. */
class MultipartIT {

    private static final int MIB = 1024 * 1024;
    private static final byte[] PART1 = S3Clients.randomBytes(5 * MIB, 1);
    private static final byte[] PART2 = S3Clients.randomBytes(5 * MIB, 2);
    private static final byte[] PART3 = S3Clients.randomBytes(1000, 3);

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
        bucket = bucketName("multipart");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    private static String create(String key) {
        return s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    }

    private static CompletedPart upload(String key, String uploadId, int number, byte[] data) {
        UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                RequestBody.fromBytes(data));
        return CompletedPart.builder().partNumber(number).eTag(r.eTag()).build();
    }

    private static CompleteMultipartUploadResponse complete(String key, String uploadId, CompletedPart... parts) {
        return s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The ETag S3 gives a multipart object: the MD5 of the parts' MD5s, and the number of parts. */
    static String multipartEtag(byte[]... parts) {
        ByteArrayOutputStream md5s = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            md5s.writeBytes(S3Clients.digest("MD5", p));
        }
        return "\"" + md5Hex(md5s.toByteArray()) + "-" + parts.length + "\"";
    }

    @Test
    void uploadInPartsAndReadBack() {
        String key = "big/object.bin";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("video/mp4")
                .metadata(Map.of("camera", "x100"))).uploadId();
        CompletedPart p1 = upload(key, uploadId, 1, PART1);
        CompletedPart p2 = upload(key, uploadId, 2, PART2);
        CompletedPart p3 = upload(key, uploadId, 3, PART3);
        assertThat(p1.eTag()).isEqualTo("\"" + md5Hex(PART1) + "\"");

        CompleteMultipartUploadResponse done = complete(key, uploadId, p1, p2, p3);
        assertThat(done.eTag()).isEqualTo(multipartEtag(PART1, PART2, PART3));
        assertThat(done.bucket()).isEqualTo(bucket);
        assertThat(done.key()).isEqualTo(key);
        assertThat(done.location()).endsWith("/" + bucket + "/" + key);

        byte[] whole = concat(PART1, PART2, PART3);
        ResponseBytes<GetObjectResponse> get = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        assertThat(get.asByteArray()).isEqualTo(whole);
        assertThat(get.response().eTag()).isEqualTo(done.eTag());
        assertThat(get.response().contentType()).isEqualTo("video/mp4");
        assertThat(get.response().metadata()).containsExactly(Map.entry("camera", "x100"));

        // a part of the result, by number
        ResponseBytes<GetObjectResponse> second = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).partNumber(2));
        assertThat(second.asByteArray()).isEqualTo(PART2);
        assertThat(second.response().partsCount()).isEqualTo(3);
        assertThat(second.response().contentRange()).isEqualTo("bytes " + 5 * MIB + "-" + (10 * MIB - 1) + "/" + whole.length);
        assertThat(second.response().sdkHttpResponse().statusCode()).isEqualTo(206);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).partNumber(3));
        assertThat(head.contentLength()).isEqualTo(PART3.length);
        assertThat(head.partsCount()).isEqualTo(3);
        assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).partNumber(4)), 416, "InvalidPartNumber");

        GetObjectAttributesResponse attributes = s3.getObjectAttributes(b -> b.bucket(bucket).key(key)
                .objectAttributes(ObjectAttributes.OBJECT_PARTS, ObjectAttributes.E_TAG, ObjectAttributes.OBJECT_SIZE));
        assertThat(attributes.objectParts().totalPartsCount()).isEqualTo(3);
        assertThat(attributes.eTag()).isEqualTo(done.eTag().replace("\"", ""));
        assertThat(attributes.objectSize()).isEqualTo(whole.length);
        GetObjectAttributesResponse paged = s3.getObjectAttributes(b -> b.bucket(bucket).key(key)
                .objectAttributes(ObjectAttributes.OBJECT_PARTS).maxParts(1).partNumberMarker(1));
        assertThat(paged.objectParts().parts()).extracting(p -> p.partNumber() + ":" + p.size())
                .containsExactly("2:" + PART2.length);
        assertThat(paged.objectParts().isTruncated()).isTrue();
        assertThat(paged.objectParts().nextPartNumberMarker()).isEqualTo(2);

        // the upload is gone once completed
        assertS3Error(() -> s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId)), 404, "NoSuchUpload");
    }

    @Test
    void aPartUploadedAgainReplacesTheEarlierOne() {
        String key = "replaced-part";
        String uploadId = create(key);
        upload(key, uploadId, 1, new byte[] {1, 2, 3});
        CompletedPart again = upload(key, uploadId, 1, new byte[] {4, 5});
        ListPartsResponse parts = s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        assertThat(parts.parts()).extracting(Part::partNumber, Part::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2L));
        complete(key, uploadId, again);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).containsExactly(4, 5);
    }

    @Test
    void partsOutOfOrderAreRefused() {
        String key = "out-of-order";
        String uploadId = create(key);
        CompletedPart p1 = upload(key, uploadId, 1, PART1);
        CompletedPart p2 = upload(key, uploadId, 2, PART3);
        S3Exception e = assertS3Error(() -> complete(key, uploadId, p2, p1), 400, "InvalidPartOrder");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The list of parts was not in ascending order. "
                + "The parts list must be specified in order by part number.");
        // the upload is still there and can be completed properly
        complete(key, uploadId, p1, p2);
        assertThat(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength()).isEqualTo(PART1.length + PART3.length);
    }

    @Test
    void aWrongEtagOrAMissingPartIsInvalidPart() {
        String key = "wrong-etag";
        String uploadId = create(key);
        CompletedPart p1 = upload(key, uploadId, 1, PART3);
        S3Exception e = assertS3Error(() -> complete(key, uploadId,
                CompletedPart.builder().partNumber(1).eTag("\"" + "0".repeat(32) + "\"").build()), 400, "InvalidPart");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("One or more of the specified parts could not be found.  "
                + "The part may not have been uploaded, or the specified entity tag may not have matched the part's "
                + "entity tag.");
        assertS3Error(() -> complete(key, uploadId, p1, CompletedPart.builder().partNumber(2).eTag(p1.eTag()).build()),
                400, "InvalidPart");
    }

    @Test
    void aSmallPartThatIsNotTheLastIsTooSmall() {
        String key = "too-small";
        String uploadId = create(key);
        CompletedPart p1 = upload(key, uploadId, 1, PART3);
        CompletedPart p2 = upload(key, uploadId, 2, PART3);
        S3Exception e = assertS3Error(() -> complete(key, uploadId, p1, p2), 400, "EntityTooSmall");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Your proposed upload is smaller than the minimum allowed object size.");
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key(key)), 404, null);
    }

    @Test
    void completingWithoutPartsIsMalformed() {
        String key = "no-parts";
        String uploadId = create(key);
        assertS3Error(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(List.of()))), 400, "MalformedXML");
    }

    @Test
    void abortedUploadsAreGone() {
        String key = "aborted";
        String uploadId = create(key);
        CompletedPart p1 = upload(key, uploadId, 1, PART3);
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));

        S3Exception e = assertS3Error(() -> upload(key, uploadId, 2, PART3), 404, "NoSuchUpload");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified upload does not exist. The upload ID "
                + "may be invalid, or the upload may have been aborted or completed.");
        assertS3Error(() -> complete(key, uploadId, p1), 404, "NoSuchUpload");
        assertS3Error(() -> s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId)), 404, "NoSuchUpload");
        assertS3Error(() -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)), 404, "NoSuchUpload");
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket).prefix(key)).uploads()).isEmpty();
        // an upload id belongs to its key
        String other = create("other-key");
        assertS3Error(() -> upload(key, other, 1, PART3), 404, "NoSuchUpload");
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("other-key").uploadId(other));
    }

    @Test
    void listParts() {
        String key = "list-parts";
        String uploadId = create(key);
        List<String> etags = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            etags.add(upload(key, uploadId, n, new byte[n]).eTag());
        }
        ListPartsResponse all = s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        assertThat(all.parts()).extracting(Part::partNumber).containsExactly(1, 2, 3, 4, 5);
        assertThat(all.parts()).extracting(Part::size).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(all.parts()).extracting(Part::eTag).containsExactlyElementsOf(etags);
        assertThat(all.isTruncated()).isFalse();
        assertThat(all.uploadId()).isEqualTo(uploadId);
        assertThat(all.key()).isEqualTo(key);

        ListPartsResponse page = s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId).maxParts(2)
                .partNumberMarker(2));
        assertThat(page.parts()).extracting(Part::partNumber).containsExactly(3, 4);
        assertThat(page.isTruncated()).isTrue();
        assertThat(page.nextPartNumberMarker()).isEqualTo(4);

        List<Integer> paged = new ArrayList<>();
        s3.listPartsPaginator(b -> b.bucket(bucket).key(key).uploadId(uploadId).maxParts(2))
                .parts().forEach(p -> paged.add(p.partNumber()));
        assertThat(paged).containsExactly(1, 2, 3, 4, 5);
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
    }

    @Test
    void listMultipartUploads() {
        String bucketForUploads = bucketName("uploads");
        s3.createBucket(b -> b.bucket(bucketForUploads));
        String a1 = s3.createMultipartUpload(b -> b.bucket(bucketForUploads).key("docs/a")).uploadId();
        String a2 = s3.createMultipartUpload(b -> b.bucket(bucketForUploads).key("docs/a")).uploadId();
        String b1 = s3.createMultipartUpload(b -> b.bucket(bucketForUploads).key("docs/b")).uploadId();
        String c1 = s3.createMultipartUpload(b -> b.bucket(bucketForUploads).key("img/c")).uploadId();

        ListMultipartUploadsResponse all = s3.listMultipartUploads(b -> b.bucket(bucketForUploads));
        assertThat(all.uploads()).extracting(MultipartUpload::key, MultipartUpload::uploadId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("docs/a", a1), org.assertj.core.groups.Tuple.tuple("docs/a", a2),
                org.assertj.core.groups.Tuple.tuple("docs/b", b1), org.assertj.core.groups.Tuple.tuple("img/c", c1));
        assertThat(all.uploads().get(0).initiated()).isNotNull();

        assertThat(s3.listMultipartUploads(b -> b.bucket(bucketForUploads).prefix("docs/")).uploads())
                .extracting(MultipartUpload::uploadId).containsExactly(a1, a2, b1);
        ListMultipartUploadsResponse grouped = s3.listMultipartUploads(b -> b.bucket(bucketForUploads).delimiter("/"));
        assertThat(grouped.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("docs/", "img/");
        assertThat(grouped.uploads()).isEmpty();

        List<String> paged = new ArrayList<>();
        s3.listMultipartUploadsPaginator(b -> b.bucket(bucketForUploads).maxUploads(1))
                .uploads().forEach(u -> paged.add(u.uploadId()));
        assertThat(paged).containsExactly(a1, a2, b1, c1);

        List<String> pagedPrefixes = new ArrayList<>();
        s3.listMultipartUploadsPaginator(b -> b.bucket(bucketForUploads).delimiter("/").maxUploads(1))
                .forEach(page -> page.commonPrefixes().forEach(p -> pagedPrefixes.add(p.prefix())));
        assertThat(pagedPrefixes).containsExactly("docs/", "img/");

        s3.abortMultipartUpload(b -> b.bucket(bucketForUploads).key("docs/a").uploadId(a2));
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucketForUploads)).uploads()).extracting(MultipartUpload::uploadId)
                .containsExactly(a1, b1, c1);
    }

    @Test
    void uploadPartCopyWithRanges() {
        byte[] source = concat(PART1, PART3);
        s3.putObject(b -> b.bucket(bucket).key("copy-source"), RequestBody.fromBytes(source));
        String key = "assembled";
        String uploadId = create(key);
        UploadPartCopyResponse first = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("copy-source")
                .destinationBucket(bucket).destinationKey(key).uploadId(uploadId).partNumber(1)
                .copySourceRange("bytes=0-" + (5 * MIB - 1)));
        assertThat(first.copyPartResult().eTag()).isEqualTo("\"" + md5Hex(PART1) + "\"");
        CompletedPart p2 = upload(key, uploadId, 2, PART2);
        UploadPartCopyResponse third = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("copy-source")
                .destinationBucket(bucket).destinationKey(key).uploadId(uploadId).partNumber(3)
                .copySourceRange("bytes=" + 5 * MIB + "-" + (source.length - 1)));
        assertThat(third.copyPartResult().eTag()).isEqualTo("\"" + md5Hex(PART3) + "\"");
        complete(key, uploadId, CompletedPart.builder().partNumber(1).eTag(first.copyPartResult().eTag()).build(), p2,
                CompletedPart.builder().partNumber(3).eTag(third.copyPartResult().eTag()).build());
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).isEqualTo(concat(PART1, PART2, PART3));

        String another = create("whole-copy");
        UploadPartCopyResponse whole = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("copy-source")
                .destinationBucket(bucket).destinationKey("whole-copy").uploadId(another).partNumber(1));
        assertThat(whole.copyPartResult().eTag()).isEqualTo("\"" + md5Hex(source) + "\"");
        assertS3Error(() -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("copy-source")
                .destinationBucket(bucket).destinationKey("whole-copy").uploadId(another).partNumber(2)
                .copySourceRange("bytes=0-" + source.length)), 416, "InvalidRange");
        assertS3Error(() -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("no-such-source")
                .destinationBucket(bucket).destinationKey("whole-copy").uploadId(another).partNumber(2)), 404, "NoSuchKey");
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("whole-copy").uploadId(another));
    }

    private static String crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(ByteBuffer.allocate(8).putLong(crc.getValue()).array(), 4, 8));
    }

    private static String crc64(byte[] data) {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(crc.getValue()).array());
    }

    @Test
    void compositeCrc32Checksum() {
        String key = "composite";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        int n = 1;
        for (byte[] data : List.of(PART1, PART3)) {
            int number = n++;
            UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(data));
            assertThat(r.checksumCRC32()).isEqualTo(crc32(data));
            parts.add(CompletedPart.builder().partNumber(number).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build());
        }
        ListPartsResponse listed = s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        assertThat(listed.parts()).extracting(Part::checksumCRC32).containsExactly(crc32(PART1), crc32(PART3));
        assertThat(listed.checksumAlgorithm()).isEqualTo(ChecksumAlgorithm.CRC32);

        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key)
                .uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        // the checksum of the parts' checksums, and how many there were
        byte[] partCrcs = concat(Base64.getDecoder().decode(crc32(PART1)), Base64.getDecoder().decode(crc32(PART3)));
        String composite = crc32(partCrcs) + "-2";
        assertThat(done.checksumCRC32()).isEqualTo(composite);
        assertThat(done.checksumType()).isEqualTo(ChecksumType.COMPOSITE);

        GetObjectResponse head = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED))
                .response();
        assertThat(head.checksumCRC32()).isEqualTo(composite);
        assertThat(head.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
    }

    @Test
    void fullObjectCrc64NvmeChecksum() {
        String key = "full-object";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.CRC64_NVME)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        int n = 1;
        for (byte[] data : List.of(PART2, PART3)) {
            int number = n++;
            UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                    .checksumCRC64NVME(crc64(data)), RequestBody.fromBytes(data));
            assertThat(r.checksumCRC64NVME()).isEqualTo(crc64(data));
            parts.add(CompletedPart.builder().partNumber(number).eTag(r.eTag()).build());
        }
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key)
                .uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        byte[] whole = concat(PART2, PART3);
        assertThat(done.checksumCRC64NVME()).isEqualTo(crc64(whole));
        assertThat(done.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC64NVME()).isEqualTo(crc64(whole));
        assertThat(head.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    }

    @Test
    void fullObjectCrc32Checksum() {
        String key = "full-crc32";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32).checksumType(ChecksumType.FULL_OBJECT)).uploadId();
        UploadPartResponse r1 = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(PART1));
        UploadPartResponse r2 = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(2)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(PART3));
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key)
                .uploadId(uploadId).multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag(r1.eTag()).build(),
                        CompletedPart.builder().partNumber(2).eTag(r2.eTag()).build())));
        assertThat(done.checksumCRC32()).isEqualTo(crc32(concat(PART1, PART3)));
        assertThat(done.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);

        S3Exception e = assertS3Error(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumType(ChecksumType.FULL_OBJECT)), 400, "InvalidRequest");
        assertThat(e.awsErrorDetails().errorMessage()).contains("FULL_OBJECT");
    }

    @Test
    void aPartWithAWrongChecksumIsRefused() {
        String key = "bad-part";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        assertS3Error(() -> s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(1)
                .checksumCRC32(crc32(new byte[] {9})), RequestBody.fromBytes(PART3)), 400, "BadDigest");
        assertThat(s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId)).parts()).isEmpty();
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
    }

    @Test
    void partNumbersOutOfRange() {
        String key = "part-numbers";
        String uploadId = create(key);
        assertS3Error(() -> upload(key, uploadId, 0, PART3), 400, "InvalidArgument");
        assertS3Error(() -> upload(key, uploadId, 10_001, PART3), 400, "InvalidArgument");
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
    }
}
