package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a data directory, S3 finds after a restart what it held before, field by field: buckets with
 * every configuration, objects with their metadata, tags, ACLs and checksums, every version and delete
 * marker, and uploads in progress with their parts, which can then be completed.
 */
class RestartIT {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(START);

    private EmbeddedFrontEnd start() {
        return EmbeddedFrontEnd.persistent(dataDir, clock, new S3Module());
    }

    /** Runs the calls against a server, restarts it on the same directory (time passing meanwhile), and runs them again. */
    private <T> void sameAfterRestart(java.util.function.Consumer<S3Client> setUp, Function<S3Client, T> observe) {
        T before;
        try (EmbeddedFrontEnd server = start(); S3Client s3 = S3Clients.client(server)) {
            setUp.accept(s3);
            before = observe.apply(s3);
        }
        clock.advance(Duration.ofDays(3));
        try (EmbeddedFrontEnd server = start(); S3Client s3 = S3Clients.client(server)) {
            T after = observe.apply(s3);
            assertThat(after).usingRecursiveComparison().isEqualTo(before);
        }
    }

    @Test
    void bucketsKeepEveryConfiguration() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::configured/*\"}]}";
        sameAfterRestart(s3 -> {
            s3.createBucket(b -> b.bucket("configured").createBucketConfiguration(c -> c
                    .locationConstraint(BucketLocationConstraint.EU_WEST_2)).objectOwnership(ObjectOwnership.OBJECT_WRITER));
            s3.putBucketVersioning(b -> b.bucket("configured").versioningConfiguration(v -> v
                    .status(BucketVersioningStatus.ENABLED)));
            s3.putBucketTagging(b -> b.bucket("configured").tagging(t -> t.tagSet(
                    Tag.builder().key("team").value("storage").build(), Tag.builder().key("env").value("dev").build())));
            s3.putBucketPolicy(b -> b.bucket("configured").policy(policy));
            s3.putBucketAcl(b -> b.bucket("configured").acl("public-read"));
            s3.putBucketCors(b -> b.bucket("configured").corsConfiguration(c -> c.corsRules(r -> r
                    .allowedOrigins("https://example.com").allowedMethods("GET", "PUT").maxAgeSeconds(300))));
            s3.putBucketLifecycleConfiguration(b -> b.bucket("configured").lifecycleConfiguration(c -> c.rules(r -> r
                    .id("expire-logs").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("logs/"))
                    .expiration(e -> e.days(30)))));
            s3.putBucketEncryption(b -> b.bucket("configured").serverSideEncryptionConfiguration(c -> c.rules(r -> r
                    .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS)
                            .kmsMasterKeyID("alias/mine")).bucketKeyEnabled(true))));
            s3.putPublicAccessBlock(b -> b.bucket("configured").publicAccessBlockConfiguration(p -> p
                    .blockPublicAcls(true).ignorePublicAcls(false).blockPublicPolicy(true).restrictPublicBuckets(false)));
            s3.putBucketWebsite(b -> b.bucket("configured").websiteConfiguration(w -> w
                    .indexDocument(i -> i.suffix("index.html")).errorDocument(e -> e.key("error.html"))));
            s3.putBucketLogging(b -> b.bucket("configured").bucketLoggingStatus(l -> l.loggingEnabled(e -> e
                    .targetBucket("configured").targetPrefix("access/"))));
            s3.putBucketAccelerateConfiguration(b -> b.bucket("configured").accelerateConfiguration(a -> a
                    .status("Enabled")));
            s3.putBucketRequestPayment(b -> b.bucket("configured").requestPaymentConfiguration(p -> p
                    .payer("Requester")));
            s3.putBucketNotificationConfiguration(b -> b.bucket("configured").notificationConfiguration(n -> n
                    .eventBridgeConfiguration(e -> { })));
            s3.createBucket(b -> b.bucket("locked").objectLockEnabledForBucket(true));
            s3.putObjectLockConfiguration(b -> b.bucket("locked").objectLockConfiguration(c -> c
                    .objectLockEnabled("Enabled").rule(r -> r.defaultRetention(d -> d
                            .mode(ObjectLockRetentionMode.GOVERNANCE).days(7)))));
            s3.createBucket(b -> b.bucket("gone"));
            s3.deleteBucket(b -> b.bucket("gone"));
        }, s3 -> {
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("buckets", s3.listBuckets().buckets().stream().map(b -> b.name() + "@" + b.creationDate()).toList());
            seen.put("location", s3.getBucketLocation(b -> b.bucket("configured")).locationConstraintAsString());
            seen.put("versioning", s3.getBucketVersioning(b -> b.bucket("configured")).statusAsString());
            seen.put("tags", s3.getBucketTagging(b -> b.bucket("configured")).tagSet());
            seen.put("policy", s3.getBucketPolicy(b -> b.bucket("configured")).policy());
            seen.put("acl", s3.getBucketAcl(b -> b.bucket("configured")).grants());
            seen.put("cors", s3.getBucketCors(b -> b.bucket("configured")).corsRules());
            seen.put("lifecycle", s3.getBucketLifecycleConfiguration(b -> b.bucket("configured")).rules());
            seen.put("encryption", s3.getBucketEncryption(b -> b.bucket("configured"))
                    .serverSideEncryptionConfiguration());
            seen.put("ownership", s3.getBucketOwnershipControls(b -> b.bucket("configured")).ownershipControls());
            seen.put("publicAccessBlock", s3.getPublicAccessBlock(b -> b.bucket("configured"))
                    .publicAccessBlockConfiguration());
            var website = s3.getBucketWebsite(b -> b.bucket("configured"));
            seen.put("website", List.of(website.indexDocument(), website.errorDocument()));
            seen.put("logging", s3.getBucketLogging(b -> b.bucket("configured")).loggingEnabled());
            seen.put("accelerate", s3.getBucketAccelerateConfiguration(b -> b.bucket("configured")).statusAsString());
            seen.put("requestPayment", s3.getBucketRequestPayment(b -> b.bucket("configured")).payerAsString());
            seen.put("notification", s3.getBucketNotificationConfiguration(b -> b.bucket("configured"))
                    .eventBridgeConfiguration() != null);
            seen.put("objectLock", s3.getObjectLockConfiguration(b -> b.bucket("locked")).objectLockConfiguration());
            seen.put("lockedVersioning", s3.getBucketVersioning(b -> b.bucket("locked")).statusAsString());
            return seen;
        });
        try (EmbeddedFrontEnd server = start(); S3Client s3 = S3Clients.client(server)) {
            assertThat(s3.getBucketVersioning(b -> b.bucket("configured")).status())
                    .isEqualTo(BucketVersioningStatus.ENABLED);
            assertThat(s3.getBucketAcl(b -> b.bucket("configured")).grants())
                    .anyMatch(g -> g.permission() == Permission.READ);
            assertS3Error(() -> s3.headBucket(b -> b.bucket("gone")), 404, null);
        }
    }

    @Test
    void objectsKeepMetadataTagsChecksumsVersionsAndDeleteMarkers() {
        byte[] first = randomBytes(10_000, 1);
        byte[] second = randomBytes(3_000, 2);
        sameAfterRestart(s3 -> {
            s3.createBucket(b -> b.bucket("history").objectOwnership(ObjectOwnership.OBJECT_WRITER));
            s3.putBucketVersioning(b -> b.bucket("history").versioningConfiguration(v -> v
                    .status(BucketVersioningStatus.ENABLED)));
            s3.putObject(b -> b.bucket("history").key("doc.txt").contentType("text/plain").cacheControl("max-age=60")
                    .contentDisposition("inline").contentLanguage("en").metadata(Map.of("author", "kim", "rev", "1"))
                    .tagging("stage=draft&owner=kim").checksumAlgorithm(ChecksumAlgorithm.SHA256)
                    .storageClass(StorageClass.STANDARD_IA).acl("public-read")
                    .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromBytes(first));
            clock.advanceSeconds(5);
            s3.putObject(b -> b.bucket("history").key("doc.txt").metadata(Map.of("rev", "2"))
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32_C), RequestBody.fromBytes(second));
            s3.putObjectTagging(b -> b.bucket("history").key("doc.txt").tagging(t -> t.tagSet(
                    Tag.builder().key("stage").value("final").build())));
            clock.advanceSeconds(5);
            s3.deleteObject(b -> b.bucket("history").key("doc.txt"));
            s3.putObject(b -> b.bucket("history").key("removed"), RequestBody.fromString("short-lived"));
            String removed = s3.listObjectVersions(b -> b.bucket("history").prefix("removed")).versions().get(0)
                    .versionId();
            s3.deleteObject(b -> b.bucket("history").key("removed").versionId(removed));
            s3.copyObject(b -> b.sourceBucket("history").sourceKey("doc.txt")
                    .sourceVersionId(s3.listObjectVersions(l -> l.bucket("history").prefix("doc.txt")).versions()
                            .get(1).versionId())
                    .destinationBucket("history").destinationKey("copy.txt"));

            s3.createBucket(b -> b.bucket("plain"));
            s3.putObject(b -> b.bucket("plain").key("a/b.bin").metadata(Map.of("x", "y")), RequestBody.fromBytes(first));
            s3.putObject(b -> b.bucket("plain").key("a/b.bin"), RequestBody.fromBytes(second));
            s3.putObject(b -> b.bucket("plain").key("empty"), RequestBody.empty());
        }, s3 -> {
            Map<String, Object> seen = new LinkedHashMap<>();
            ListObjectVersionsResponse versions = s3.listObjectVersions(b -> b.bucket("history"));
            seen.put("versions", versions.versions());
            seen.put("markers", versions.deleteMarkers());
            for (var v : versions.versions()) {
                HeadObjectResponse head = s3.headObject(b -> b.bucket("history").key(v.key()).versionId(v.versionId())
                        .checksumMode(ChecksumMode.ENABLED));
                String at = v.key() + "@" + v.versionId();
                seen.put(at + " head", List.of(String.valueOf(head.contentType()), String.valueOf(head.cacheControl()),
                        String.valueOf(head.contentDisposition()), String.valueOf(head.contentLanguage()), head.metadata(),
                        String.valueOf(head.checksumSHA256()), String.valueOf(head.checksumCRC32C()),
                        String.valueOf(head.checksumCRC64NVME()), String.valueOf(head.storageClassAsString()),
                        String.valueOf(head.serverSideEncryptionAsString()), head.eTag(), head.lastModified(),
                        head.contentLength()));
                seen.put(at + " tags", s3.getObjectTagging(b -> b.bucket("history").key(v.key())
                        .versionId(v.versionId())).tagSet());
                seen.put(at + " acl", s3.getObjectAcl(b -> b.bucket("history").key(v.key())
                        .versionId(v.versionId())).grants());
                seen.put(at + " bytes", List.of(s3.getObjectAsBytes(b -> b.bucket("history").key(v.key())
                        .versionId(v.versionId())).asByteArray()));
            }
            GetObjectAttributesResponse attributes = s3.getObjectAttributes(b -> b.bucket("plain").key("a/b.bin")
                    .objectAttributes(ObjectAttributes.E_TAG, ObjectAttributes.CHECKSUM, ObjectAttributes.OBJECT_SIZE,
                            ObjectAttributes.STORAGE_CLASS));
            seen.put("attributes", List.of(attributes.eTag(), attributes.checksum(), attributes.objectSize(),
                    attributes.storageClassAsString(), attributes.lastModified()));
            seen.put("plain", s3.listObjectsV2(b -> b.bucket("plain")).contents());
            seen.put("plain bytes", List.of(s3.getObjectAsBytes(b -> b.bucket("plain").key("a/b.bin")).asByteArray(),
                    s3.getObjectAsBytes(b -> b.bucket("plain").key("empty")).asByteArray()));
            seen.put("plain meta", s3.headObject(b -> b.bucket("plain").key("a/b.bin")).metadata());
            return seen;
        });
        try (EmbeddedFrontEnd server = start(); S3Client s3 = S3Clients.client(server)) {
            assertS3Error(() -> s3.getObject(b -> b.bucket("history").key("doc.txt")), 404, "NoSuchKey");
            assertThat(s3.listObjectVersions(b -> b.bucket("history")).versions()).extracting(v -> v.key())
                    .containsExactly("copy.txt", "doc.txt", "doc.txt");
            assertThat(s3.getObjectAsBytes(b -> b.bucket("plain").key("a/b.bin")).asByteArray()).isEqualTo(second);
            // only the bodies of kept versions are left
            storedBodies(server, 5);
        }
    }

    @Test
    void uploadInProgressCompletesAfterRestart() {
        byte[] part1 = randomBytes(5 * 1024 * 1024, 3);
        byte[] part2 = randomBytes(1234, 4);
        String[] ids = new String[2];
        List<String> etags = new ArrayList<>();
        sameAfterRestart(s3 -> {
            s3.createBucket(b -> b.bucket("uploads"));
            CreateMultipartUploadResponse upload = s3.createMultipartUpload(b -> b.bucket("uploads").key("big.bin")
                    .contentType("application/x-big").metadata(Map.of("origin", "camera")).tagging("kind=raw")
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256).storageClass(StorageClass.ONEZONE_IA));
            ids[0] = upload.uploadId();
            for (byte[] part : List.of(part1, part2)) {
                int number = etags.size() + 1;
                UploadPartResponse uploaded = s3.uploadPart(b -> b.bucket("uploads").key("big.bin")
                        .uploadId(ids[0]).partNumber(number).checksumAlgorithm(ChecksumAlgorithm.SHA256),
                        RequestBody.fromBytes(part));
                etags.add(uploaded.eTag());
            }
            ids[1] = s3.createMultipartUpload(b -> b.bucket("uploads").key("dropped")).uploadId();
            s3.uploadPart(b -> b.bucket("uploads").key("dropped").uploadId(ids[1]).partNumber(1),
                    RequestBody.fromString("never kept"));
            s3.abortMultipartUpload(b -> b.bucket("uploads").key("dropped").uploadId(ids[1]));
        }, s3 -> {
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("uploads", s3.listMultipartUploads(b -> b.bucket("uploads")).uploads());
            ListPartsResponse parts = s3.listParts(b -> b.bucket("uploads").key("big.bin").uploadId(ids[0]));
            seen.put("parts", parts.parts());
            seen.put("algorithm", parts.checksumAlgorithmAsString());
            seen.put("storageClass", parts.storageClassAsString());
            return seen;
        });
        try (EmbeddedFrontEnd server = start(); S3Client s3 = S3Clients.client(server)) {
            List<CompletedPart> completed = new ArrayList<>();
            ListPartsResponse parts = s3.listParts(b -> b.bucket("uploads").key("big.bin").uploadId(ids[0]));
            for (var p : parts.parts()) {
                completed.add(CompletedPart.builder().partNumber(p.partNumber()).eTag(p.eTag())
                        .checksumSHA256(p.checksumSHA256()).build());
            }
            assertThat(completed).extracting(CompletedPart::eTag).containsExactlyElementsOf(etags);
            String etag = s3.completeMultipartUpload(b -> b.bucket("uploads").key("big.bin").uploadId(ids[0])
                    .multipartUpload(m -> m.parts(completed))).eTag();
            assertThat(etag).endsWith("-2\"");
            assertThat(s3.listMultipartUploads(b -> b.bucket("uploads")).uploads()).isEmpty();
        }
        try (EmbeddedFrontEnd server = start(); S3Client s3 = S3Clients.client(server)) {
            byte[] whole = new byte[part1.length + part2.length];
            System.arraycopy(part1, 0, whole, 0, part1.length);
            System.arraycopy(part2, 0, whole, part1.length, part2.length);
            var object = s3.getObjectAsBytes(b -> b.bucket("uploads").key("big.bin"));
            assertThat(object.asByteArray()).isEqualTo(whole);
            assertThat(object.response().contentType()).isEqualTo("application/x-big");
            assertThat(object.response().metadata()).containsEntry("origin", "camera");
            assertThat(object.response().storageClass()).isEqualTo(StorageClass.ONEZONE_IA);
            assertThat(s3.getObjectTagging(b -> b.bucket("uploads").key("big.bin")).tagSet())
                    .containsExactly(Tag.builder().key("kind").value("raw").build());
            assertThat(s3.headObject(b -> b.bucket("uploads").key("big.bin").partNumber(2)).partsCount()).isEqualTo(2);
            // completing again answers the result again, as before the restart
            assertThat(s3.completeMultipartUpload(b -> b.bucket("uploads").key("big.bin").uploadId(ids[0])
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etags.get(0)).build())))
                    .eTag()).endsWith("-2\"");
            storedBodies(server, 1);
        }
    }

    @Test
    void filesNoRecordNamesGoAtStartAndNamedOnesStay() throws Exception {
        try (EmbeddedFrontEnd server = start(); S3Client s3 = S3Clients.client(server)) {
            s3.createBucket(b -> b.bucket("kept"));
            s3.putObject(b -> b.bucket("kept").key("k"), RequestBody.fromString("kept bytes"));
        }
        // what a run killed before its record was written leaves: a file no record names
        Path orphan = Files.writeString(dataDir.resolve("s3/objects/0badc0de-" + java.util.UUID.randomUUID()), "orphan");
        try (EmbeddedFrontEnd server = start(); S3Client s3 = S3Clients.client(server)) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("kept").key("k")).asUtf8String()).isEqualTo("kept bytes");
            dev.gureum.core.testing.Await.until(() -> !Files.exists(orphan), "the orphan to be removed");
            storedBodies(server, 1);
            server.registry().reset();
        }
        try (EmbeddedFrontEnd server = start(); S3Client s3 = S3Clients.client(server)) {
            assertThat(s3.listBuckets().buckets()).isEmpty();
        }
    }

    /** Files of their own and live slices of segments: those of an earlier run are counted once taken in. */
    private static void storedBodies(EmbeddedFrontEnd server, int expected) {
        dev.gureum.s3.http.S3Service s3 = (dev.gureum.s3.http.S3Service) server.registry().get("s3");
        dev.gureum.core.testing.Await.until(() -> s3.storedBodies() == expected, expected + " stored bodies");
        assertThat(s3.storedBodies()).isEqualTo(expected);
    }
}
